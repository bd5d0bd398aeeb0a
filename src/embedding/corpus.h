// A training corpus: a stream of vocabulary rows with sentence ends, built
// either from text split into words or from the ids of any tokenizer.
//
//   read_words("the cat\nthe dog\n", 1, SentenceBreak::kLine)
//     -> vocabulary "the" (2), "cat" (1), "dog" (1)
//        rows {0, 1, kSentenceEnd, 0, 2, kSentenceEnd}
//
// Words are split exactly as fastText's readWord does: any run of bytes other
// than space, \t, \n, \v, \f, \r and \0 is a word, byte for byte (no case
// folding, no Unicode awareness), so results compare with word2vec and
// fastText trained on the same file. Unlike both, a line end is a boundary
// and not a word "</s>": training windows never cross it, and no "</s>"
// vector shows up among neighbours.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "embedding/vocabulary.h"

namespace tokenlab::embedding {

struct Corpus {
  static constexpr std::int32_t kSentenceEnd = -1;

  std::vector<std::int32_t> rows;  // vocabulary rows and kSentenceEnd
  std::uint64_t word_count = 0;    // entries that are rows
};

enum class SentenceBreak {
  kLine,      // a line is a sentence, as in fastText and word2vec
  kDocument,  // windows run across line ends (text8-style files)
};

struct WordCorpus {
  Vocabulary vocabulary;
  Corpus corpus;  // words below the minimum count are left out
};

// Reads text in chunks of any size (a word may span two chunks), so large
// files can be streamed without holding them whole.
class WordCorpusBuilder {
 public:
  explicit WordCorpusBuilder(SentenceBreak sentences = SentenceBreak::kLine)
      : sentences_(sentences) {}

  void add(std::string_view text);
  std::uint64_t words_read() const { return ids_.size() - sentence_ends_; }

  // Keeps words seen at least min_count times; the builder is left empty.
  WordCorpus finish(std::uint64_t min_count);

 private:
  void end_word();

  SentenceBreak sentences_;
  std::string pending_;  // a word that may continue in the next chunk
  std::unordered_map<std::string, std::int32_t> ids_of_words_;
  std::vector<std::string> words_;       // by first appearance
  std::vector<std::uint64_t> counts_;    // by first appearance
  std::vector<std::int32_t> ids_;        // first-appearance ids and kSentenceEnd
  std::uint64_t sentence_ends_ = 0;
};

// All of text at once.
WordCorpus read_words(std::string_view text, std::uint64_t min_count,
                      SentenceBreak sentences = SentenceBreak::kLine);

// For any tokenizer: ids are in [0, names.size()) or Corpus::kSentenceEnd.
// The vocabulary keeps ids seen at least min_count times, named by names;
// row_of_id maps every id to its row, or -1 when it was dropped.
struct IdVocabulary {
  Vocabulary vocabulary;
  std::vector<std::int32_t> row_of_id;
};
// Throws UsageError for an id out of range.
IdVocabulary count_ids(std::span<const std::int32_t> ids, const std::vector<std::string>& names,
                       std::uint64_t min_count);
Corpus encode_ids(std::span<const std::int32_t> ids, std::span<const std::int32_t> row_of_id);

}  // namespace tokenlab::embedding
