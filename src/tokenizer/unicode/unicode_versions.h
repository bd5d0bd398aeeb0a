// Where the engine's Unicode tables (unicode_tables.h, Debian's UCD, the version
// tiktoken matches) and Unicode 16.0 (Hugging Face's tokenizers) disagree.
//
//   changes_in_unicode_16(U+10D40) == true   (GARAY DIGIT ZERO: unassigned before 16.0, Nd since)
//   changes_in_unicode_16('a') == false
#pragma once

namespace tokenlab::unicode {

// True when the code point's general category or White_Space differs in 16.0.
bool changes_in_unicode_16(char32_t codepoint);

}  // namespace tokenlab::unicode
