// TrainingOptions::reference_kernels: training with the scalar kernels, whose
// plain float arithmetic in one order gives the same bits in every build
// (tests/wasm/vectors-reproducible.test.mjs compares the native and
// WebAssembly vectors). Here: the option takes effect, stays deterministic
// however the work is stepped, and differs from the fastest set only by
// rounding.
#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "embedding/kernels.h"
#include "embedding/trainer.h"

using namespace tokenlab::embedding;

namespace {

std::string corpus_text() {
  const char* lines[] = {"the cat sat on the mat", "the dog sat on the log", "a cat and a dog met a bird"};
  std::string text;
  for (int i = 0; i < 600; ++i) text += std::string(lines[i % 3]) + "\n";
  return text;
}

Matrix train(Model model, bool reference_kernels, std::uint64_t step_words) {
  TrainingOptions options;
  options.model = model;
  options.dim = 19;  // a tail after every SIMD width
  options.window = 3;
  options.min_count = 1;
  options.sample = 1e-2;
  options.epochs = 3;
  options.seed = 9;
  options.reference_kernels = reference_kernels;
  WordCorpus data = read_words(corpus_text(), options.min_count);
  Trainer trainer(data.vocabulary, std::move(data.corpus), options);
  while (!trainer.finished()) trainer.step(step_words);
  return trainer.take_input_vectors();
}

// The largest |a - b| over all values, or infinity when the shapes differ.
float max_difference(const Matrix& a, const Matrix& b) {
  if (a.rows() != b.rows() || a.cols() != b.cols()) return INFINITY;
  float largest = 0.0f;
  for (std::size_t r = 0; r < a.rows(); ++r) {
    for (std::size_t i = 0; i < a.cols(); ++i) largest = std::max(largest, std::fabs(a.row(r)[i] - b.row(r)[i]));
  }
  return largest;
}

}  // namespace

TEST_CASE("training with the reference kernels is deterministic and differs from the fastest set only by rounding") {
  for (Model model : {Model::kSkipGram, Model::kCbow}) {
    CAPTURE(model_name(model));
    const Matrix reference = train(model, true, 1'000'000);
    CHECK(max_difference(reference, train(model, true, 1'000'000)) == 0.0f);
    CHECK(max_difference(reference, train(model, true, 53)) == 0.0f);

    const Matrix fastest = train(model, false, 1'000'000);
    const float difference = max_difference(reference, fastest);
    CHECK(difference < 1e-3f);
    if (kernels::best_kernels().name != "scalar") {
      // Another set rounds differently somewhere in three epochs: the option took effect.
      CHECK(difference > 0.0f);
    }
  }
}
