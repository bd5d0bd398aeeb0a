// Seed substrings: the frequent substrings of the training words that Unigram
// training starts from, chosen as sentencepiece chooses them from its suffix
// array (esaxx): every substring that occurs at least twice and is right-maximal
// (two of its occurrences continue differently, or one ends its word), scored
// by frequency × length in characters.
//
//   words ▁ab x3, ▁abc x1 ->  "▁ab" x4 (then the word ends, or c): score 12
//                             "ab"  x4: 8;  "▁abc", "abc", "bc" occur once: not seeds
//                             ("▁a" x4 is always followed by b: not right-maximal)
//
// One difference from esaxx over sentencepiece's sentences: there a word's end
// is followed by the next word's ▁, so a whole word that is never followed
// differently (always by a space) is no seed; here every word end is a
// continuation of its own, so every word seen twice can be one.
//
// A seed is a valid piece (sentencepiece's IsValidSentencePiece with its
// defaults): 2 to max_piece_chars characters, ▁ only first, no rare character
// (UnigramCorpus::kRareCharacter), and no two scripts (unigram_scripts.h:
// Common counts as a script, so letters and digits or punctuation never share a
// piece; Inherited marks take the script before them). Single characters are
// not seeds: the trainer adds every kept character itself.
//
// Order (the tie-break): score descending, then the codepoints ascending (which
// is UTF-8 byte order). At most max_seeds seeds are kept, the first ones.
//
// How: the suffixes of the corpus symbols are sorted on their first
// max_piece_chars + 1 symbols by prefix doubling (each round one counting sort,
// as in Manber and Myers), which is all a piece needs; the adjacent common
// prefixes, cut at word ends, then give every right-maximal substring as an
// LCP interval, and each interval's suffixes are its occurrences. Words are
// distinct and weighted by their counts, so a word seen 10 000 times costs one
// suffix per character.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

#include "tokenizer/train/unigram_corpus.h"

namespace tokenlab {

inline constexpr std::size_t kMaxUnigramPieceChars = 16;

struct SeedSubstring {
  std::uint32_t first;  // its occurrences: suffix_array[first .. last]
  std::uint32_t last;
  std::uint32_t length;  // characters
  std::uint64_t frequency;
  std::uint64_t score() const { return frequency * length; }
};

struct SeedSubstrings {
  // Every position of corpus.symbols, sorted by the symbols that follow it (the
  // first max_piece_chars + 1, word ends smallest; equal ones in no particular order).
  std::vector<std::uint32_t> suffix_array;
  std::vector<SeedSubstring> seeds;  // in the order above
  std::size_t candidates = 0;        // right-maximal valid substrings found before the cut to max_seeds
};

// The longest valid piece starting at each position, up to max_piece_chars
// characters (0 at word ends and rare characters).
std::vector<std::uint8_t> valid_piece_lengths(const UnigramCorpus& corpus, std::size_t max_piece_chars);

// excluded: strings no seed may equal (the special pieces, such as "<unk>").
// Throws Cancelled when *cancel becomes true.
SeedSubstrings find_seed_substrings(const UnigramCorpus& corpus, std::size_t max_seeds, std::size_t max_piece_chars,
                                    const std::vector<std::string>& excluded, const std::atomic<bool>* cancel = nullptr);

// The seed's characters as UTF-8.
std::string seed_spelling(const UnigramCorpus& corpus, const SeedSubstrings& found, const SeedSubstring& seed);

}  // namespace tokenlab
