// Fuzzes the embedding corpus readers and the word2vec trainer on arbitrary
// corpora and settings.
//
// Input: byte 0 -> model (bit 0), sentence breaks (bit 1), min_count 1..4
// (bits 2-3), epochs 1..2 (bit 4), subsampling (bit 5), words or token ids
// (bit 6); byte 1 -> dim 1..16 (bits 0-3), window 1..4 (bits 4-5), negatives
// 1..4 (bits 6-7); byte 2 -> chunk size 1..64; the rest is the corpus: text,
// or one id per byte (0xFF a sentence end) over a 255-name vocabulary.
//
// Checks: words read in chunks give the same vocabulary and corpus as the text
// read at once; the vocabulary is distinct words, most frequent first, and
// the corpus rows lie inside it; training runs to its word total and leaves
// finite vectors.
#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "embedding/corpus.h"
#include "embedding/trainer.h"
#include "property.h"
#include "tokenizer/errors.h"

namespace {

namespace embedding = tokenlab::embedding;

void check_vocabulary(const embedding::Vocabulary& vocabulary, const embedding::Corpus& corpus,
                      std::uint64_t min_count) {
  std::unordered_set<std::string> distinct;
  for (std::size_t row = 0; row < vocabulary.size(); ++row) {
    const auto index = static_cast<std::int32_t>(row);
    FUZZ_CHECK(distinct.insert(vocabulary.word(index)).second, "a word in two rows");
    FUZZ_CHECK(vocabulary.count(index) >= min_count, "a word below min_count");
    if (row > 0) FUZZ_CHECK(vocabulary.count(index - 1) >= vocabulary.count(index), "rows out of count order");
  }
  std::uint64_t words = 0;
  for (const std::int32_t row : corpus.rows) {
    if (row == embedding::Corpus::kSentenceEnd) continue;
    FUZZ_CHECK(row >= 0 && static_cast<std::size_t>(row) < vocabulary.size(), "a corpus row outside the vocabulary");
    ++words;
  }
  FUZZ_CHECK(words == corpus.word_count, "word_count differs from the rows");
}

embedding::WordCorpus read_ids(std::string_view bytes, std::uint64_t min_count) {
  std::vector<std::string> names;
  for (int id = 0; id < 255; ++id) names.push_back("t" + std::to_string(id));
  std::vector<std::int32_t> ids;
  for (const char byte : bytes) {
    const auto value = static_cast<std::uint8_t>(byte);
    ids.push_back(value == 0xFF ? embedding::Corpus::kSentenceEnd : value);
  }
  embedding::IdVocabulary counted = embedding::count_ids(ids, names, min_count);
  embedding::Corpus corpus = embedding::encode_ids(ids, counted.row_of_id);
  return {std::move(counted.vocabulary), std::move(corpus)};
}

embedding::WordCorpus read_text(std::string_view text, std::uint64_t min_count, embedding::SentenceBreak sentences,
                                std::size_t chunk_size) {
  embedding::WordCorpusBuilder builder(sentences);
  for (std::size_t pos = 0; pos < text.size(); pos += chunk_size) builder.add(text.substr(pos, chunk_size));
  embedding::WordCorpus chunked = builder.finish(min_count);
  const embedding::WordCorpus whole = embedding::read_words(text, min_count, sentences);
  FUZZ_CHECK(chunked.vocabulary.words() == whole.vocabulary.words() &&
                 chunked.vocabulary.counts() == whole.vocabulary.counts(),
             "chunked and whole reading give different vocabularies");
  FUZZ_CHECK(chunked.corpus.rows == whole.corpus.rows, "chunked and whole reading give different corpora");
  return chunked;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  tokenlab::fuzz::FuzzInput input(data, size);
  const std::uint8_t settings = input.take_byte();
  const std::uint8_t shape = input.take_byte();
  const std::size_t chunk_size = 1 + input.take_byte() % 64;
  embedding::TrainingOptions options;
  options.model = (settings & 1) != 0 ? embedding::Model::kCbow : embedding::Model::kSkipGram;
  const auto sentences = (settings & 2) != 0 ? embedding::SentenceBreak::kDocument : embedding::SentenceBreak::kLine;
  options.min_count = 1 + ((settings >> 2) & 3);
  options.epochs = 1 + ((settings >> 4) & 1);
  options.sample = (settings & 0x20) != 0 ? 1e-3 : 0.0;
  const bool ids = (settings & 0x40) != 0;
  options.dim = 1 + (shape & 15);
  options.window = 1 + ((shape >> 4) & 3);
  options.negative = 1 + ((shape >> 6) & 3);

  const embedding::WordCorpus read = ids ? read_ids(input.rest(), options.min_count)
                                         : read_text(input.rest(), options.min_count, sentences, chunk_size);
  check_vocabulary(read.vocabulary, read.corpus, options.min_count);

  std::unique_ptr<embedding::Trainer> trainer;
  try {
    trainer = std::make_unique<embedding::Trainer>(read.vocabulary, read.corpus, options);
  } catch (const tokenlab::UsageError&) {
    FUZZ_CHECK(read.vocabulary.empty() || read.corpus.word_count == 0, "a trainer refused a usable corpus");
    return 0;
  }
  while (!trainer->finished()) (void)trainer->step(1 + chunk_size * 7);
  const embedding::TrainingProgress progress = trainer->progress();
  FUZZ_CHECK(progress.finished && progress.words_done >= progress.words_total, "training ended short");
  const embedding::Matrix& vectors = trainer->input_vectors();
  FUZZ_CHECK(vectors.rows() == read.vocabulary.size(), "a vector per word");
  for (std::size_t row = 0; row < vectors.rows(); ++row) {
    for (std::size_t i = 0; i < vectors.cols(); ++i) FUZZ_CHECK(std::isfinite(vectors.row(row)[i]), "a value not finite");
  }
  return 0;
}
