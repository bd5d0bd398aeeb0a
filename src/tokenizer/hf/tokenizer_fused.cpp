// HfTokenizer's fused paths: the normalizer, pre-tokenizer and model of two
// common pipelines run as one loop over the original text, for stretches of
// printable ASCII, with the general pipeline (tokenizer.cpp) taking every
// stretch that holds any other byte. Both give the same tokens and offsets.
//
//   LLaMA 2, Mistral, Gemma (Prepend "▁" and/or Replace " " -> "▁", a character-level
//   BPE model, no pre-tokenizer that splits): BpeModel::encode_rewritten, every byte.
//   BERT (BertNormalizer with clean_text + BertPreTokenizer), "Hi, THERE é!":
//     "Hi," " THERE"  fused:   lower-cased in place, split at punctuation -> hi , there
//     "é!"            general: the whole normalizer, NFD and all -> e !
//
// Why stretches between ASCII whitespace can be cut apart: every step of these
// pipelines looks at one character at a time (clean-up, CJK spacing, lower
// case) or at a run of combining marks after a starter (NFD), and an ASCII
// space, tab or line break is a starter that the pre-tokenizer drops, so no
// token and no normalization crosses it.
//
// Measured on 1 MB of each bench corpus (native, best of 3): BERT went from
// 22 to 48 MB/s on English, 16 to 40 on code and 15 to 24 on multilingual
// text (most of its words are ASCII; the others take the general way one
// stretch at a time); the SentencePiece path is measured in bpe.h.
#include "tokenizer/hf/tokenizer.h"

#include "tokenizer/hf/bert_normalizer.h"
#include "tokenizer/unicode/utf8.h"

namespace tokenlab {

namespace {

// Bytes BERT's clean-up turns into a space, which its pre-tokenizer then drops.
bool is_ascii_space(unsigned char byte) { return byte == ' ' || byte == '\t' || byte == '\n' || byte == '\r'; }

// Printable ASCII: neither dropped by clean_text nor changed by NFD or accent stripping.
bool is_printable_ascii(unsigned char byte) { return byte > 0x20 && byte < 0x7F; }

// BERT's punctuation within printable ASCII: everything but letters and digits.
bool is_ascii_punctuation(unsigned char byte) {
  return !((byte >= '0' && byte <= '9') || (byte >= 'a' && byte <= 'z') || (byte >= 'A' && byte <= 'Z'));
}

bool is_well_formed(std::string_view text) {
  for (std::size_t pos = 0; pos < text.size();) {
    const utf8::Decoded unit = utf8::decode(text, pos);
    if (unit.codepoint == utf8::kInvalidCodepoint) return false;
    pos += unit.length;
  }
  return true;
}

}  // namespace

HfTokenizer::FusedPath HfTokenizer::choose_fused_path() {
  const auto* bpe = dynamic_cast<const BpeModel*>(parts_.model.get());
  if (bpe && parts_.normalizer && !bpe->options().byte_level && !bpe->options().ignore_merges &&
      !parts_.pre_tokenizer.byte_level() && parts_.normalizer->space_rewrite(space_rewrite_) &&
      is_well_formed(space_rewrite_.prefix) && is_well_formed(space_rewrite_.space)) {
    // A pre-tokenizer that splits only at literals holding a " " has nothing to split once spaces are gone.
    const bool spaces_left = space_rewrite_.prefix.find(' ') != std::string::npos ||
                             space_rewrite_.space.find(' ') != std::string::npos;
    if (parts_.pre_tokenizer.keeps_whole(spaces_left)) return FusedPath::kSpaceRewrite;
  }
  const auto* bert = dynamic_cast<const BertNormalizer*>(parts_.normalizer.get());
  if (bert && bert->options().clean_text && parts_.pre_tokenizer.is_bert_only()) {
    return bert->options().lowercase ? FusedPath::kBertLowercase : FusedPath::kBertCased;
  }
  return FusedPath::kNone;
}

void HfTokenizer::encode_general(std::string_view text, std::uint32_t begin, Encoding& out) {
  parts_.normalizer->normalize_original(text, begin, normalized_);
  if (!normalized_.empty()) encode_normalized(normalized_, begin == 0, out);
}

void HfTokenizer::encode_bert_fused(std::string_view text, std::uint32_t begin, std::uint32_t end, Encoding& out) {
  const bool lower = fused_path_ == FusedPath::kBertLowercase;
  std::uint32_t general_begin = end;  // the stretch left for the general pipeline, [general_begin, general_end)
  std::uint32_t general_end = end;
  auto flush_general = [&] {
    if (general_begin < general_end) {
      encode_general(text.substr(general_begin, general_end - general_begin), general_begin, out);
    }
    general_begin = general_end = end;
  };
  std::uint32_t pos = begin;
  while (pos < end) {
    while (pos < end && is_ascii_space(static_cast<unsigned char>(text[pos]))) ++pos;
    if (pos == end) break;
    // A word: the bytes up to the next ASCII whitespace.
    const std::uint32_t word_begin = pos;
    bool printable = true;
    while (pos < end && !is_ascii_space(static_cast<unsigned char>(text[pos]))) {
      printable = printable && is_printable_ascii(static_cast<unsigned char>(text[pos]));
      ++pos;
    }
    if (!printable) {
      // Joins the stretch before it, with the whitespace between them.
      if (general_begin == end) general_begin = word_begin;
      general_end = pos;
      continue;
    }
    flush_general();
    // [^\s<punct>]+ | [<punct>], letters lower-cased: each byte keeps its own offset.
    std::uint32_t run_begin = word_begin;
    for (std::uint32_t at = word_begin; at <= pos; ++at) {
      const bool punctuation = at < pos && is_ascii_punctuation(static_cast<unsigned char>(text[at]));
      if (at < pos && !punctuation) continue;
      if (at > run_begin) {
        lowered_.assign(text.substr(run_begin, at - run_begin));
        if (lower) {
          for (char& byte : lowered_) {
            if (byte >= 'A' && byte <= 'Z') byte = static_cast<char>(byte + ('a' - 'A'));
          }
        }
        encode_piece_at(lowered_, run_begin, out);
      }
      if (punctuation) encode_piece_at(text.substr(at, 1), at, out);
      run_begin = at + 1;
    }
  }
  flush_general();
}

void HfTokenizer::encode_piece_at(std::string_view piece, std::uint32_t begin, Encoding& out) {
  piece_ids_.clear();
  piece_starts_.clear();
  parts_.model->encode_piece(piece, piece_ids_, piece_starts_);
  const std::size_t count = piece_ids_.size();
  for (std::size_t i = 0; i < count; ++i) {
    const std::uint32_t token_end = i + 1 < count ? piece_starts_[i + 1] : static_cast<std::uint32_t>(piece.size());
    out.ids.push_back(piece_ids_[i]);
    out.starts.push_back(begin + piece_starts_[i]);
    out.ends.push_back(begin + token_end);
  }
}

}  // namespace tokenlab
