// UnigramCorpus: the distinct training words laid out as one array of
// codepoints, the form the seed search and the lattices read, and the
// characters the vocabulary must hold.
//
//   words ▁ab x2, ▁b x1 -> symbols [▁ a b $ ▁ b $] ($ = kWordEnd),
//                          word_start {0, 4, 7}, frequency {2, 1}
//   characters: ▁ 3, b 3, a 2   (count descending; equal counts: smaller codepoint first)
//
// Character coverage, as sentencepiece's character_coverage: the characters are
// taken in that order until they cover the given share of all character
// occurrences (0.9995 by default: about 1 in 2000 occurrences may be left out;
// 1.0 keeps every character). A character left out is kRareCharacter in the
// symbols: no piece holds it, so it encodes as <unk> (or as its bytes, with byte
// fallback). U+0000 is never a character of the vocabulary (sentencepiece does
// not count it either).
#pragma once

#include <cstdint>
#include <vector>

#include "tokenizer/train/unigram_words.h"

namespace tokenlab {

struct CharacterCount {
  char32_t codepoint;
  std::uint64_t count;
};

struct UnigramCorpus {
  static constexpr char32_t kWordEnd = 0;                // follows every word
  static constexpr char32_t kRareCharacter = 0x110000;  // a character outside the coverage

  std::vector<char32_t> symbols;
  // Word w is symbols[word_start[w] .. word_start[w + 1] - 1), then kWordEnd.
  std::vector<std::uint32_t> word_start;
  std::vector<std::uint64_t> frequency;
  // The characters kept, in the order above (the vocabulary's required pieces).
  std::vector<CharacterCount> characters;
  std::uint64_t character_occurrences = 0;  // of every character but U+0000, kept or not
  std::uint64_t rare_occurrences = 0;
  std::size_t rare_kinds = 0;

  std::size_t word_count() const { return frequency.size(); }
  std::uint32_t word_begin(std::size_t word) const { return word_start[word]; }
  std::uint32_t word_end(std::size_t word) const { return word_start[word + 1] - 1; }
};

// Throws UsageError when the words hold 2^32 codepoints or more.
UnigramCorpus build_unigram_corpus(const std::vector<UnigramWord>& words, double character_coverage);

}  // namespace tokenlab
