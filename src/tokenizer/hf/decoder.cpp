#include "tokenizer/hf/decoder.h"

#include <utility>

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

HfDecoder HfDecoder::word_piece(std::string prefix, bool cleanup) {
  HfDecoder decoder(Kind::kWordPiece);
  decoder.prefix_ = std::move(prefix);
  decoder.cleanup_ = cleanup;
  return decoder;
}

std::string HfDecoder::token_bytes(std::string_view token_text) const {
  if (kind_ != Kind::kSentencePiece) return std::string(token_text);
  if (const int byte = byte_token_value(token_text); byte >= 0) return std::string(1, static_cast<char>(byte));
  std::string text(token_text);
  if (!replacement_.empty()) replace_all(text, replacement_, " ");
  return text;
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
