// Trains word vectors on a corpus as word2vec does (skip-gram or CBOW with
// negative sampling), in chunks, so a caller can report progress, pause
// (stop calling step) or cancel between chunks.
//
//   WordCorpus data = read_words(text, options.min_count);
//   Trainer trainer(data.vocabulary, std::move(data.corpus), options);
//   while (!trainer.finished()) show(trainer.step(100000));
//   trainer.input_vectors();  // one row per vocabulary word
//
// word2vec's behaviour is kept: input rows start uniform in [-0.5/dim,
// 0.5/dim] and output rows at zero; frequent words are subsampled; each
// center word uses a window shrunk to a random 1..window; negatives come from
// the unigram^0.75 distribution (a draw equal to the center word is drawn
// again); the learning rate falls linearly to 1e-4 of its start over all
// epochs. The corpus is read in segments of at most 1000 words that end at
// sentence ends, as word2vec's sentences do, and the windows stay inside a
// segment.
//
// With one thread the result depends only on the inputs and the seed, not on
// how the work is cut into steps. With more threads each takes blocks of the
// corpus as it finishes the last (so a thread that loses its core holds up no
// other), the threads stay up between steps, and all write the shared rows
// without locks (Hogwild, as word2vec and fastText do): updates of different words rarely collide,
// and a rare lost update costs nothing measurable, so results vary slightly
// from run to run. The one-thread WebAssembly module has one thread; the
// threads module (Emscripten pthreads) runs the same code on up to
// kMaxWasmThreads, each a Web Worker of the module's pool.
//
// Bit for bit the same in every build: the SIMD kernel sets differ in how
// they round (AVX2 fuses multiply and add, and each set sums its lanes in its
// own order), so vectors agree across builds only up to float rounding. With
// reference_kernels the trainer uses the scalar reference kernels, plain
// float arithmetic in one order, and one thread then gives the same vectors
// natively and in WebAssembly for the same corpus, options and seed.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string_view>
#include <vector>

#include "embedding/corpus.h"
#include "embedding/matrix.h"
#include "embedding/negative_sampler.h"
#include "embedding/negative_sampling.h"
#include "embedding/rng.h"
#include "embedding/vocabulary.h"

namespace tokenlab::embedding {

enum class Model { kSkipGram, kCbow };

struct TrainingOptions {
  Model model = Model::kSkipGram;
  int dim = 100;                  // 1..kMaxDim
  int window = 5;                 // 1..kMaxWindow words on each side
  int negative = 5;               // 1..kMaxNegative
  std::uint64_t min_count = 5;    // >= 1; used when building the vocabulary
  double sample = 1e-4;           // 0 (off) or (0, 1)
  int epochs = 5;                 // 1..kMaxEpochs
  float learning_rate = 0.025f;   // (0, 1]
  int threads = 1;                // 1..max_threads()
  std::uint64_t seed = 1;
  bool reference_kernels = false;  // the scalar kernels: the same bits in every build

  static constexpr int kMaxDim = 300;
  static constexpr int kMaxWindow = 20;
  static constexpr int kMaxNegative = 25;
  static constexpr int kMaxEpochs = 100;
  static constexpr int kMaxThreads = 64;
  // The threads module's limit: the page starts a pool of one Worker per
  // thread beyond the first, and eight cover the machines it aims at.
  static constexpr int kMaxWasmThreads = 8;
};

// Throws UsageError naming the first setting out of range and the range.
void validate(const TrainingOptions& options);

// The largest thread count this build can use (1 in the one-thread
// WebAssembly module, kMaxWasmThreads in the threads module).
int max_threads();

// "skipgram" or "cbow", and back (throws UsageError for another name).
const char* model_name(Model model);
Model model_from_name(std::string_view name);

// The input vectors a trainer starts from, before any step: row after row,
// dim values uniform in [-0.5/dim, 0.5/dim] from Rng(seed). Row r depends only
// on seed, dim and r, so the first N rows of a large vocabulary's start are
// those of any vocabulary of N words or more: the "day 0" of trained vectors
// can be made again from the seed instead of being kept.
Matrix initial_input_vectors(std::size_t rows, int dim, std::uint64_t seed);

struct TrainingProgress {
  std::uint64_t words_done = 0;   // corpus words read, over all epochs so far
  std::uint64_t words_total = 0;  // corpus words x epochs
  double epoch = 0.0;             // words_done / corpus words
  float learning_rate = 0.0f;     // current rate
  double loss = 0.0;              // mean loss per prediction over the last step
  bool finished = false;
};

class ThreadTeam;

class Trainer {
 public:
  // Throws UsageError for invalid options, an empty vocabulary or a corpus
  // without words, or rows outside the vocabulary.
  Trainer(const Vocabulary& vocabulary, Corpus corpus, const TrainingOptions& options);
  ~Trainer();

  // Trains on about `words` more corpus words (whole segments, shared between
  // the threads) and returns the progress after it.
  TrainingProgress step(std::uint64_t words);

  // Steps until finished, calling report after every chunk of about
  // report_every words; report returning false cancels (throws Cancelled).
  TrainingProgress run(const std::function<bool(const TrainingProgress&)>& report,
                       std::uint64_t report_every = 1'000'000);

  bool finished() const;
  TrainingProgress progress() const;

  // The memory a trainer holds for these sizes, to state or enforce a limit
  // before building one: two vocabulary x dim matrices (rows padded to 16
  // floats), 4 bytes per corpus entry, and the per-word tables.
  //   100 000 words, dim 300, 20 M corpus words -> about 324 MB
  static std::size_t memory_bytes(std::size_t vocabulary_size, std::size_t corpus_rows, int dim);
  const TrainingOptions& options() const { return options_; }

  const Matrix& input_vectors() const { return input_; }   // the word vectors
  const Matrix& output_vectors() const { return output_; }
  Matrix take_input_vectors() { return std::move(input_); }

 private:
  struct Worker;

  std::uint64_t train_segment(Worker& worker);
  void train_worker(Worker& worker, std::uint64_t words);
  void train_shared(Worker& worker);  // until the step's words_left_ are used up
  void claim_block(Worker& worker);
  float current_learning_rate() const;

  TrainingOptions options_;
  Corpus corpus_;
  Matrix input_;
  Matrix output_;
  std::vector<float> keep_probability_;
  NegativeSampler negatives_;
  SigmoidTable sigmoid_;
  std::vector<std::unique_ptr<Worker>> workers_;
  std::unique_ptr<ThreadTeam> team_;  // started by the first step with several threads
  std::size_t blocks_per_epoch_ = 1;
  std::atomic<std::uint64_t> next_block_{0};  // over all epochs
  std::atomic<std::int64_t> words_left_{0};   // of the current step, shared by the threads
  std::atomic<std::uint64_t> words_done_{0};
  std::uint64_t words_total_ = 0;
};

}  // namespace tokenlab::embedding
