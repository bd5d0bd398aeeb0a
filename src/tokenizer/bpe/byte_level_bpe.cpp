#include "tokenizer/bpe/byte_level_bpe.h"

#include <algorithm>

#include "tokenizer/bpe/rank_merge.h"
#include "tokenizer/errors.h"

namespace tokenlab {

ByteLevelBpeTokenizer::ByteLevelBpeTokenizer(std::string name, SplitPattern pattern, RankTable ranks,
                                             SpecialTokens specials)
    : name_(std::move(name)),
      pattern_(pattern),
      ranks_(std::move(ranks)),
      specials_(std::move(specials)),
      cache_(PieceCache::kByteLevelSlotBits) {
  vocab_size_ = ranks_.rank_limit();
  byte_tokens_ = byte_tokens(ranks_);
  all_bytes_ = byte_tokens_.has_every_byte();
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
  if (ref_ranks_.capacity() > kKeptScratchElements) std::vector<Rank>().swap(ref_ranks_);
  if (ref_starts_.capacity() > kKeptScratchElements) std::vector<std::uint32_t>().swap(ref_starts_);
}

void ByteLevelBpeTokenizer::encode_piece(std::string_view piece, std::uint32_t piece_start, Encoding& out) {
  if (piece.empty()) return;
  const std::uint32_t hash = RankTable::hash_bytes(piece);
  const auto piece_end = piece_start + static_cast<std::uint32_t>(piece.size());
  const Rank whole = ranks_.find(piece, hash);
  if (whole != kNoRank) {
    out.ids.push_back(whole);
    out.starts.push_back(piece_start);
    out.ends.push_back(piece_end);
    return;
  }
  const std::size_t first = out.ids.size();
  const bool cacheable = PieceCache::cacheable(piece);
  if (!cacheable || !cache_.find(piece, hash, piece_start, out.ids, out.starts)) {
    merge_piece(piece, piece_start, out);
    const std::size_t count = out.ids.size() - first;
    if (cacheable && count <= PieceCache::kMaxTokens) {
      // The cache keeps starts relative to the piece; out holds them absolute.
      std::uint32_t relative[PieceCache::kMaxTokens];
      for (std::size_t i = 0; i < count; ++i) relative[i] = out.starts[first + i] - piece_start;
      cache_.put(piece, hash, out.ids.data() + first, relative, count);
    }
  }
  // Each token ends where the next one starts; the last where the piece ends.
  for (std::size_t i = first + 1; i < out.ids.size(); ++i) out.ends.push_back(out.starts[i]);
  out.ends.push_back(piece_end);
}

void ByteLevelBpeTokenizer::merge_piece(std::string_view piece, std::uint32_t piece_start, Encoding& out) {
  if (all_bytes_) {
    byte_pair_encode(piece, ranks_, byte_tokens_, pairs_, piece_start, out.ids, out.starts);
    return;
  }
  ref_ranks_.clear();
  ref_starts_.clear();
  byte_pair_encode_ref(piece, ranks_, ref_ranks_, &ref_starts_);
  for (std::size_t i = 0; i < ref_ranks_.size(); ++i) {
    out.ids.push_back(ref_ranks_[i]);
    out.starts.push_back(piece_start + ref_starts_[i]);
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
  return ranks_.memory_bytes() + byte_tokens_.memory_bytes() + pairs_.memory_bytes() + cache_.memory_bytes() +
         pieces_.capacity() * sizeof(ByteSpan);
}

}  // namespace tokenlab
