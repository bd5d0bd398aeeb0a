#include "bindings/embedding_adapters.h"

#include <cstring>
#include <utility>

#include "bindings/adapters.h"
#include "embedding/kmeans.h"
#include "embedding/pca.h"
#include "embedding/post_processing.h"
#include "embedding/tsv_format.h"
#include "embedding/vec_format.h"
#include "tokenizer/errors.h"

namespace tokenlab::bindings {

namespace {

using emscripten::val;
using embedding::Matrix;
using embedding::NeighborList;

template <class T>
val copy_to_js(const char* array_type, const T* values, std::size_t size) {
  return val::global(array_type).new_(emscripten::typed_memory_view(size, values));
}

template <class T>
val copy_to_js(const char* array_type, const std::vector<T>& values) {
  return copy_to_js(array_type, values.data(), values.size());
}

val copy_bytes_to_js(std::string_view bytes) {
  return copy_to_js("Uint8Array", reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
}

val neighbor_list_to_js(const NeighborList& list) {
  val result = val::object();
  result.set("ids", copy_to_js("Int32Array", list.rows));
  result.set("scores", copy_to_js("Float32Array", list.scores));
  return result;
}

// {bytes, offsets} -> strings.
std::vector<std::string> split_names(const std::string& bytes, const val& offsets_array) {
  const auto offsets = emscripten::convertJSArrayToNumberVector<std::uint32_t>(offsets_array);
  if (offsets.empty() || offsets.back() > bytes.size()) throw UsageError("word offsets do not match the word bytes");
  std::vector<std::string> names;
  names.reserve(offsets.size() - 1);
  for (std::size_t i = 0; i + 1 < offsets.size(); ++i) {
    if (offsets[i] > offsets[i + 1]) throw UsageError("word offsets must not decrease");
    names.emplace_back(bytes, offsets[i], offsets[i + 1] - offsets[i]);
  }
  return names;
}

std::uint64_t whole_count(double value, const char* name) {
  if (!(value >= 1.0) || value > 9.0e15) {
    throw UsageError(std::string(name) + " must be a whole number of at least 1");
  }
  return static_cast<std::uint64_t>(value);
}

// A JS number option as an int, out-of-range values kept out of range.
int int_option(const val& options, const char* name, int fallback) {
  const val value = options[name];
  if (value.isUndefined() || value.isNull()) return fallback;
  const double number = value.as<double>();
  if (number != number) throw UsageError(std::string(name) + " must be a number");
  return static_cast<int>(std::max(-1.0, std::min(number, 1.0e6)));
}

double number_option(const val& options, const char* name, double fallback) {
  const val value = options[name];
  return value.isUndefined() || value.isNull() ? fallback : value.as<double>();
}

embedding::TrainingOptions training_options(const val& options) {
  embedding::TrainingOptions result;
  const val model = options["model"];
  if (!model.isUndefined()) result.model = embedding::model_from_name(model.as<std::string>());
  result.dim = int_option(options, "dim", result.dim);
  result.window = int_option(options, "window", result.window);
  result.negative = int_option(options, "negative", result.negative);
  result.epochs = int_option(options, "epochs", result.epochs);
  result.threads = int_option(options, "threads", result.threads);
#if defined(__EMSCRIPTEN_PTHREADS__)
  // The threads module runs every training thread but the caller's on a Web
  // Worker of the pool it started with (threadPoolSize): a thread beyond the
  // pool could not start while the caller waits for the others.
  const val pool = val::module_property("threadPoolSize");
  const int most = 1 + (pool.isNumber() ? std::max(0, pool.as<int>()) : 0);
  if (result.threads > most) {
    throw UsageError("threads must be between 1 and " + std::to_string(most) + " (the threads the engine was started for), not " +
                     std::to_string(result.threads));
  }
#endif
  result.min_count = whole_count(number_option(options, "minCount", 5.0), "min count");
  result.sample = number_option(options, "sample", result.sample);
  result.learning_rate = static_cast<float>(number_option(options, "learningRate", result.learning_rate));
  const double seed = number_option(options, "seed", 1.0);
  if (!(seed >= 0.0) || seed > 9.0e15) throw UsageError("seed must be a whole number of at least 0");
  result.seed = static_cast<std::uint64_t>(seed);
  const val kernels = options["kernels"];
  if (!kernels.isUndefined() && !kernels.isNull()) {
    const std::string name = kernels.as<std::string>();
    if (name != "best" && name != "reference") throw UsageError("kernels must be best or reference, not \"" + name + "\"");
    result.reference_kernels = name == "reference";
  }
  embedding::validate(result);
  return result;
}

val progress_to_js(const embedding::TrainingProgress& progress) {
  val result = val::object();
  result.set("wordsDone", static_cast<double>(progress.words_done));
  result.set("wordsTotal", static_cast<double>(progress.words_total));
  result.set("epoch", progress.epoch);
  result.set("learningRate", progress.learning_rate);
  result.set("loss", progress.loss);
  result.set("finished", progress.finished);
  return result;
}

}  // namespace

// ---- EmbeddingCorpusHandle ----

EmbeddingCorpusHandle EmbeddingCorpusHandle::for_words(const std::string& sentences) {
  return rethrow_as_js_error([&] {
    EmbeddingCorpusHandle handle;
    if (sentences == "line") {
      handle.words_.emplace(embedding::SentenceBreak::kLine);
    } else if (sentences == "document") {
      handle.words_.emplace(embedding::SentenceBreak::kDocument);
    } else {
      throw UsageError("sentences must be line or document, not \"" + sentences + "\"");
    }
    return handle;
  });
}

EmbeddingCorpusHandle EmbeddingCorpusHandle::for_ids() { return EmbeddingCorpusHandle(); }

void EmbeddingCorpusHandle::add_text(const std::string& chunk) {
  rethrow_as_js_error([&] {
    if (!words_ || finished_) throw UsageError("this corpus does not take text");
    words_->add(chunk);
  });
}

void EmbeddingCorpusHandle::add_ids(const val& ids) {
  rethrow_as_js_error([&] {
    if (words_ || finished_) throw UsageError("this corpus does not take ids");
    const auto chunk = emscripten::convertJSArrayToNumberVector<std::int32_t>(ids);
    for (std::int32_t id : chunk) entries_read_ += id != embedding::Corpus::kSentenceEnd ? 1 : 0;
    ids_.insert(ids_.end(), chunk.begin(), chunk.end());
  });
}

double EmbeddingCorpusHandle::entries_read() const {
  return static_cast<double>(words_ ? words_->words_read() : entries_read_);
}

void EmbeddingCorpusHandle::finish_words(double min_count) {
  rethrow_as_js_error([&] {
    if (!words_ || finished_) throw UsageError("this corpus is not reading words");
    const std::uint64_t min = whole_count(min_count, "min count");
    entries_read_ = words_->words_read();
    embedding::WordCorpus data = words_->finish(min);
    vocabulary_ = std::move(data.vocabulary);
    corpus_ = std::move(data.corpus);
    words_.reset();
    finished_ = true;
  });
}

void EmbeddingCorpusHandle::finish_ids(const std::string& names, const val& offsets, double min_count) {
  rethrow_as_js_error([&] {
    if (words_ || finished_) throw UsageError("this corpus is not reading ids");
    embedding::IdVocabulary counted =
        embedding::count_ids(ids_, split_names(names, offsets), whole_count(min_count, "min count"));
    corpus_ = embedding::encode_ids(ids_, counted.row_of_id);
    vocabulary_ = std::move(counted.vocabulary);
    std::vector<std::int32_t>().swap(ids_);
    finished_ = true;
  });
}

double EmbeddingCorpusHandle::training_memory_bytes(int dim) const {
  return static_cast<double>(embedding::Trainer::memory_bytes(vocabulary_.size(), corpus_.rows.size(), dim));
}

embedding::Vocabulary EmbeddingCorpusHandle::take_vocabulary() {
  if (!finished_) throw UsageError("the corpus is still being read");
  return std::exchange(vocabulary_, embedding::Vocabulary());
}

embedding::Corpus EmbeddingCorpusHandle::take_corpus() {
  if (!finished_) throw UsageError("the corpus is still being read");
  return std::exchange(corpus_, embedding::Corpus());
}

// ---- WordVectorsHandle ----

WordVectorsHandle::WordVectorsHandle(std::vector<std::string> words, Matrix vectors)
    : words_(std::move(words)), vectors_(std::move(vectors)), neighbors_(vectors_) {}

WordVectorsHandle WordVectorsHandle::from_vec(const std::string& bytes) {
  return rethrow_as_js_error([&] {
    embedding::WordVectors loaded = embedding::read_vec(bytes);
    return WordVectorsHandle(std::move(loaded.words), std::move(loaded.vectors));
  });
}

WordVectorsHandle WordVectorsHandle::from_tsv(const std::string& vectors_tsv, const std::string& metadata_tsv) {
  return rethrow_as_js_error([&] {
    embedding::WordVectors loaded = embedding::read_tsv(vectors_tsv, metadata_tsv);
    return WordVectorsHandle(std::move(loaded.words), std::move(loaded.vectors));
  });
}

WordVectorsHandle WordVectorsHandle::from_rows(const std::string& words, const val& offsets, const val& values,
                                               int dim) {
  return rethrow_as_js_error([&] {
    std::vector<std::string> names = split_names(words, offsets);
    const auto flat = emscripten::convertJSArrayToNumberVector<float>(values);
    if (dim < 1 || flat.size() != names.size() * static_cast<std::size_t>(dim)) {
      throw UsageError("expected " + std::to_string(names.size()) + " x " + std::to_string(dim) +
                       " values, got " + std::to_string(flat.size()));
    }
    const auto cols = static_cast<std::size_t>(dim);
    Matrix vectors(names.size(), cols);
    for (std::size_t row = 0; row < names.size(); ++row) {
      std::memcpy(vectors.row(row), flat.data() + row * cols, cols * sizeof(float));
    }
    return WordVectorsHandle(std::move(names), std::move(vectors));
  });
}

void WordVectorsHandle::check_row(int row) const {
  if (row < 0 || static_cast<std::size_t>(row) >= words_.size()) {
    throw UsageError("row " + std::to_string(row) + " is outside the " + std::to_string(words_.size()) +
                     " vectors");
  }
}

val WordVectorsHandle::words() const {
  return rethrow_as_js_error([&] {
    std::string bytes;
    std::vector<std::uint32_t> offsets;
    offsets.reserve(words_.size() + 1);
    for (const std::string& word : words_) {
      offsets.push_back(static_cast<std::uint32_t>(bytes.size()));
      bytes += word;
    }
    offsets.push_back(static_cast<std::uint32_t>(bytes.size()));
    val result = val::object();
    result.set("bytes", copy_bytes_to_js(bytes));
    result.set("offsets", copy_to_js("Uint32Array", offsets));
    return result;
  });
}

int WordVectorsHandle::find(const std::string& word) const {
  // The neighbour index has no word lookup; a linear scan of at most a few
  // hundred thousand words runs once per query, well under a millisecond
  // next to the scan of the vectors that follows.
  for (std::size_t row = 0; row < words_.size(); ++row) {
    if (words_[row] == word) return static_cast<int>(row);
  }
  return -1;
}

val WordVectorsHandle::nearest_to_row(int row, std::size_t k) const {
  return rethrow_as_js_error([&] { return neighbor_list_to_js(neighbors_.nearest_to_row(row, k)); });
}

val WordVectorsHandle::nearest(const val& query, std::size_t k, const val& exclude) const {
  return rethrow_as_js_error([&] {
    const auto values = emscripten::convertJSArrayToNumberVector<float>(query);
    if (values.size() != vectors_.cols()) {
      throw UsageError("a query needs " + std::to_string(vectors_.cols()) + " values, not " +
                       std::to_string(values.size()));
    }
    const auto excluded = emscripten::convertJSArrayToNumberVector<std::int32_t>(exclude);
    return neighbor_list_to_js(neighbors_.nearest(values.data(), k, excluded));
  });
}

val WordVectorsHandle::analogy(int a, int b, int c, std::size_t k) const {
  return rethrow_as_js_error([&] { return neighbor_list_to_js(neighbors_.analogy(a, b, c, k)); });
}

float WordVectorsHandle::similarity(int a, int b) const {
  return rethrow_as_js_error([&] { return neighbors_.similarity(a, b); });
}

val WordVectorsHandle::vector(int row) const {
  return rethrow_as_js_error([&] {
    check_row(row);
    return copy_to_js("Float32Array", vectors_.row(static_cast<std::size_t>(row)), vectors_.cols());
  });
}

val WordVectorsHandle::rows(std::size_t count, bool unit) const {
  return rethrow_as_js_error([&] {
    const Matrix& source = unit ? neighbors_.unit_vectors() : vectors_;
    count = std::min(count, source.rows());
    const std::size_t cols = source.cols();
    std::vector<float> flat(count * cols);
    for (std::size_t row = 0; row < count; ++row) {
      std::memcpy(flat.data() + row * cols, source.row(row), cols * sizeof(float));
    }
    return copy_to_js("Float32Array", flat);
  });
}

val WordVectorsHandle::pca(std::size_t count) const {
  return rethrow_as_js_error([&] {
    const embedding::Projection2d projection = embedding::pca_2d(vectors_, count);
    const std::vector<double> variance = {projection.variance[0], projection.variance[1]};
    val result = val::object();
    result.set("x", copy_to_js("Float32Array", projection.x));
    result.set("y", copy_to_js("Float32Array", projection.y));
    result.set("variance", copy_to_js("Float64Array", variance));
    result.set("totalVariance", projection.total_variance);
    return result;
  });
}

val WordVectorsHandle::kmeans(std::size_t count, std::size_t clusters, double seed, int max_iterations,
                              std::size_t per_cluster, const val& progress) const {
  return rethrow_as_js_error([&] {
    embedding::KMeansOptions options;
    options.clusters = clusters;
    options.seed = static_cast<std::uint64_t>(seed);
    options.max_iterations = max_iterations;
    embedding::KMeansProgress report;
    if (progress.typeOf().as<std::string>() == "function") {
      report = [&progress](int iteration, int limit) { progress(iteration, limit); };
    }
    const embedding::Clustering clustering = embedding::kmeans(vectors_, count, options, report);
    const std::vector<std::uint32_t> sizes(clustering.sizes.begin(), clustering.sizes.end());
    val result = val::object();
    result.set("assignment", copy_to_js("Uint32Array", clustering.assignment));
    result.set("sizes", copy_to_js("Uint32Array", sizes));
    result.set("top", copy_to_js("Int32Array", embedding::cluster_top_rows(vectors_, clustering, per_cluster)));
    result.set("iterations", clustering.iterations);
    result.set("converged", clustering.converged);
    return result;
  });
}

val WordVectorsHandle::to_vec(int significant_digits) const {
  return rethrow_as_js_error([&] {
    if (significant_digits < 0 || significant_digits > 9) {
      throw UsageError("significant digits must be between 0 (exact) and 9");
    }
    return copy_bytes_to_js(embedding::write_vec(words_, vectors_, significant_digits));
  });
}

val WordVectorsHandle::to_tsv(int significant_digits) const {
  return rethrow_as_js_error([&] {
    if (significant_digits < 0 || significant_digits > 9) {
      throw UsageError("significant digits must be between 0 (exact) and 9");
    }
    const embedding::TsvPair pair = embedding::write_tsv(words_, vectors_, significant_digits);
    val result = val::object();
    result.set("vectors", copy_bytes_to_js(pair.vectors));
    result.set("metadata", copy_bytes_to_js(pair.metadata));
    return result;
  });
}

WordVectorsHandle WordVectorsHandle::post_processed(const std::string& name) const {
  return rethrow_as_js_error([&] {
    const embedding::PostProcessing options = embedding::parse_post_processing(name);
    return WordVectorsHandle(words_, embedding::post_processed(vectors_, options, vectors_.rows()));
  });
}

WordVectorsHandle WordVectorsHandle::day_zero(double seed) const {
  return rethrow_as_js_error([&] {
    if (!(seed >= 0.0) || seed > 9.0e15) throw UsageError("seed must be a whole number of at least 0");
    return WordVectorsHandle(words_, embedding::initial_input_vectors(words_.size(), static_cast<int>(dim()),
                                                                       static_cast<std::uint64_t>(seed)));
  });
}

double WordVectorsHandle::memory_bytes() const {
  std::size_t bytes = 2 * vectors_.rows() * vectors_.stride() * sizeof(float);
  for (const std::string& word : words_) bytes += sizeof(std::string) + word.capacity();
  return static_cast<double>(bytes);
}

// ---- EmbeddingTrainerHandle ----

EmbeddingTrainerHandle::EmbeddingTrainerHandle(embedding::Vocabulary vocabulary, embedding::Corpus corpus,
                                               const embedding::TrainingOptions& options)
    : words_(vocabulary.words()),
      corpus_rows_(corpus.rows.size()),
      trainer_(std::make_unique<embedding::Trainer>(vocabulary, std::move(corpus), options)) {}

EmbeddingTrainerHandle EmbeddingTrainerHandle::create(EmbeddingCorpusHandle& corpus, const val& options) {
  return rethrow_as_js_error([&] {
    const embedding::TrainingOptions parsed = training_options(options);
    return EmbeddingTrainerHandle(corpus.take_vocabulary(), corpus.take_corpus(), parsed);
  });
}

void EmbeddingTrainerHandle::validate_options(const val& options) {
  rethrow_as_js_error([&] { training_options(options); });
}

val EmbeddingTrainerHandle::step(double words) {
  return rethrow_as_js_error([&] {
    if (!(words >= 1.0)) throw UsageError("a step needs at least one word");
    return progress_to_js(trainer_->step(static_cast<std::uint64_t>(std::min(words, 9.0e15))));
  });
}

val EmbeddingTrainerHandle::progress() const { return progress_to_js(trainer_->progress()); }

WordVectorsHandle EmbeddingTrainerHandle::vectors() const {
  return rethrow_as_js_error([&] { return WordVectorsHandle(words_, trainer_->input_vectors()); });
}

double EmbeddingTrainerHandle::memory_bytes() const {
  const Matrix& input = trainer_->input_vectors();
  return static_cast<double>(embedding::Trainer::memory_bytes(input.rows(), corpus_rows_, static_cast<int>(input.cols())));
}

}  // namespace tokenlab::bindings
