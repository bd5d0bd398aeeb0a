#include "embedding/trainer.h"

#include <algorithm>
#include <cstdio>
#include <string>
#include <system_error>

#include "embedding/thread_team.h"
#include "tokenizer/errors.h"

namespace tokenlab::embedding {
namespace {

constexpr std::uint64_t kMaxSegmentWords = 1000;  // word2vec's MAX_SENTENCE_LENGTH
constexpr int kMaxRedraws = 16;  // a negative equal to the center word is drawn again
constexpr float kMinLearningRateFraction = 1e-4f;
// With several threads the corpus is handed out in blocks of about this many
// rows (~40 ms of training each), at least kBlocksPerThread per thread, so a
// thread that loses its core for a while to the page's drawing or another
// process leaves its share to the others instead of holding them all up.
constexpr std::size_t kBlockRows = 1 << 16;
constexpr std::size_t kBlocksPerThread = 4;

// 301 -> "301", 0.025 -> "0.025".
std::string format_number(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%g", value);
  return buffer;
}

void check_range(const char* name, double value, double low, double high) {
  if (!(value >= low && value <= high)) {
    throw UsageError(std::string(name) + " must be between " + format_number(low) + " and " +
                     format_number(high) + ", not " + format_number(value));
  }
}

}  // namespace

void validate(const TrainingOptions& options) {
  check_range("dim", options.dim, 1, TrainingOptions::kMaxDim);
  check_range("window", options.window, 1, TrainingOptions::kMaxWindow);
  check_range("negative", options.negative, 1, TrainingOptions::kMaxNegative);
  check_range("epochs", options.epochs, 1, TrainingOptions::kMaxEpochs);
  check_range("threads", options.threads, 1, max_threads());
  if (options.min_count < 1) throw UsageError("min-count must be at least 1");
  if (!(options.sample >= 0.0 && options.sample < 1.0)) {
    throw UsageError("sample must be 0 (off) or between 0 and 1, not " + format_number(options.sample));
  }
  if (!(options.learning_rate > 0.0f && options.learning_rate <= 1.0f)) {
    throw UsageError("lr must be above 0 and at most 1, not " + format_number(options.learning_rate));
  }
}

int max_threads() {
#if defined(__EMSCRIPTEN__) && defined(__EMSCRIPTEN_PTHREADS__)
  return TrainingOptions::kMaxWasmThreads;
#elif defined(__EMSCRIPTEN__)
  return 1;
#else
  return TrainingOptions::kMaxThreads;
#endif
}

const char* model_name(Model model) { return model == Model::kSkipGram ? "skipgram" : "cbow"; }

Model model_from_name(std::string_view name) {
  if (name == "skipgram") return Model::kSkipGram;
  if (name == "cbow") return Model::kCbow;
  throw UsageError("unknown model \"" + std::string(name) + "\" (expected skipgram or cbow)");
}

// One thread's state: the block of the corpus it is reading, its position,
// random numbers and scratch buffers.
struct Trainer::Worker {
  Rng rng;
  std::size_t begin = 0;
  std::size_t end = 0;
  std::size_t cursor = 0;
  bool done = false;  // no block is left for it
  std::vector<std::int32_t> kept;  // the segment after subsampling
  std::vector<std::int32_t> contexts;
  std::vector<std::int32_t> targets;
  UpdateScratch scratch;
  double loss_sum = 0.0;
  std::uint64_t loss_count = 0;
};

Trainer::Trainer(const Vocabulary& vocabulary, Corpus corpus, const TrainingOptions& options)
    : options_(options), corpus_(std::move(corpus)) {
  validate(options_);
  if (vocabulary.empty()) {
    throw UsageError("nothing to train on: no word occurs at least min-count (" +
                     std::to_string(options_.min_count) + ") times");
  }
  if (corpus_.word_count == 0) throw UsageError("nothing to train on: the corpus has no vocabulary words");
  for (std::int32_t row : corpus_.rows) {
    if (row != Corpus::kSentenceEnd && (row < 0 || static_cast<std::size_t>(row) >= vocabulary.size())) {
      throw UsageError("corpus row " + std::to_string(row) + " is outside the vocabulary of " +
                       std::to_string(vocabulary.size()) + " words");
    }
  }

  input_ = initial_input_vectors(vocabulary.size(), options_.dim, options_.seed);
  output_ = Matrix(vocabulary.size(), static_cast<std::size_t>(options_.dim));
  keep_probability_ = vocabulary.keep_probabilities(options_.sample);
  negatives_ = NegativeSampler(vocabulary.counts());
  words_total_ = corpus_.word_count * static_cast<std::uint64_t>(options_.epochs);

  // One thread reads the whole corpus as one block per epoch, so its result
  // depends only on the inputs and the seed.
  const auto threads = static_cast<std::size_t>(options_.threads);
  blocks_per_epoch_ = threads == 1 ? 1
                                   : std::max(threads * kBlocksPerThread,
                                              (corpus_.rows.size() + kBlockRows - 1) / kBlockRows);
  for (std::size_t t = 0; t < threads; ++t) {
    auto worker = std::make_unique<Worker>();
    worker->rng = Rng(options_.seed, 1 + t);
    if (options_.reference_kernels) worker->scratch.kernels = &kernels::reference_kernels();
    claim_block(*worker);
    workers_.push_back(std::move(worker));
  }
}

Trainer::~Trainer() = default;

void Trainer::claim_block(Worker& worker) {
  const std::uint64_t block = next_block_.fetch_add(1, std::memory_order_relaxed);
  if (block >= blocks_per_epoch_ * static_cast<std::uint64_t>(options_.epochs)) {
    worker.done = true;
    worker.begin = worker.end = worker.cursor = 0;
    return;
  }
  const std::size_t rows = corpus_.rows.size();
  const std::size_t in_epoch = block % blocks_per_epoch_;
  worker.begin = rows * in_epoch / blocks_per_epoch_;
  worker.end = rows * (in_epoch + 1) / blocks_per_epoch_;
  worker.cursor = worker.begin;
}

Matrix initial_input_vectors(std::size_t rows, int dim, std::uint64_t seed) {
  const auto cols = static_cast<std::size_t>(std::max(dim, 1));
  Matrix vectors(rows, cols);
  Rng rng(seed, 0);
  for (std::size_t row = 0; row < rows; ++row) {
    float* values = vectors.row(row);
    for (std::size_t i = 0; i < cols; ++i) values[i] = (rng.uniform() - 0.5f) / static_cast<float>(cols);
  }
  return vectors;
}

std::size_t Trainer::memory_bytes(std::size_t vocabulary_size, std::size_t corpus_rows, int dim) {
  const std::size_t stride = (static_cast<std::size_t>(std::max(dim, 1)) + Matrix::kAlignmentFloats - 1) /
                             Matrix::kAlignmentFloats * Matrix::kAlignmentFloats;
  const std::size_t matrices = 2 * vocabulary_size * stride * sizeof(float);
  // keep probability, alias threshold and alias row per word
  const std::size_t tables = vocabulary_size * (sizeof(float) + sizeof(std::uint32_t) + sizeof(std::int32_t));
  return matrices + tables + corpus_rows * sizeof(std::int32_t);
}

float Trainer::current_learning_rate() const {
  const double left = 1.0 - static_cast<double>(words_done_.load(std::memory_order_relaxed)) /
                                static_cast<double>(words_total_ + 1);
  return options_.learning_rate * std::max(kMinLearningRateFraction, static_cast<float>(left));
}

std::uint64_t Trainer::train_segment(Worker& worker) {
  // 1. Read up to kMaxSegmentWords words, to a sentence end, subsampling.
  const float learning_rate = current_learning_rate();
  std::uint64_t words = 0;
  worker.kept.clear();
  std::size_t position = worker.cursor;
  while (position < worker.end && words < kMaxSegmentWords) {
    const std::int32_t row = corpus_.rows[position++];
    if (row == Corpus::kSentenceEnd) {
      if (words > 0) break;
      continue;
    }
    ++words;
    const float keep = keep_probability_[static_cast<std::size_t>(row)];
    if (keep >= 1.0f || worker.rng.uniform() < keep) worker.kept.push_back(row);
  }
  worker.cursor = position;
  if (position >= worker.end) claim_block(worker);

  // 2. One update per center word.
  const auto& kept = worker.kept;
  const auto window = static_cast<std::uint32_t>(options_.window);
  for (std::size_t center = 0; center < kept.size(); ++center) {
    const std::size_t reach = window - worker.rng.below(window);  // 1..window
    const std::size_t first = center >= reach ? center - reach : 0;
    const std::size_t last = std::min(kept.size(), center + reach + 1);
    worker.contexts.clear();
    for (std::size_t i = first; i < last; ++i) {
      if (i != center) worker.contexts.push_back(kept[i]);
    }
    if (worker.contexts.empty()) continue;

    const std::int32_t center_row = kept[center];
    worker.targets.clear();
    worker.targets.push_back(center_row);
    for (int draw = 0; draw < options_.negative; ++draw) {
      std::int32_t negative = negatives_.sample(worker.rng);
      for (int tries = 1; negative == center_row && tries < kMaxRedraws; ++tries) {
        negative = negatives_.sample(worker.rng);
      }
      if (negative != center_row) worker.targets.push_back(negative);
    }

    if (options_.model == Model::kSkipGram) {
      worker.loss_sum += skipgram_update(input_, output_, worker.contexts, worker.targets,
                                         learning_rate, sigmoid_, worker.scratch);
      worker.loss_count += worker.contexts.size();
    } else {
      worker.loss_sum += cbow_update(input_, output_, worker.contexts, worker.targets,
                                     learning_rate, sigmoid_, worker.scratch);
      worker.loss_count += 1;
    }
  }
  words_done_.fetch_add(words, std::memory_order_relaxed);
  return words;
}

void Trainer::train_worker(Worker& worker, std::uint64_t words) {
  std::uint64_t done = 0;
  while (done < words && !worker.done) done += train_segment(worker);
}

void Trainer::train_shared(Worker& worker) {
  while (!worker.done && words_left_.load(std::memory_order_relaxed) > 0) {
    words_left_.fetch_sub(static_cast<std::int64_t>(train_segment(worker)), std::memory_order_relaxed);
  }
}

bool Trainer::finished() const {
  return std::all_of(workers_.begin(), workers_.end(), [](const auto& worker) { return worker->done; });
}

TrainingProgress Trainer::progress() const {
  TrainingProgress progress;
  progress.words_done = words_done_.load();
  progress.words_total = words_total_;
  progress.epoch = static_cast<double>(progress.words_done) / static_cast<double>(corpus_.word_count);
  progress.learning_rate = current_learning_rate();
  progress.finished = finished();
  return progress;
}

TrainingProgress Trainer::step(std::uint64_t words) {
  words = std::max<std::uint64_t>(words, 1);
  if (workers_.size() == 1) {
    train_worker(*workers_[0], words);
  } else {
    if (!team_) {
      try {
        team_ = std::make_unique<ThreadTeam>(workers_.size());
      } catch (const std::system_error& error) {
        // A system (or the WebAssembly module's pool of Web Workers) with
        // fewer threads to give: the caller hears how many it asked for.
        throw UsageError("could not start " + std::to_string(workers_.size()) +
                         " training threads: " + error.what());
      }
    }
    // The threads share the step's words: each takes segments until they
    // are used up, so none waits long for a slower one.
    words_left_.store(static_cast<std::int64_t>(words), std::memory_order_relaxed);
    team_->run([this](std::size_t t) { train_shared(*workers_[t]); });
  }
  TrainingProgress result = progress();
  double loss_sum = 0.0;
  std::uint64_t loss_count = 0;
  for (auto& worker : workers_) {
    loss_sum += worker->loss_sum;
    loss_count += worker->loss_count;
    worker->loss_sum = 0.0;
    worker->loss_count = 0;
  }
  result.loss = loss_count == 0 ? 0.0 : loss_sum / static_cast<double>(loss_count);
  return result;
}

TrainingProgress Trainer::run(const std::function<bool(const TrainingProgress&)>& report,
                              std::uint64_t report_every) {
  TrainingProgress result = progress();
  while (!finished()) {
    result = step(report_every);
    if (report && !report(result)) throw Cancelled();
  }
  return result;
}

}  // namespace tokenlab::embedding
