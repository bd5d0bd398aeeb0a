#include "tokenizer/bpe/fast_merge.h"

namespace tokenlab {

namespace {

// A pair the memo does not know: looked up by its joined bytes, then
// remembered. Out of line, so the merge loop around the memo's hit stays small
// (inlined, this lookup and its hash made the loop a call per pair).
[[gnu::noinline]] TokenId look_up_pair(const RankTable& table, PairMemo& memo, TokenId left, TokenId right,
                                       std::string_view joined) {
  const TokenId token = table.find(joined);
  memo.put(left, right, token);
  return token;
}

}  // namespace

std::array<TokenId, 256> byte_tokens(const RankTable& ranks) {
  std::array<TokenId, 256> ids;
  for (int byte = 0; byte < 256; ++byte) {
    const char single = static_cast<char>(byte);
    ids[byte] = ranks.find(std::string_view(&single, 1));
  }
  return ids;
}

void byte_pair_encode(std::string_view piece, const RankTable& table, const std::array<TokenId, 256>& byte_ids,
                      PairMemo& memo, std::uint32_t base, std::vector<TokenId>& ids,
                      std::vector<std::uint32_t>& starts) {
  const std::size_t byte_count = piece.size();
  if (byte_count > kLinearScanLimit) {
    const std::size_t first = ids.size();
    byte_pair_encode_ref(piece, table, ids, &starts);
    for (std::size_t i = first; i < starts.size(); ++i) starts[i] += base;
    return;
  }
  // Part i is token id[i] over bytes [start[i], start[i + 1]); start[count] is
  // the end of the piece. merged[i] is the token of parts i and i + 1, which
  // is also its priority.
  TokenId id[kLinearScanLimit];
  std::uint32_t start[kLinearScanLimit + 1];
  TokenId merged[kLinearScanLimit];
  std::size_t count = byte_count;
  for (std::size_t i = 0; i < count; ++i) {
    id[i] = byte_ids[static_cast<unsigned char>(piece[i])];
    start[i] = static_cast<std::uint32_t>(i);
  }
  start[count] = static_cast<std::uint32_t>(count);
  auto pair_token = [&](std::size_t i) {
    TokenId token;
    if (memo.find(id[i], id[i + 1], token)) return token;
    return look_up_pair(table, memo, id[i], id[i + 1], piece.substr(start[i], start[i + 2] - start[i]));
  };
  for (std::size_t i = 0; i + 1 < count; ++i) merged[i] = pair_token(i);
  while (count > 1) {
    std::size_t best = 0;
    for (std::size_t i = 1; i + 1 < count; ++i) {
      if (merged[i] < merged[best]) best = i;  // strict: the leftmost of equal priorities stays
    }
    if (merged[best] == kNoRank) break;
    id[best] = merged[best];
    for (std::size_t i = best + 1; i + 1 < count; ++i) id[i] = id[i + 1];
    for (std::size_t i = best + 1; i + 2 < count; ++i) merged[i] = merged[i + 1];
    for (std::size_t i = best + 1; i < count; ++i) start[i] = start[i + 1];
    --count;
    if (best + 1 < count) merged[best] = pair_token(best);
    if (best > 0) merged[best - 1] = pair_token(best - 1);
  }
  for (std::size_t i = 0; i < count; ++i) {
    ids.push_back(id[i]);
    starts.push_back(base + start[i]);
  }
}

}  // namespace tokenlab
