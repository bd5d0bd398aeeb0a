// Character classes the reference tokenizers test: JavaScript's whitespace, as
// transformers.js's regular expressions see it, and the punctuation of Hugging
// Face tokenizers' Rust library (BERT's pre-tokenizer, Punctuation).
//
//   is_js_space(U+00A0) == true, is_js_space(U+FEFF) == true, is_js_space(U+0085) == false
//   is_bert_punctuation('$') == true (ASCII symbol), is_bert_punctuation(U+00BF '¿') == true (Po)
//   is_bert_punctuation(U+2E43) == false (Pd, but only since Unicode 9.0)
#pragma once

#include "tokenizer/unicode/hf_rust_tables.h"
#include "tokenizer/unicode/unicode_tables.h"

namespace tokenlab {

// JavaScript's \s and String.prototype.trim: Unicode White_Space plus U+FEFF,
// minus U+0085 (NEL), which ECMAScript does not count as whitespace.
inline bool is_js_space(char32_t codepoint) {
  if (codepoint == 0xFEFF) return true;
  if (codepoint == 0x85) return false;
  return unicode::is_white_space(codepoint);
}

// BERT's punctuation, the Rust library's is_bert_punc and is_punc: the ASCII
// symbols !"#$%&'()*+,-./ :;<=>?@ [\]^_` {|}~ (BERT counts them all as
// punctuation) and the P* characters of Unicode 8.0 (hf_rust_tables.h).
inline bool is_bert_punctuation(char32_t codepoint) { return hf_rust::is_punctuation(codepoint); }

}  // namespace tokenlab
