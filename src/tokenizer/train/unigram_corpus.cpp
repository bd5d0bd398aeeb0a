#include "tokenizer/train/unigram_corpus.h"

#include <algorithm>
#include <limits>
#include <unordered_map>

#include "tokenizer/errors.h"
#include "tokenizer/unicode/utf8.h"

namespace tokenlab {

UnigramCorpus build_unigram_corpus(const std::vector<UnigramWord>& words, double character_coverage) {
  UnigramCorpus corpus;

  // 1. The words as codepoints, each followed by kWordEnd.
  std::size_t total = 0;
  for (const UnigramWord& word : words) total += word.text.size() + 1;  // bytes bound codepoints
  corpus.symbols.reserve(total);
  corpus.word_start.reserve(words.size() + 1);
  corpus.frequency.reserve(words.size());
  for (const UnigramWord& word : words) {
    if (corpus.symbols.size() + word.text.size() + 1 >= std::numeric_limits<std::uint32_t>::max()) {
      throw UsageError("training text has too many distinct words: their characters pass 2^32");
    }
    corpus.word_start.push_back(static_cast<std::uint32_t>(corpus.symbols.size()));
    corpus.frequency.push_back(word.count);
    for (std::size_t pos = 0; pos < word.text.size();) {
      const utf8::Decoded unit = utf8::decode(word.text, pos);
      // Words are valid UTF-8 (unigram_words.h); U+0000 is never kept.
      corpus.symbols.push_back(unit.codepoint == 0 ? UnigramCorpus::kRareCharacter : unit.codepoint);
      pos += unit.length;
    }
    corpus.symbols.push_back(UnigramCorpus::kWordEnd);
  }
  corpus.word_start.push_back(static_cast<std::uint32_t>(corpus.symbols.size()));

  // 2. Count the characters and keep the most frequent until the coverage is met.
  std::unordered_map<char32_t, std::uint64_t> counts;
  for (std::size_t word = 0; word < corpus.word_count(); ++word) {
    for (std::uint32_t pos = corpus.word_begin(word); pos < corpus.word_end(word); ++pos) {
      counts[corpus.symbols[pos]] += corpus.frequency[word];
    }
  }
  std::vector<CharacterCount> ordered;
  ordered.reserve(counts.size());
  std::uint64_t nul_occurrences = 0;
  for (const auto& [codepoint, count] : counts) {
    if (codepoint == UnigramCorpus::kRareCharacter) {
      nul_occurrences = count;  // only U+0000 is rare yet; it counts toward no coverage
    } else {
      corpus.character_occurrences += count;
      ordered.push_back({codepoint, count});
    }
  }
  std::sort(ordered.begin(), ordered.end(), [](const CharacterCount& a, const CharacterCount& b) {
    return a.count != b.count ? a.count > b.count : a.codepoint < b.codepoint;
  });
  // As sentencepiece: a character is kept while the ones before it cover less
  // than the target, so 1.0 keeps all of them.
  std::uint64_t covered = 0;
  std::size_t kept = 0;
  const auto all = static_cast<double>(corpus.character_occurrences);
  while (kept < ordered.size() && static_cast<double>(covered) < character_coverage * all) {
    covered += ordered[kept].count;
    ++kept;
  }
  corpus.characters.assign(ordered.begin(), ordered.begin() + static_cast<std::ptrdiff_t>(kept));

  // 3. The others become kRareCharacter.
  if (kept < ordered.size()) {
    std::unordered_map<char32_t, bool> keep;
    for (const CharacterCount& character : corpus.characters) keep.emplace(character.codepoint, true);
    for (std::size_t word = 0; word < corpus.word_count(); ++word) {
      for (std::uint32_t pos = corpus.word_begin(word); pos < corpus.word_end(word); ++pos) {
        char32_t& symbol = corpus.symbols[pos];
        if (symbol != UnigramCorpus::kRareCharacter && !keep.contains(symbol)) symbol = UnigramCorpus::kRareCharacter;
      }
    }
  }
  corpus.rare_kinds = ordered.size() - kept + (nul_occurrences > 0 ? 1 : 0);
  corpus.rare_occurrences = nul_occurrences;
  for (std::size_t i = kept; i < ordered.size(); ++i) corpus.rare_occurrences += ordered[i].count;
  return corpus;
}

}  // namespace tokenlab
