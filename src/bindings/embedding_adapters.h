// Adapters between the embedding engine and JavaScript: typed arrays in and
// out, exceptions as JS Errors. No logic: the page's worker drives training in
// chunks (step(n) between its own message handling), so no callback crosses.
//
//   const corpus = EmbeddingCorpus._forWords("line");
//   corpus._addText(bytes); corpus._finishWords(5);
//   const trainer = EmbeddingTrainer._create(corpus, {dim: 100, epochs: 5});
//   while (!trainer._step(100000).finished) {}
//   const vectors = trainer._vectors();
//   vectors._nearestToRow(vectors._find("king"), 10) -> {ids: Int32Array, scores: Float32Array}
//
// Word lists cross once, as one Uint8Array of UTF-8 bytes and a Uint32Array of
// size + 1 offsets. Counts cross as numbers (doubles): exact up to 2^53.
#pragma once

#include <emscripten/val.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "embedding/corpus.h"
#include "embedding/matrix.h"
#include "embedding/neighbors.h"
#include "embedding/trainer.h"
#include "embedding/vocabulary.h"

namespace tokenlab::bindings {

// A training corpus being read: words from text chunks, or ids of any
// tokenizer. After finish_words / finish_ids it holds the vocabulary and the
// corpus until a trainer takes them.
class EmbeddingCorpusHandle {
 public:
  // sentences: "line" (a line is a sentence) or "document" (windows cross lines).
  static EmbeddingCorpusHandle for_words(const std::string& sentences);
  static EmbeddingCorpusHandle for_ids();

  // chunk: a Uint8Array cut anywhere (a word may span two chunks).
  void add_text(const std::string& chunk);
  // ids: an Int32Array of token ids, -1 for a sentence end.
  void add_ids(const emscripten::val& ids);
  // Words (or ids) read so far, sentence ends left out; after finishing,
  // all that were read, kept or not.
  double entries_read() const;

  void finish_words(double min_count);
  // names: the bytes of every id's name back to back (Uint8Array), offsets:
  // Uint32Array of vocabulary size + 1 entries. Throws for an id out of range.
  void finish_ids(const std::string& names, const emscripten::val& offsets, double min_count);

  std::size_t vocabulary_size() const { return vocabulary_.size(); }
  double corpus_words() const { return static_cast<double>(corpus_.word_count); }
  // What a trainer of this corpus would hold (Trainer::memory_bytes).
  double training_memory_bytes(int dim) const;

  embedding::Vocabulary take_vocabulary();
  embedding::Corpus take_corpus();

 private:
  std::optional<embedding::WordCorpusBuilder> words_;
  std::vector<std::int32_t> ids_;
  std::uint64_t entries_read_ = 0;  // ids so far, or all words once finished
  embedding::Vocabulary vocabulary_;
  embedding::Corpus corpus_;
  bool finished_ = false;
};

// A set of word vectors with its neighbour index: trained, imported from a
// .vec file, or given as rows.
class WordVectorsHandle {
 public:
  WordVectorsHandle(std::vector<std::string> words, embedding::Matrix vectors);

  // bytes: a .vec file (word2vec text, header optional). Throws naming the line.
  static WordVectorsHandle from_vec(const std::string& bytes);
  // The Projector's vectors.tsv and metadata.tsv (embedding/tsv_format.h).
  static WordVectorsHandle from_tsv(const std::string& vectors_tsv, const std::string& metadata_tsv);
  // words as bytes + offsets (see above); values: Float32Array of size x dim.
  static WordVectorsHandle from_rows(const std::string& words, const emscripten::val& offsets,
                                     const emscripten::val& values, int dim);

  std::size_t size() const { return words_.size(); }
  std::size_t dim() const { return vectors_.cols(); }
  // {bytes: Uint8Array, offsets: Uint32Array}
  emscripten::val words() const;
  // The row of word (UTF-8), or -1; the first such row if words repeat.
  int find(const std::string& word) const;

  // Results are {ids: Int32Array, scores: Float32Array}, best first.
  emscripten::val nearest_to_row(int row, std::size_t k) const;
  // query: Float32Array of dim values; exclude: Int32Array of rows.
  emscripten::val nearest(const emscripten::val& query, std::size_t k, const emscripten::val& exclude) const;
  emscripten::val analogy(int a, int b, int c, std::size_t k) const;
  float similarity(int a, int b) const;

  // Float32Array of dim values.
  emscripten::val vector(int row) const;
  // The first count rows back to back (Float32Array of count x dim), scaled to
  // length 1 when unit is true.
  emscripten::val rows(std::size_t count, bool unit) const;
  // PCA of the first count rows: {x, y: Float32Array, variance: Float64Array(2), totalVariance}.
  emscripten::val pca(std::size_t count) const;
  // k-means of the first count rows (embedding/kmeans.h): {assignment:
  // Uint32Array(count), sizes: Uint32Array(clusters), top: Int32Array(clusters x
  // per_cluster, -1 padded), iterations, converged}. progress, when a function,
  // hears (iteration, maxIterations) after each iteration.
  emscripten::val kmeans(std::size_t count, std::size_t clusters, double seed, int max_iterations,
                         std::size_t per_cluster, const emscripten::val& progress) const;
  // The .vec file (Uint8Array); significant_digits 0 = exact.
  emscripten::val to_vec(int significant_digits) const;
  // {vectors, metadata: Uint8Array}: the Projector's TSV pair; significant_digits 0 = exact.
  emscripten::val to_tsv(int significant_digits) const;
  // The same words with post-processed vectors (embedding/post_processing.h),
  // fitted on every row: name is "none", "centre" or "centre+D". Throws for
  // another name or D not below the dimension.
  WordVectorsHandle post_processed(const std::string& name) const;
  // The same words with the vectors a trainer of this size, dim and seed starts from.
  WordVectorsHandle day_zero(double seed) const;
  double memory_bytes() const;

 private:
  void check_row(int row) const;

  std::vector<std::string> words_;
  embedding::Matrix vectors_;
  embedding::Neighbors neighbors_;
};

class EmbeddingTrainerHandle {
 public:
  EmbeddingTrainerHandle(embedding::Vocabulary vocabulary, embedding::Corpus corpus,
                         const embedding::TrainingOptions& options);

  // options: {model: "skipgram" | "cbow", dim, window, negative, minCount,
  // sample, epochs, learningRate, seed, kernels: "best" | "reference"};
  // missing fields keep their defaults.
  // Takes the corpus's vocabulary and rows (the corpus handle is left empty).
  // Throws for a setting out of range or nothing to train on.
  static EmbeddingTrainerHandle create(EmbeddingCorpusHandle& corpus, const emscripten::val& options);
  // The same check without a corpus.
  static void validate_options(const emscripten::val& options);

  // {wordsDone, wordsTotal, epoch, learningRate, loss, finished}
  emscripten::val step(double words);
  emscripten::val progress() const;
  // The input vectors now (a copy).
  WordVectorsHandle vectors() const;
  double memory_bytes() const;

 private:
  std::vector<std::string> words_;
  std::size_t corpus_rows_ = 0;
  std::unique_ptr<embedding::Trainer> trainer_;  // a Trainer itself cannot move
};

}  // namespace tokenlab::bindings
