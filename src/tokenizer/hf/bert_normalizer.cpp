#include "tokenizer/hf/bert_normalizer.h"

#include "tokenizer/unicode/text_classes.h"

namespace tokenlab {

namespace {

constexpr char32_t kReplacementCharacter = 0xFFFD;

bool is_bert_control(char32_t codepoint) {
  if (codepoint == '\t' || codepoint == '\n' || codepoint == '\r') return false;
  const unicode::Category category = unicode::category(codepoint);
  return category == unicode::Category::kCc || category == unicode::Category::kCf ||
         category == unicode::Category::kCo || category == unicode::Category::kCs;
}

// The text a pass reads: original bytes at an offset, or normalized text.
struct OriginalSource {
  std::string_view text;
  std::uint32_t begin;
  ByteSpan origin(std::uint32_t pos, std::uint32_t length) const { return {begin + pos, begin + pos + length}; }
  void copy(std::uint32_t pos, std::uint32_t length, NormalizedText& out) const {
    out.append_original(text.substr(pos, length), begin + pos);
  }
};
struct AlignedSource {
  const NormalizedText& in;
  std::string_view text;
  ByteSpan origin(std::uint32_t pos, std::uint32_t length) const { return in.unit_origin(pos, length); }
  void copy(std::uint32_t pos, std::uint32_t length, NormalizedText& out) const { out.append_from(in, pos, length); }
};

// clean_text and handle_chinese_chars: both look at one character at a time,
// so they share a pass.
template <class Source>
void clean_and_space(const Source& source, NormalizedText& out, const BertNormalizerOptions& options) {
  const std::string_view text = source.text;
  out.clear();
  out.text.reserve(text.size() + text.size() / 4);
  out.origins.reserve(text.size() + text.size() / 4);
  const auto size = static_cast<std::uint32_t>(text.size());
  for (std::uint32_t pos = 0; pos < size;) {
    // A run of printable ASCII and of characters neither step touches: copy it whole.
    std::uint32_t run = pos;
    while (run < size) {
      const unsigned char byte = static_cast<unsigned char>(text[run]);
      if (byte >= 0x20 && byte < 0x7F) {
        ++run;
        continue;
      }
      if (byte < 0x80) break;
      const utf8::Decoded unit = utf8::decode(text, run);
      if (unit.codepoint == utf8::kInvalidCodepoint || unit.codepoint == kReplacementCharacter ||
          is_bert_control(unit.codepoint) || is_js_space(unit.codepoint) ||
          BertNormalizer::is_chinese_char(unit.codepoint)) {
        break;
      }
      run += unit.length;
    }
    if (run > pos) {
      source.copy(pos, run - pos, out);
      pos = run;
      continue;
    }
    const utf8::Decoded unit = utf8::decode(text, pos);
    const char32_t codepoint = unit.codepoint == utf8::kInvalidCodepoint ? kReplacementCharacter : unit.codepoint;
    const ByteSpan origin = source.origin(pos, unit.length);
    if (options.clean_text) {
      if (codepoint == 0 || codepoint == kReplacementCharacter || is_bert_control(codepoint)) {
        pos += unit.length;
        continue;
      }
      if (is_js_space(codepoint)) {
        out.append_replacement(" ", origin);
        pos += unit.length;
        continue;
      }
    }
    if (options.handle_chinese_chars && BertNormalizer::is_chinese_char(codepoint)) {
      out.append_replacement(" ", {origin.begin, origin.begin});
      source.copy(pos, unit.length, out);
      out.append_replacement(" ", {origin.end, origin.end});
    } else {
      source.copy(pos, unit.length, out);
    }
    pos += unit.length;
  }
}

}  // namespace

void BertNormalizer::normalize(const NormalizedText& in, NormalizedText& out) const {
  clean_and_space(AlignedSource{in, in.text}, cleaned_, options_);
  finish(cleaned_, out);
}

void BertNormalizer::normalize_original(std::string_view text, std::uint32_t begin, NormalizedText& out) const {
  clean_and_space(OriginalSource{text, begin}, cleaned_, options_);
  finish(cleaned_, out);
}

void BertNormalizer::finish(const NormalizedText& cleaned, NormalizedText& out) const {
  const NormalizedText* current = &cleaned;
  if (options_.lowercase) {
    lowercase_text(*current, lowered_);
    current = &lowered_;
  }
  if (options_.strip_accents) {
    decompose_text(*current, out, /*drop_nonspacing_marks=*/true);
  } else {
    out = *current;
  }
}

}  // namespace tokenlab
