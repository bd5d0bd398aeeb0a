#include "tokenizer/hf/tokenizer.h"

#include <algorithm>
#include <limits>

#include "tokenizer/errors.h"

namespace tokenlab {

namespace {

void push_token(Encoding& out, TokenId id, std::uint32_t start, std::uint32_t end) {
  out.ids.push_back(id);
  out.starts.push_back(start);
  out.ends.push_back(end);
}

}  // namespace

HfTokenizer::HfTokenizer(HfTokenizerParts parts) : parts_(std::move(parts)) {
  if (!parts_.model) throw VocabError(parts_.name + ": no model");
  vocab_size_ = parts_.model->vocab_size();
  for (const AddedToken& token : parts_.added_tokens) vocab_size_ = std::max<std::size_t>(vocab_size_, token.id + 1);
  special_.assign(vocab_size_, false);
  added_by_id_.assign(vocab_size_, nullptr);
  for (const AddedToken& token : parts_.added_tokens) {
    special_[token.id] = token.special;
    added_by_id_[token.id] = &token;
    Matchers& level = token.normalized ? normalized_level_ : original_level_;
    AddedToken matched = token;
    if (token.normalized && parts_.normalizer) {
      // Matched after normalization, so look for the normalized spelling.
      NormalizedText content;
      NormalizedText normalized_content;
      content.assign_original(token.content, 0);
      parts_.normalizer->normalize(content, normalized_content);
      matched.content = normalized_content.text;
    }
    level.all.add(matched);
    if (!token.special) level.non_special.add(matched);
  }
  display_offsets_.reserve(vocab_size_ + 1);
  for (std::size_t id = 0; id < vocab_size_; ++id) {
    display_offsets_.push_back(static_cast<std::uint32_t>(display_blob_.size()));
    if (const std::string* content = added_content(static_cast<TokenId>(id))) {
      display_blob_.append(*content);
    } else {
      display_blob_.append(parts_.decoder.token_bytes(parts_.model->token_text(static_cast<TokenId>(id))));
    }
  }
  display_offsets_.push_back(static_cast<std::uint32_t>(display_blob_.size()));
  fused_path_ = choose_fused_path();
  if (fused_path_ == FusedPath::kSpaceRewrite) space_rewrite_model_ = dynamic_cast<BpeModel*>(parts_.model.get());
  if (auto* bpe = dynamic_cast<BpeModel*>(parts_.model.get()); bpe && bpe->encodes_whole_pieces()) {
    whole_piece_model_ = bpe;
  }
}

const std::string* HfTokenizer::added_content(TokenId id) const {
  return id < added_by_id_.size() && added_by_id_[id] ? &added_by_id_[id]->content : nullptr;
}

void HfTokenizer::encode(std::string_view text, const EncodeOptions& options, Encoding& out) {
  if (text.size() >= std::numeric_limits<std::uint32_t>::max()) {
    throw UsageError(parts_.name + ": text of " + std::to_string(text.size()) +
                     " bytes is longer than the 4 GiB byte offsets can address");
  }
  out.clear();
  out.ids.reserve(text.size() / 3);
  out.starts.reserve(text.size() / 3);
  out.ends.reserve(text.size() / 3);
  const auto size = static_cast<std::uint32_t>(text.size());
  if (options.add_special_tokens) {
    for (const TokenId id : parts_.prefix_ids) push_token(out, id, 0, 0);
  }
  segments_.clear();
  original_level_.pick(options.allow_special).split(text, segments_);
  for (const auto& segment : segments_) {
    if (segment.id != kNoRank) {
      push_token(out, segment.id, segment.begin, segment.end);
    } else {
      encode_text(text, segment.begin, segment.end, options.allow_special, out);
    }
  }
  if (options.add_special_tokens) {
    for (const TokenId id : parts_.suffix_ids) push_token(out, id, size, size);
  }
}

void HfTokenizer::encode_text(std::string_view text, std::uint32_t begin, std::uint32_t end, bool allow_special,
                              Encoding& out) {
  const std::string_view segment = text.substr(begin, end - begin);
  const AddedTokenMatcher& normalized_matcher = normalized_level_.pick(allow_special);
  if (!parts_.normalizer && !parts_.pre_tokenizer.rewrites() && normalized_matcher.empty()) {
    // Nothing changes the text: pieces are spans of the original (LLaMA 3, byte-level BPE).
    encode_unchanged(segment, begin, out);
    return;
  }
  if (fused_enabled_ && normalized_matcher.empty()) {
    switch (fused_path_) {
      case FusedPath::kBertLowercase:
      case FusedPath::kBertCased: return encode_bert_fused(text, begin, end, out);
      case FusedPath::kSpaceRewrite:
        return space_rewrite_model_->encode_rewritten(segment, begin, space_rewrite_.prefix, space_rewrite_.space, out);
      case FusedPath::kNone: break;
    }
  }
  if (parts_.normalizer) {
    parts_.normalizer->normalize_original(segment, begin, normalized_);
  } else {
    normalized_.assign_original(segment, begin);
  }
  const NormalizedText* normalized = &normalized_;
  if (normalized->empty()) return;
  if (normalized_matcher.empty()) {
    encode_normalized(*normalized, begin == 0, out);
    return;
  }
  sub_segments_.clear();
  normalized_matcher.split(normalized->text, sub_segments_);
  NormalizedText part;
  for (const auto& sub : sub_segments_) {
    if (sub.id != kNoRank) {
      const ByteSpan span = normalized->original_span(sub.begin, sub.end);
      push_token(out, sub.id, span.begin, span.end);
      continue;
    }
    part.clear();
    part.append_from(*normalized, sub.begin, sub.end - sub.begin);
    encode_normalized(part, begin == 0, out);
  }
}

void HfTokenizer::encode_normalized(const NormalizedText& normalized, bool at_text_start, Encoding& out) {
  const NormalizedText* aligned = &normalized;
  pieces_.clear();
  if (parts_.pre_tokenizer.rewrites()) {
    rewritten_ = normalized;
    parts_.pre_tokenizer.pre_tokenize(rewritten_, at_text_start, pieces_);
    aligned = &rewritten_;
  } else {
    parts_.pre_tokenizer.split(normalized.text, pieces_);
  }
  encode_split_pieces(aligned->text, [aligned](std::uint32_t piece_begin, std::uint32_t piece_end) {
    return aligned->original_span(piece_begin, piece_end);
  }, out);
}

void HfTokenizer::encode_unchanged(std::string_view segment, std::uint32_t begin, Encoding& out) {
  pieces_.clear();
  parts_.pre_tokenizer.split(segment, pieces_);
  if (whole_piece_model_) {
    for (const ByteSpan piece : pieces_) {
      whole_piece_model_->encode_piece_at(segment.substr(piece.begin, piece.end - piece.begin), begin + piece.begin,
                                          out);
    }
    return;
  }
  for (const ByteSpan piece : pieces_) {
    const std::size_t first = out.ids.size();
    parts_.model->encode_piece(segment.substr(piece.begin, piece.end - piece.begin), out.ids, out.starts);
    const std::size_t count = out.ids.size();
    if (count == first) continue;
    const std::uint32_t offset = begin + piece.begin;
    for (std::size_t i = first; i < count; ++i) out.starts[i] += offset;
    for (std::size_t i = first + 1; i < count; ++i) out.ends.push_back(out.starts[i]);
    out.ends.push_back(begin + piece.end);
  }
}

template <class MapSpan>
void HfTokenizer::encode_split_pieces(std::string_view text, MapSpan map, Encoding& out) {
  for (const ByteSpan piece : pieces_) {
    piece_ids_.clear();
    piece_starts_.clear();
    parts_.model->encode_piece(text.substr(piece.begin, piece.end - piece.begin), piece_ids_, piece_starts_);
    const std::size_t count = piece_ids_.size();
    for (std::size_t i = 0; i < count; ++i) {
      const std::uint32_t token_end = i + 1 < count ? piece_starts_[i + 1] : piece.end - piece.begin;
      const ByteSpan span = map(piece.begin + piece_starts_[i], piece.begin + token_end);
      push_token(out, piece_ids_[i], span.begin, span.end);
    }
  }
}

bool HfTokenizer::set_id_pair_merging(bool enabled) {
  auto* bpe = dynamic_cast<BpeModel*>(parts_.model.get());
  return bpe != nullptr && bpe->set_id_pair_merging(enabled);
}

std::string HfTokenizer::decode(std::span<const TokenId> ids) const {
  std::vector<std::string_view> texts;
  texts.reserve(ids.size());
  std::unique_ptr<bool[]> added(new bool[ids.size()]);
  for (std::size_t i = 0; i < ids.size(); ++i) {
    const TokenId id = ids[i];
    const std::string* content = added_content(id);
    const std::string_view text = content ? std::string_view(*content) : parts_.model->token_text(id);
    if (text.empty()) {
      throw UsageError("token id " + std::to_string(id) + " is not in " + parts_.name + " (vocabulary size " +
                       std::to_string(vocab_size_) + ")");
    }
    texts.push_back(text);
    added[i] = content != nullptr;
  }
  return parts_.decoder.decode(texts, std::span<const bool>(added.get(), ids.size()));
}

std::string_view HfTokenizer::token_bytes(TokenId id) const {
  if (id >= vocab_size_) return {};
  return std::string_view(display_blob_).substr(display_offsets_[id], display_offsets_[id + 1] - display_offsets_[id]);
}

std::size_t HfTokenizer::memory_bytes() const {
  return parts_.model->memory_bytes() + display_blob_.capacity() + display_offsets_.capacity() * 4 +
         special_.capacity() / 8 + added_by_id_.capacity() * sizeof(void*) +
         (normalized_.origins.capacity() + rewritten_.origins.capacity()) *
             sizeof(ByteSpan);
}

}  // namespace tokenlab
