#include "tokenizer/hf/decoder.h"

#include <algorithm>
#include <cstdio>
#include <utility>

#include "tokenizer/unicode/utf8.h"

namespace tokenlab {

namespace {

// "<0x0A>" -> 0x0A; -1 when text is not a byte token.
int byte_token_value(std::string_view text) {
  if (text.size() != 6 || text.substr(0, 3) != "<0x" || text[5] != '>') return -1;
  auto hex = [](char digit) -> int {
    if (digit >= '0' && digit <= '9') return digit - '0';
    if (digit >= 'A' && digit <= 'F') return digit - 'A' + 10;
    if (digit >= 'a' && digit <= 'f') return digit - 'a' + 10;
    return -1;
  };
  const int high = hex(text[3]);
  const int low = hex(text[4]);
  return high < 0 || low < 0 ? -1 : high * 16 + low;
}

// SentencePiece's byte pieces are exactly "<0xXX>" with upper-case digits (PieceToByte).
int sentence_piece_byte_value(std::string_view text) {
  const int value = byte_token_value(text);
  if (value < 0) return -1;
  char canonical[16];
  std::snprintf(canonical, sizeof canonical, "<0x%02X>", static_cast<unsigned>(value));
  return text == canonical ? value : -1;
}

constexpr std::string_view kSpaceSymbol = "\xE2\x96\x81";  // ▁

void replace_all(std::string& text, std::string_view from, std::string_view to) {
  for (std::size_t pos = text.find(from); pos != std::string::npos; pos = text.find(from, pos + to.size())) {
    text.replace(pos, from.size(), to);
  }
}

// transformers.js's clean_up_tokenization, applied by the WordPiece decoder with cleanup.
void clean_up_tokenization(std::string& text) {
  static const std::pair<std::string_view, std::string_view> kRules[] = {
      {" .", "."},     {" ?", "?"},     {" !", "!"},     {" ,", ","},     {" ' ", "'"},
      {" n't", "n't"}, {" 'm", "'m"},   {" 's", "'s"},   {" 've", "'ve"}, {" 're", "'re"},
  };
  for (const auto& [from, to] : kRules) replace_all(text, from, to);
}

}  // namespace

HfDecoder HfDecoder::sentence_piece(std::string replacement, std::size_t strip_leading_spaces) {
  HfDecoder decoder(Kind::kSentencePiece);
  decoder.replacement_ = std::move(replacement);
  decoder.strip_leading_spaces_ = strip_leading_spaces;
  return decoder;
}

HfDecoder HfDecoder::metaspace(std::string replacement, bool prepend) {
  HfDecoder decoder(Kind::kMetaspace);
  decoder.replacement_ = std::move(replacement);
  decoder.prepend_ = prepend;
  return decoder;
}

HfDecoder HfDecoder::sentence_piece_model(SentencePieceDecoding decoding) {
  HfDecoder decoder(Kind::kSentencePieceModel);
  decoder.model_ = std::move(decoding);
  std::sort(decoder.model_.control_pieces.begin(), decoder.model_.control_pieces.end());
  return decoder;
}

HfDecoder HfDecoder::word_piece(std::string prefix, bool cleanup) {
  HfDecoder decoder(Kind::kWordPiece);
  decoder.prefix_ = std::move(prefix);
  decoder.cleanup_ = cleanup;
  return decoder;
}

std::string HfDecoder::token_bytes(std::string_view token_text) const {
  std::string text(token_text);
  switch (kind_) {
    case Kind::kSentencePiece:
      if (const int byte = byte_token_value(token_text); byte >= 0) return std::string(1, static_cast<char>(byte));
      if (!replacement_.empty()) replace_all(text, replacement_, " ");
      return text;
    case Kind::kMetaspace:
      replace_all(text, replacement_, " ");
      return text;
    case Kind::kSentencePieceModel:
      if (model_.byte_pieces) {
        if (const int byte = sentence_piece_byte_value(token_text); byte >= 0) {
          return std::string(1, static_cast<char>(byte));
        }
      }
      // Control and unknown pieces show as written ("<s>", "<unk>").
      if (token_text == model_.unknown_piece ||
          std::binary_search(model_.control_pieces.begin(), model_.control_pieces.end(), token_text)) {
        return text;
      }
      replace_all(text, kSpaceSymbol, " ");
      return text;
    default:
      return text;
  }
}

std::string HfDecoder::decode_sentence_piece_model(std::span<const std::string_view> texts) const {
  std::string out;
  std::string bytes;  // a run of byte pieces, not yet decoded
  auto flush_bytes = [&] {
    for (std::size_t pos = 0; pos < bytes.size();) {
      const utf8::Decoded unit = utf8::decode(bytes, pos);
      if (unit.codepoint == utf8::kInvalidCodepoint) {
        out.append("\xEF\xBF\xBD");  // U+FFFD for each malformed byte
      } else {
        out.append(bytes, pos, unit.length);
      }
      pos += unit.length;
    }
    bytes.clear();
  };
  bool expect_leading_space = true;  // the reference's is_bos_ws
  bool leading_space_seen = false;   // and bos_ws_seen
  const bool strips = model_.add_dummy_prefix || model_.remove_extra_whitespaces;
  for (const std::string_view text : texts) {
    if (model_.byte_pieces) {
      if (const int byte = sentence_piece_byte_value(text); byte >= 0) {
        bytes.push_back(static_cast<char>(byte));
        continue;
      }
    }
    flush_bytes();
    if (leading_space_seen || !out.empty()) expect_leading_space = false;
    leading_space_seen = false;
    if (std::binary_search(model_.control_pieces.begin(), model_.control_pieces.end(), text)) continue;
    if (text == model_.unknown_piece) {
      out.append(model_.unknown_surface);
      continue;
    }
    std::string_view piece = text;
    if (expect_leading_space && strips && piece.starts_with(kSpaceSymbol)) {
      piece.remove_prefix(kSpaceSymbol.size());
      // With remove_extra_whitespaces every leading "▁" goes until text is made.
      leading_space_seen = !model_.remove_extra_whitespaces;
    }
    std::string decoded(piece);
    replace_all(decoded, kSpaceSymbol, " ");
    out.append(decoded);
  }
  flush_bytes();
  return out;
}

std::string HfDecoder::decode(std::span<const std::string_view> texts, std::span<const bool> added) const {
  std::string out;
  switch (kind_) {
    case Kind::kByteLevel:
      for (const std::string_view text : texts) out.append(text);
      return out;
    case Kind::kJoinWithSpaces:
      for (std::size_t i = 0; i < texts.size(); ++i) {
        if (i > 0) out.push_back(' ');
        out.append(texts[i]);
      }
      return out;
    case Kind::kSentencePiece: {
      for (std::size_t i = 0; i < texts.size(); ++i) out.append(added[i] ? std::string(texts[i]) : token_bytes(texts[i]));
      std::size_t cut = 0;
      while (cut < strip_leading_spaces_ && cut < out.size() && out[cut] == ' ') ++cut;
      return out.substr(cut);
    }
    case Kind::kMetaspace:
      // Rust's Metaspace::decode_chain, applied to every token, added ones too.
      for (std::size_t i = 0; i < texts.size(); ++i) {
        std::string token(texts[i]);
        replace_all(token, replacement_, i == 0 && prepend_ ? "" : " ");
        out.append(token);
      }
      return out;
    case Kind::kSentencePieceModel:
      return decode_sentence_piece_model(texts);
    case Kind::kWordPiece:
      for (std::size_t i = 0; i < texts.size(); ++i) {
        std::string token(texts[i]);
        if (i > 0) {
          if (!prefix_.empty() && token.compare(0, prefix_.size(), prefix_) == 0) {
            token.erase(0, prefix_.size());
          } else {
            token.insert(token.begin(), ' ');
          }
        }
        if (cleanup_) clean_up_tokenization(token);
        out.append(token);
      }
      return out;
  }
  return out;
}

}  // namespace tokenlab
