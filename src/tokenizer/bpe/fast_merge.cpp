#include "tokenizer/bpe/fast_merge.h"

#include <algorithm>

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

bool ByteTokens::has_every_byte() const {
  return std::find(single.begin(), single.end(), kNoRank) == single.end();
}

ByteTokens byte_tokens(const RankTable& ranks) {
  ByteTokens tokens;
  for (int byte = 0; byte < 256; ++byte) {
    const char one = static_cast<char>(byte);
    tokens.single[byte] = ranks.find(std::string_view(&one, 1));
  }
  // The two-byte tokens, from the vocabulary itself: one pass over its ranks
  // instead of 65,536 lookups.
  tokens.pairs.assign(std::size_t{1} << 16, kNoRank);
  for (Rank rank = 0; rank < ranks.rank_limit(); ++rank) {
    const std::string_view token = ranks.bytes_of(rank);
    if (token.size() != 2) continue;
    tokens.pairs[std::size_t{static_cast<unsigned char>(token[0])} << 8 | static_cast<unsigned char>(token[1])] = rank;
  }
  return tokens;
}

void byte_pair_encode(std::string_view piece, const RankTable& table, const ByteTokens& bytes, PairMemo& memo, std::uint32_t base, std::vector<TokenId>& ids,
                      std::vector<std::uint32_t>& starts) {
  const std::size_t byte_count = piece.size();
  if (byte_count == 0) return;
  if (byte_count > kLinearScanLimit) {
    const std::size_t first = ids.size();
    byte_pair_encode_ref(piece, table, ids, &starts);
    for (std::size_t i = first; i < starts.size(); ++i) starts[i] += base;
    return;
  }
  // Parts form a list in byte order: the part starting at byte i is token
  // id[i] and the next part starts at next[i] (byte_count: none). merged[i]
  // is the token of part i joined with the next, also its priority. A merge
  // unlinks the right part; nothing moves (shifting three arrays was half
  // the loop's work on short pieces).
  TokenId id[kLinearScanLimit];
  std::uint32_t next[kLinearScanLimit];
  TokenId merged[kLinearScanLimit];
  const auto end = static_cast<std::uint32_t>(byte_count);
  const auto* text = reinterpret_cast<const unsigned char*>(piece.data());
  for (std::uint32_t i = 0; i < end; ++i) {
    id[i] = bytes.single[text[i]];
    next[i] = i + 1;
  }
  auto pair_token = [&](std::uint32_t i) {
    const std::uint32_t right = next[i];
    TokenId token;
    if (memo.find(id[i], id[right], token)) return token;
    const std::uint32_t pair_end = next[right];
    return look_up_pair(table, memo, id[i], id[right], piece.substr(i, pair_end - i));
  };
  for (std::uint32_t i = 0; i + 1 < end; ++i) merged[i] = bytes.pairs[std::size_t{text[i]} << 8 | text[i + 1]];
  merged[end - 1] = kNoRank;
  constexpr std::uint32_t kNone = ~std::uint32_t{0};
  for (;;) {
    TokenId best = kNoRank;
    std::uint32_t best_at = 0;
    std::uint32_t before_best = kNone;
    for (std::uint32_t i = 0, before = kNone; i != end; before = i, i = next[i]) {
      if (merged[i] < best) {  // strict: the leftmost of equal priorities stays
        best = merged[i];
        best_at = i;
        before_best = before;
      }
    }
    if (best == kNoRank) break;
    id[best_at] = best;
    next[best_at] = next[next[best_at]];
    merged[best_at] = next[best_at] != end ? pair_token(best_at) : kNoRank;
    if (before_best != kNone) merged[before_best] = pair_token(before_best);
  }
  for (std::uint32_t i = 0; i != end; i = next[i]) {
    ids.push_back(id[i]);
    starts.push_back(base + i);
  }
}

}  // namespace tokenlab
