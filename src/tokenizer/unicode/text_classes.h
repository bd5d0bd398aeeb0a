// Character classes of the JavaScript regular expressions that the reference
// tokenizers (transformers.js) use, over tokenlab's Unicode tables.
//
//   is_js_space(U+00A0) == true, is_js_space(U+FEFF) == true, is_js_space(U+0085) == false
//   is_bert_punctuation('$') == true (ASCII symbol), is_bert_punctuation(U+00BF '¿') == true (Po)
#pragma once

#include "tokenizer/unicode/unicode_tables.h"

namespace tokenlab {

// JavaScript's \s and String.prototype.trim: Unicode White_Space plus U+FEFF,
// minus U+0085 (NEL), which ECMAScript does not count as whitespace.
inline bool is_js_space(char32_t codepoint) {
  if (codepoint == 0xFEFF) return true;
  if (codepoint == 0x85) return false;
  return unicode::is_white_space(codepoint);
}

// BERT's punctuation: any P* character, plus the ASCII symbols
// !"#$%&'()*+,-./ :;<=>?@ [\]^_` {|}~ (BERT counts them all as punctuation).
inline bool is_bert_punctuation(char32_t codepoint) {
  if (codepoint < 0x80) {
    return (codepoint >= 0x21 && codepoint <= 0x2F) || (codepoint >= 0x3A && codepoint <= 0x40) ||
           (codepoint >= 0x5B && codepoint <= 0x60) || (codepoint >= 0x7B && codepoint <= 0x7E);
  }
  return (unicode::flags(codepoint) & unicode::kPunctuation) != 0;
}

}  // namespace tokenlab
