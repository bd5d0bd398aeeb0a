#include "tokenizer/bert_normalizer.h"

#include "tokenizer/text_classes.h"

namespace tokenlab {

namespace {

constexpr char32_t kReplacementCharacter = 0xFFFD;

bool is_bert_control(char32_t codepoint) {
  if (codepoint == '\t' || codepoint == '\n' || codepoint == '\r') return false;
  const unicode::Category category = unicode::category(codepoint);
  return category == unicode::Category::kCc || category == unicode::Category::kCf ||
         category == unicode::Category::kCo || category == unicode::Category::kCs;
}

// clean_text and handle_chinese_chars: both look at one character at a time,
// so they share a pass.
void clean_and_space(const NormalizedText& in, NormalizedText& out, const BertNormalizerOptions& options) {
  out.clear();
  out.text.reserve(in.text.size() + in.text.size() / 4);
  out.origins.reserve(in.origins.size() + in.origins.size() / 4);
  for (std::uint32_t pos = 0; pos < in.size();) {
    const utf8::Decoded unit = utf8::decode(in.text, pos);
    const char32_t codepoint = unit.codepoint == utf8::kInvalidCodepoint ? kReplacementCharacter : unit.codepoint;
    const ByteSpan origin = in.unit_origin(pos, unit.length);
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
      out.append_from(in, pos, unit.length);
      out.append_replacement(" ", {origin.end, origin.end});
    } else {
      out.append_from(in, pos, unit.length);
    }
    pos += unit.length;
  }
}

}  // namespace

void BertNormalizer::normalize(const NormalizedText& in, NormalizedText& out) const {
  NormalizedText cleaned;
  const NormalizedText* current = &in;
  if (options_.clean_text || options_.handle_chinese_chars) {
    clean_and_space(in, cleaned, options_);
    current = &cleaned;
  }
  NormalizedText lowered;
  if (options_.lowercase) {
    lowercase_text(*current, lowered);
    current = &lowered;
  }
  if (options_.strip_accents) {
    decompose_text(*current, out, /*drop_nonspacing_marks=*/true);
  } else {
    out = *current;
  }
}

}  // namespace tokenlab
