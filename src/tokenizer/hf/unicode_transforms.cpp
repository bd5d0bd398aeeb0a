// lowercase_text (declared in normalizer.h): the Unicode transform behind Lowercase.
#include "tokenizer/unicode/normalization_tables.h"
#include "tokenizer/hf/normalizer.h"

namespace tokenlab {

namespace {

constexpr char32_t kCapitalSigma = 0x03A3;
constexpr char32_t kFinalSigma = 0x03C2;

// ICU's rule (ucase.cpp, isFollowedByCasedLetter): walking away from the sigma,
// skip case-ignorable characters (a character that is both case-ignorable and
// cased counts as ignorable); the first other character decides.
bool cased_letter_beside(std::string_view text, std::size_t sigma_begin, std::size_t sigma_end, bool before) {
  if (before) {
    std::size_t pos = sigma_begin;
    while (pos > 0) {
      std::size_t start = pos - 1;
      while (start > 0 && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80 && pos - start < 4) --start;
      utf8::Decoded unit = utf8::decode(text, start);
      if (start + unit.length != pos) {  // not a whole character: the byte alone is malformed
        unit = {utf8::kInvalidCodepoint, 1};
        start = pos - 1;
      }
      const std::uint8_t flags = normalization::flags(unit.codepoint);
      if (!(flags & normalization::kCaseIgnorable)) return (flags & normalization::kCased) != 0;
      pos = start;
    }
    return false;
  }
  for (std::size_t pos = sigma_end; pos < text.size();) {
    const utf8::Decoded unit = utf8::decode(text, pos);
    const std::uint8_t flags = normalization::flags(unit.codepoint);
    if (!(flags & normalization::kCaseIgnorable)) return (flags & normalization::kCased) != 0;
    pos += unit.length;
  }
  return false;
}

}  // namespace

void lowercase_text(const NormalizedText& in, NormalizedText& out) {
  out.clear();
  out.text.reserve(in.text.size());
  out.origins.reserve(in.origins.size());
  const std::string_view text = in.text;
  char32_t lower[normalization::kMaxLowercaseLength];
  for (std::uint32_t pos = 0; pos < in.size();) {
    // A run of ASCII and of characters without a lower-case mapping: copy it
    // whole, then lower A-Z in place.
    std::uint32_t run = pos;
    utf8::Decoded unit{0, 0};
    while (run < in.size()) {
      if (static_cast<unsigned char>(text[run]) < 0x80) {
        ++run;
        continue;
      }
      unit = utf8::decode(text, run);
      if (normalization::flags(unit.codepoint) & normalization::kChangesWhenLowercased) break;
      run += unit.length;
    }
    if (run > pos) {
      const std::size_t first = out.text.size();
      out.append_from(in, pos, run - pos);
      for (std::size_t i = first; i < out.text.size(); ++i) {
        if (out.text[i] >= 'A' && out.text[i] <= 'Z') out.text[i] = static_cast<char>(out.text[i] + ('a' - 'A'));
      }
      pos = run;
      continue;
    }
    const ByteSpan origin = in.unit_origin(pos, unit.length);
    if (unit.codepoint == kCapitalSigma && cased_letter_beside(text, pos, pos + unit.length, true) &&
        !cased_letter_beside(text, pos, pos + unit.length, false)) {
      out.append_codepoint(kFinalSigma, origin);
    } else {
      const std::size_t count = normalization::lowercase(unit.codepoint, lower);
      for (std::size_t i = 0; i < count; ++i) out.append_codepoint(lower[i], origin);
    }
    pos += unit.length;
  }
}

}  // namespace tokenlab
