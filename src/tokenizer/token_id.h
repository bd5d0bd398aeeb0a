// TokenId: a token's number in its vocabulary, the one type every stage of the
// pipeline and every result shares. (In tiktoken's files it is also the merge
// rank; bpe/rank_table.h names that use Rank.)
#pragma once

#include <cstdint>

namespace tokenlab {

using TokenId = std::uint32_t;

}  // namespace tokenlab
