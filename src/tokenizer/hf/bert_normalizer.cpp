#include "tokenizer/hf/bert_normalizer.h"

#include "tokenizer/unicode/hf_rust_tables.h"

namespace tokenlab {

namespace {

constexpr char32_t kReplacementCharacter = 0xFFFD;

// clean_text's filter: NUL, U+FFFD and the "other" characters, except the
// three controls BERT counts as whitespace.
bool is_dropped(char32_t codepoint) {
  if (codepoint == '\t' || codepoint == '\n' || codepoint == '\r') return false;
  return codepoint == 0 || codepoint == kReplacementCharacter || (hf_rust::flags(codepoint) & hf_rust::kOther);
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
          (hf_rust::flags(unit.codepoint) & (hf_rust::kOther | hf_rust::kWhiteSpace)) ||
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
      // The filter first: \v, \f and U+0085 are White_Space but also controls, so they go.
      if (is_dropped(codepoint)) {
        pos += unit.length;
        continue;
      }
      if (hf_rust::is_white_space(codepoint)) {
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

// The filter of strip_accents (nonspacing marks go) and lowercase (each
// character becomes its own lower case), in one pass. Fusing them keeps the
// Rust order: a mark that lower-casing makes ("İ" -> "i" U+0307, when accents
// stay) is not filtered.
void strip_and_lowercase(const NormalizedText& in, NormalizedText& out, bool strip, bool lower) {
  out.clear();
  out.text.reserve(in.text.size());
  out.origins.reserve(in.origins.size());
  const std::uint8_t acts = (strip ? hf_rust::kNonspacingMark : 0) | (lower ? hf_rust::kChangesWhenLowercased : 0);
  const std::string_view text = in.text;
  char32_t lowered[normalization::kMaxLowercaseLength];
  for (std::uint32_t pos = 0; pos < in.size();) {
    // A run of ASCII and of characters neither step touches: copy it whole,
    // then lower A-Z in place.
    std::uint32_t run = pos;
    utf8::Decoded unit{0, 0};
    while (run < in.size()) {
      if (static_cast<unsigned char>(text[run]) < 0x80) {
        ++run;
        continue;
      }
      unit = utf8::decode(text, run);
      if (hf_rust::flags(unit.codepoint) & acts) break;
      run += unit.length;
    }
    if (run > pos) {
      const std::size_t first = out.text.size();
      out.append_from(in, pos, run - pos);
      if (lower) {
        for (std::size_t i = first; i < out.text.size(); ++i) {
          if (out.text[i] >= 'A' && out.text[i] <= 'Z') out.text[i] = static_cast<char>(out.text[i] + ('a' - 'A'));
        }
      }
      pos = run;
      continue;
    }
    // Here the character is a mark to drop, or one whose lower case differs.
    if (!(strip && (hf_rust::flags(unit.codepoint) & hf_rust::kNonspacingMark))) {
      const ByteSpan origin = in.unit_origin(pos, unit.length);
      const std::size_t count = hf_rust::lowercase(unit.codepoint, lowered);
      for (std::size_t i = 0; i < count; ++i) out.append_codepoint(lowered[i], origin);
    }
    pos += unit.length;
  }
}

void BertNormalizer::normalize(const NormalizedText& in, NormalizedText& out) const {
  clean_and_space(AlignedSource{in, in.text}, cleaned_, options_);
  finish(cleaned_, out);
}

void BertNormalizer::normalize_original(std::string_view text, std::uint32_t begin, NormalizedText& out) const {
  clean_and_space(OriginalSource{text, begin}, cleaned_, options_);
  finish(cleaned_, out);
}

void BertNormalizer::finish(const NormalizedText& cleaned, NormalizedText& out) const {
  if (!options_.strip_accents && !options_.lowercase) {
    out = cleaned;
    return;
  }
  const NormalizedText* current = &cleaned;
  if (options_.strip_accents) {
    normalize_form(cleaned, decomposed_, NormalizationForm::kNfd);
    current = &decomposed_;
  }
  strip_and_lowercase(*current, out, options_.strip_accents, options_.lowercase);
}

}  // namespace tokenlab
