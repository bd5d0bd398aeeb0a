// Fuzzes the normalizers NFC, NFD, NFKC, NFKD, Strip and BertNormalizer on arbitrary bytes.
//
// Input: byte 0 picks the normalizer (NFC, NFD, NFKC, NFKD, then Strip on the
// left, the right or both, then BertNormalizer with the options of the bits of
// pick - 7: clean_text, handle_chinese_chars, strip_accents, lowercase); the
// rest is the text, malformed UTF-8 included.
// Every normalizer must give the same text and origins from original bytes as
// from their identity alignment, with one origin per byte, inside the text
// and never going backwards. A form must be idempotent, leave alone text that
// passes its quick check, and agree with its partner (NFC(x) == NFC(NFD(x)),
// NFD(x) == NFD(NFC(x)), the same for NFKC and NFKD). Strip must keep a
// substring with no White_Space at the stripped ends, having cut only White_Space.
// BertNormalizer must leave no character a step removes or changes: no
// malformed byte, NUL, U+FFFD, "other" character or White_Space but " " after
// clean_text, each CJK ideograph between spaces, no nonspacing mark after
// strip_accents, nothing that lower-cases further after lowercase. (The last
// three only when clean_text ran or the text is UTF-8: malformed bytes pass
// through, and dropping a mark between two of them may join them into a
// character, as "\xcc" U+0363 "\x81" becomes U+0301.)
#include <cstdint>
#include <memory>
#include <string_view>

#include "normalizer_checks.h"
#include "property.h"
#include "tokenizer/hf/bert_normalizer.h"
#include "tokenizer/hf/normalizer.h"
#include "tokenizer/unicode/hf_rust_tables.h"
#include "tokenizer/unicode/unicode_tables.h"

namespace {

using tokenlab::NormalizationForm;
using tokenlab::NormalizedText;

using tokenlab::fuzz::kNormalizedTextBegin;
constexpr NormalizationForm kForms[] = {NormalizationForm::kNfc, NormalizationForm::kNfd, NormalizationForm::kNfkc,
                                        NormalizationForm::kNfkd};

NormalizedText normalized(const tokenlab::Normalizer& normalizer, const NormalizedText& in) {
  NormalizedText out;
  normalizer.normalize(in, out);
  return out;
}

// The form that undoes composition (NFC -> NFD) or adds it (NFD -> NFC).
NormalizationForm partner(NormalizationForm form) {
  switch (form) {
    case NormalizationForm::kNfc: return NormalizationForm::kNfd;
    case NormalizationForm::kNfd: return NormalizationForm::kNfc;
    case NormalizationForm::kNfkc: return NormalizationForm::kNfkd;
    case NormalizationForm::kNfkd: return NormalizationForm::kNfkc;
  }
  return form;
}

void check_form(NormalizationForm form, const NormalizedText& in, const NormalizedText& out) {
  const tokenlab::UnicodeFormNormalizer again(form);
  FUZZ_CHECK(normalized(again, out).text == out.text, "normalizing twice changes the text");
  if (tokenlab::passes_quick_check(in.text, form)) FUZZ_CHECK(out.text == in.text, "the quick check passed a change");
  const tokenlab::UnicodeFormNormalizer other(partner(form));
  FUZZ_CHECK(normalized(again, normalized(other, in)).text == out.text, "the partner form disagrees");
}

bool is_white_space_at(std::string_view text, std::size_t pos) {
  return tokenlab::unicode::is_white_space(tokenlab::utf8::decode(text, pos).codepoint);
}

// True when text[begin, end) holds only White_Space characters.
bool only_white_space(std::string_view text, std::size_t begin, std::size_t end) {
  for (std::size_t pos = begin; pos < end; pos += tokenlab::utf8::decode(text, pos).length) {
    if (!is_white_space_at(text, pos)) return false;
  }
  return true;
}

void check_strip(bool left, bool right, std::string_view text, const NormalizedText& out) {
  if (out.empty()) {
    FUZZ_CHECK(only_white_space(text, 0, text.size()) && (left || right || text.empty()), "Strip cut everything");
    return;
  }
  const std::size_t first = out.origins.front().begin - kNormalizedTextBegin;
  const std::size_t end = out.origins.back().end - kNormalizedTextBegin;
  FUZZ_CHECK(text.substr(first, end - first) == out.text, "Strip kept no substring");
  FUZZ_CHECK(only_white_space(text, 0, first) && (left || first == 0), "Strip cut the start wrongly");
  FUZZ_CHECK(only_white_space(text, end, text.size()) && (right || end == text.size()), "Strip cut the end wrongly");
  if (left) FUZZ_CHECK(!is_white_space_at(out.text, 0), "White_Space left at the start");
  if (right) {
    std::size_t last = 0;
    for (std::size_t pos = 0; pos < out.size(); pos += tokenlab::utf8::decode(out.text, pos).length) last = pos;
    FUZZ_CHECK(!is_white_space_at(out.text, last), "White_Space left at the end");
  }
}

void check_bert(const tokenlab::BertNormalizerOptions& options, std::string_view text, const NormalizedText& out) {
  const bool whole_characters = options.clean_text || tokenlab::utf8::is_valid(text);
  namespace hf_rust = tokenlab::hf_rust;
  char32_t lowered[tokenlab::normalization::kMaxLowercaseLength];
  for (std::uint32_t pos = 0; pos < out.size();) {
    const tokenlab::utf8::Decoded unit = tokenlab::utf8::decode(out.text, pos);
    const std::uint8_t flags = hf_rust::flags(unit.codepoint);
    if (options.clean_text) {
      FUZZ_CHECK(unit.codepoint != tokenlab::utf8::kInvalidCodepoint && unit.codepoint != 0 &&
                     unit.codepoint != 0xFFFD && !(flags & hf_rust::kOther),
                 "clean_text left a character it drops");
      FUZZ_CHECK(unit.codepoint == ' ' || !(flags & hf_rust::kWhiteSpace), "clean_text left whitespace other than " "");
    }
    if (!whole_characters) {
      pos += unit.length;
      continue;
    }
    if (options.handle_chinese_chars && tokenlab::BertNormalizer::is_chinese_char(unit.codepoint)) {
      FUZZ_CHECK(pos > 0 && out.text[pos - 1] == ' ' && pos + unit.length < out.size() &&
                     out.text[pos + unit.length] == ' ',
                 "a CJK ideograph without spaces around it");
    }
    if (options.strip_accents) FUZZ_CHECK(!(flags & hf_rust::kNonspacingMark), "strip_accents left a nonspacing mark");
    if (options.lowercase) {
      FUZZ_CHECK(hf_rust::lowercase(unit.codepoint, lowered) == 1 && lowered[0] == unit.codepoint,
                 "lowercase left a character that lower-cases");
    }
    pos += unit.length;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  tokenlab::fuzz::FuzzInput input(data, size);
  const unsigned pick = input.take_byte() % 23;
  const std::string_view text = input.rest();
  std::unique_ptr<tokenlab::Normalizer> normalizer;
  const bool strip_left = pick == 4 || pick == 6;
  const bool strip_right = pick == 5 || pick == 6;
  tokenlab::BertNormalizerOptions bert;
  if (pick < 4) {
    normalizer = std::make_unique<tokenlab::UnicodeFormNormalizer>(kForms[pick]);
  } else if (pick < 7) {
    normalizer = std::make_unique<tokenlab::StripNormalizer>(strip_left, strip_right);
  } else {
    const unsigned bits = pick - 7;
    bert = {.clean_text = (bits & 1) != 0, .handle_chinese_chars = (bits & 2) != 0, .lowercase = (bits & 8) != 0,
            .strip_accents = (bits & 4) != 0};
    normalizer = std::make_unique<tokenlab::BertNormalizer>(bert);
  }

  const NormalizedText out = tokenlab::fuzz::normalized_both_ways(*normalizer, text);
  NormalizedText original;
  original.assign_original(text, kNormalizedTextBegin);
  if (pick < 4) {
    check_form(kForms[pick], original, out);
  } else if (pick < 7) {
    check_strip(strip_left, strip_right, text, out);
  } else {
    check_bert(bert, text, out);
  }
  return 0;
}
