#include "tokenizer/bpe/byte_level_bpe.h"

#include <algorithm>

#include "tokenizer/bpe/rank_merge.h"
#include "tokenizer/errors.h"

namespace tokenlab {

ByteLevelBpeTokenizer::ByteLevelBpeTokenizer(std::string name, SplitPattern pattern, RankTable ranks,
                                             SpecialTokens specials)
    : name_(std::move(name)), pattern_(pattern), ranks_(std::move(ranks)), specials_(std::move(specials)) {
  vocab_size_ = ranks_.rank_limit();
  for (const auto& [text, id] : specials_.tokens()) {
    if (ranks_.contains_rank(id)) {
      throw VocabError(name_ + ": special token " + text + " reuses id " + std::to_string(id) + " of a normal token");
    }
    vocab_size_ = std::max<std::size_t>(vocab_size_, std::size_t{id} + 1);
  }
}

void ByteLevelBpeTokenizer::encode(std::string_view text, const EncodeOptions& options, Encoding& out) {
  out.clear();
  out.ids.reserve(text.size() / 3);
  out.starts.reserve(text.size() / 3);
  out.ends.reserve(text.size() / 3);
  if (!options.allow_special || specials_.empty()) {
    encode_ordinary(text, 0, out);
    return;
  }
  std::size_t pos = 0;
  while (pos <= text.size()) {
    const SpecialTokens::Match match = specials_.find_next(text, pos);
    const std::size_t segment_end = match.length > 0 ? match.position : text.size();
    encode_ordinary(text.substr(pos, segment_end - pos), static_cast<std::uint32_t>(pos), out);
    if (match.length == 0) break;
    out.ids.push_back(match.id);
    out.starts.push_back(static_cast<std::uint32_t>(match.position));
    out.ends.push_back(static_cast<std::uint32_t>(match.position + match.length));
    pos = match.position + match.length;
  }
}

void ByteLevelBpeTokenizer::encode_ordinary(std::string_view text, std::uint32_t base_offset, Encoding& out) {
  if (text.empty()) return;
  pieces_.clear();
  pre_tokenize(pattern_, text, pieces_);
  for (const ByteSpan span : pieces_) {
    encode_piece(text.substr(span.begin, span.end - span.begin), base_offset + span.begin, out);
  }
  release_large_scratch();
}

void ByteLevelBpeTokenizer::release_large_scratch() {
  if (pieces_.capacity() > kKeptScratchElements) std::vector<ByteSpan>().swap(pieces_);
  if (scratch_.ranks.capacity() > kKeptScratchElements) scratch_ = CachedPiece{};
}

void ByteLevelBpeTokenizer::encode_piece(std::string_view piece, std::uint32_t piece_start, Encoding& out) {
  const Rank whole = ranks_.find(piece);
  if (whole != kNoRank) {
    out.ids.push_back(whole);
    out.starts.push_back(piece_start);
    out.ends.push_back(piece_start + static_cast<std::uint32_t>(piece.size()));
    return;
  }
  const CachedPiece* merged = &scratch_;
  if (const auto found = cache_.find(piece); found != cache_.end()) {
    merged = &found->second;
  } else {
    scratch_.ranks.clear();
    scratch_.starts.clear();
    byte_pair_encode_ref(piece, ranks_, scratch_.ranks, &scratch_.starts);
    if (piece.size() <= kLongestCachedPiece) {
      if (cache_.size() >= kCacheLimit) cache_.clear();
      merged = &cache_.emplace(std::string(piece), scratch_).first->second;
    }
  }
  const std::size_t count = merged->ranks.size();
  for (std::size_t i = 0; i < count; ++i) {
    out.ids.push_back(merged->ranks[i]);
    out.starts.push_back(piece_start + merged->starts[i]);
    out.ends.push_back(piece_start + (i + 1 < count ? merged->starts[i + 1] : static_cast<std::uint32_t>(piece.size())));
  }
}

std::string ByteLevelBpeTokenizer::decode(std::span<const TokenId> ids) const {
  std::string bytes;
  for (const TokenId id : ids) {
    const std::string_view token = token_bytes(id);
    if (token.empty()) {
      throw UsageError("token id " + std::to_string(id) + " is not in " + name_ + " (vocabulary size " +
                       std::to_string(vocab_size_) + ")");
    }
    bytes.append(token);
  }
  return bytes;
}

std::string_view ByteLevelBpeTokenizer::token_bytes(TokenId id) const {
  if (ranks_.contains_rank(id)) return ranks_.bytes_of(id);
  if (const std::string* special = specials_.text_of(id)) return *special;
  return {};
}

std::size_t ByteLevelBpeTokenizer::memory_bytes() const {
  std::size_t cache_bytes = 0;
  for (const auto& [piece, merged] : cache_) {
    cache_bytes += piece.capacity() + merged.ranks.capacity() * sizeof(Rank) +
                   merged.starts.capacity() * sizeof(std::uint32_t) + 64;
  }
  return ranks_.memory_bytes() + cache_bytes + pieces_.capacity() * sizeof(ByteSpan);
}

}  // namespace tokenlab
