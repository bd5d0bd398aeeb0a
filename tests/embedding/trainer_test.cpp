#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "embedding/neighbors.h"
#include "embedding/trainer.h"
#include "tokenizer/errors.h"

using namespace tokenlab::embedding;

namespace {

// Sentences where "cat" and "dog" share their contexts, and "car" and
// "truck" share other ones.
std::string synthetic_corpus(std::size_t sentences) {
  const char* animals[] = {"cat", "dog"};
  const char* vehicles[] = {"car", "truck"};
  const char* animal_words[] = {"pet", "fur", "feed", "purr", "paws", "tail"};
  const char* vehicle_words[] = {"road", "drive", "wheel", "fuel", "engine", "garage"};
  Rng rng(11);
  std::string text;
  for (std::size_t s = 0; s < sentences; ++s) {
    const bool animal = rng.below(2) == 0;
    const char** context = animal ? animal_words : vehicle_words;
    text += context[rng.below(6)];
    text += ' ';
    text += context[rng.below(6)];
    text += ' ';
    text += animal ? animals[rng.below(2)] : vehicles[rng.below(2)];
    text += ' ';
    text += context[rng.below(6)];
    text += ' ';
    text += context[rng.below(6)];
    text += '\n';
  }
  return text;
}

TrainingOptions small_options(Model model) {
  TrainingOptions options;
  options.model = model;
  options.dim = 16;
  options.window = 3;
  options.min_count = 1;
  options.sample = 0.0;
  options.epochs = 5;
  options.seed = 42;
  return options;
}

Matrix train(const std::string& text, const TrainingOptions& options, std::uint64_t step_words) {
  WordCorpus data = read_words(text, options.min_count);
  Trainer trainer(data.vocabulary, std::move(data.corpus), options);
  while (!trainer.finished()) trainer.step(step_words);
  return trainer.take_input_vectors();
}

bool same_values(const Matrix& a, const Matrix& b) {
  if (a.rows() != b.rows() || a.cols() != b.cols()) return false;
  for (std::size_t r = 0; r < a.rows(); ++r) {
    for (std::size_t i = 0; i < a.cols(); ++i) {
      if (a.row(r)[i] != b.row(r)[i]) return false;
    }
  }
  return true;
}

}  // namespace

TEST_CASE("words sharing contexts end up closer than unrelated words") {
  const std::string text = synthetic_corpus(3000);
  for (Model model : {Model::kSkipGram, Model::kCbow}) {
    CAPTURE(model_name(model));
    TrainingOptions options = small_options(model);
    if (model == Model::kCbow) options.learning_rate = 0.05f;
    WordCorpus data = read_words(text, 1);
    const Vocabulary vocabulary = data.vocabulary;
    Trainer trainer(vocabulary, std::move(data.corpus), options);
    const Neighbors before(trainer.input_vectors());
    trainer.run(nullptr, 10000);
    const Neighbors after(trainer.input_vectors());
    const auto cat = vocabulary.find("cat"), dog = vocabulary.find("dog");
    const auto car = vocabulary.find("car"), truck = vocabulary.find("truck");
    CHECK(after.similarity(cat, dog) > after.similarity(cat, car) + 0.3f);
    CHECK(after.similarity(car, truck) > after.similarity(truck, dog) + 0.3f);
    CHECK(after.nearest_to_row(cat, 1).rows[0] == dog);
    // The random start knew nothing of this.
    CHECK(before.similarity(cat, dog) < 0.6f);
  }
}

TEST_CASE("training is deterministic for a seed, however it is stepped") {
  const std::string text = synthetic_corpus(500);
  TrainingOptions options = small_options(Model::kSkipGram);
  options.sample = 1e-2;  // subsampling draws random numbers too
  const Matrix whole = train(text, options, 1'000'000);
  CHECK(same_values(whole, train(text, options, 1'000'000)));
  CHECK(same_values(whole, train(text, options, 37)));
  options.seed = 43;
  CHECK(!same_values(whole, train(text, options, 1'000'000)));
}

TEST_CASE("progress reports words, a falling learning rate and the loss") {
  WordCorpus data = read_words(synthetic_corpus(1000), 1);
  const std::uint64_t corpus_words = data.corpus.word_count;
  Trainer trainer(data.vocabulary, std::move(data.corpus), small_options(Model::kSkipGram));
  const TrainingProgress first = trainer.step(1000);
  CHECK(first.words_done >= 1000);
  CHECK(first.words_done < 2000);
  CHECK(first.words_total == corpus_words * 5);
  CHECK(first.learning_rate < 0.025f);
  CHECK(first.loss > 0.0);
  CHECK(!first.finished);
  std::vector<double> losses;
  const TrainingProgress last = trainer.run(
      [&](const TrainingProgress& progress) {
        losses.push_back(progress.loss);
        return true;
      },
      1000);
  CHECK(last.finished);
  CHECK(last.words_done == last.words_total);
  CHECK(last.epoch == doctest::Approx(5.0));
  CHECK(last.learning_rate == doctest::Approx(0.025f * 1e-4f));
  REQUIRE(losses.size() > 2);
  CHECK(losses.back() < first.loss);
}

TEST_CASE("a report returning false cancels training") {
  WordCorpus data = read_words(synthetic_corpus(1000), 1);
  Trainer trainer(data.vocabulary, std::move(data.corpus), small_options(Model::kSkipGram));
  int reports = 0;
  CHECK_THROWS_AS(trainer.run([&](const TrainingProgress&) { return ++reports < 2; }, 500),
                  tokenlab::Cancelled);
  CHECK(reports == 2);
  CHECK(!trainer.finished());
}

TEST_CASE("several threads train the whole corpus") {
  if (max_threads() < 2) return;
  const std::string text = synthetic_corpus(2000);
  TrainingOptions options = small_options(Model::kSkipGram);
  options.threads = 2;
  WordCorpus data = read_words(text, 1);
  const Vocabulary vocabulary = data.vocabulary;
  Trainer trainer(vocabulary, std::move(data.corpus), options);
  // Each step trains about the words asked for, shared between the threads
  // (each may finish the segment of at most 1000 words it has begun).
  std::uint64_t before = 0;
  for (int step = 0; step < 5; ++step) {
    const TrainingProgress progress = trainer.step(5000);
    CHECK(progress.words_done - before >= 5000);
    CHECK(progress.words_done - before < 5000 + 2 * 1000);
    before = progress.words_done;
  }
  const TrainingProgress last = trainer.run(nullptr, 5000);
  CHECK(last.words_done == last.words_total);
  CHECK(last.epoch == doctest::Approx(5.0));
  const Neighbors after(trainer.input_vectors());
  CHECK(after.similarity(vocabulary.find("cat"), vocabulary.find("dog")) >
        after.similarity(vocabulary.find("cat"), vocabulary.find("car")));
}

TEST_CASE("options out of range and empty corpora are usage errors") {
  const auto rejects = [](auto change) {
    TrainingOptions options;
    change(options);
    CHECK_THROWS_AS(validate(options), tokenlab::UsageError);
  };
  rejects([](TrainingOptions& o) { o.dim = 0; });
  rejects([](TrainingOptions& o) { o.dim = 301; });
  rejects([](TrainingOptions& o) { o.window = 21; });
  rejects([](TrainingOptions& o) { o.negative = 0; });
  rejects([](TrainingOptions& o) { o.epochs = 0; });
  rejects([](TrainingOptions& o) { o.min_count = 0; });
  rejects([](TrainingOptions& o) { o.sample = -1; });
  rejects([](TrainingOptions& o) { o.learning_rate = 0; });
  rejects([](TrainingOptions& o) { o.threads = 0; });
  CHECK_NOTHROW(validate(TrainingOptions{}));

  try {
    TrainingOptions options;
    options.dim = 301;
    validate(options);
  } catch (const tokenlab::UsageError& error) {
    CHECK(std::string(error.what()) == "dim must be between 1 and 300, not 301");
  }

  WordCorpus few = read_words("a b c", 5);
  CHECK_THROWS_AS(Trainer(few.vocabulary, std::move(few.corpus), TrainingOptions{}), tokenlab::UsageError);
  CHECK_THROWS_AS(model_from_name("glove"), tokenlab::UsageError);
}

TEST_CASE("a one-word corpus trains without looping forever") {
  WordCorpus data = read_words("la la la la la\n", 1);
  Trainer trainer(data.vocabulary, std::move(data.corpus), small_options(Model::kSkipGram));
  CHECK(trainer.run(nullptr).finished);
}

TEST_CASE("the memory estimate counts both matrices and the corpus") {
  // Rows of dim 100 are padded to 112 floats.
  CHECK(Trainer::memory_bytes(1000, 0, 100) == 2 * 1000 * 112 * 4 + 1000 * 12);
  CHECK(Trainer::memory_bytes(0, 500, 100) == 500 * 4);
  CHECK(Trainer::memory_bytes(100000, 20000000, 300) > 300'000'000);
}
