#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "embedding/post_processing.h"
#include "embedding/rng.h"
#include "tokenizer/errors.h"

using namespace tokenlab::embedding;

namespace {

Matrix matrix_of(const std::vector<std::vector<float>>& rows) {
  Matrix m(rows.size(), rows.empty() ? 0 : rows[0].size());
  for (std::size_t r = 0; r < rows.size(); ++r) {
    for (std::size_t i = 0; i < rows[r].size(); ++i) m.row(r)[i] = rows[r][i];
  }
  return m;
}

double cosine(const float* a, const float* b, std::size_t dim) {
  double ab = 0, aa = 0, bb = 0;
  for (std::size_t i = 0; i < dim; ++i) {
    ab += a[i] * b[i];
    aa += a[i] * a[i];
    bb += b[i] * b[i];
  }
  return ab / std::sqrt(aa * bb);
}

}  // namespace

TEST_CASE("centring subtracts the mean of the rows") {
  const Matrix vectors = matrix_of({{3, 1}, {5, 1}, {4, 2}});
  const Matrix centred = post_processed(vectors, PostProcessing{true, 0}, 3);
  CHECK(centred.row(0)[0] == doctest::Approx(-1.0));
  CHECK(centred.row(0)[1] == doctest::Approx(-1.0 / 3));
  CHECK(centred.row(1)[0] == doctest::Approx(1.0));
  CHECK(centred.row(2)[1] == doctest::Approx(2.0 / 3));
  // The input is left as it was.
  CHECK(vectors.row(0)[0] == 3.0f);
}

TEST_CASE("no post-processing copies the vectors unchanged") {
  const Matrix vectors = matrix_of({{3, 1}, {5, 1}});
  const Matrix same = post_processed(vectors, PostProcessing{}, 2);
  CHECK(same.row(0)[0] == 3.0f);
  CHECK(same.row(1)[1] == 1.0f);
}

TEST_CASE("the mean comes from the first statistics rows and applies to every row") {
  const Matrix vectors = matrix_of({{2, 0}, {4, 2}, {100, 100}});
  const Matrix centred = post_processed(vectors, PostProcessing{true, 0}, 2);  // mean (3, 1)
  CHECK(centred.row(0)[0] == doctest::Approx(-1.0));
  CHECK(centred.row(1)[1] == doctest::Approx(1.0));
  CHECK(centred.row(2)[0] == doctest::Approx(97.0));
  CHECK(centred.row(2)[1] == doctest::Approx(99.0));
}

TEST_CASE("removing the top component takes away the direction the rows share") {
  // Rows spread widely along (1, 1, 0)/sqrt(2), a little along the other axes.
  Rng rng(7);
  const std::size_t count = 300;
  Matrix vectors(count, 3);
  for (std::size_t r = 0; r < count; ++r) {
    const float along = (rng.uniform() - 0.5f) * 20.0f;
    vectors.row(r)[0] = 10 + along / std::sqrt(2.0f) + (rng.uniform() - 0.5f);
    vectors.row(r)[1] = 10 + along / std::sqrt(2.0f) - (rng.uniform() - 0.5f);
    vectors.row(r)[2] = rng.uniform() - 0.5f;
  }
  const PostProcessingFit fit = fit_post_processing(vectors, PostProcessing{true, 1}, count);
  REQUIRE(fit.axes.size() == 1);
  CHECK(fit.axes[0][0] == doctest::Approx(std::sqrt(0.5)).epsilon(0.01));
  CHECK(fit.axes[0][1] == doctest::Approx(std::sqrt(0.5)).epsilon(0.01));
  const Matrix result = post_processed(vectors, PostProcessing{true, 1}, count);
  double along_left = 0, across_kept = 0;
  for (std::size_t r = 0; r < count; ++r) {
    along_left += std::abs(result.row(r)[0] * fit.axes[0][0] + result.row(r)[1] * fit.axes[0][1] +
                           result.row(r)[2] * fit.axes[0][2]);
    across_kept += std::abs(result.row(r)[2]);
  }
  CHECK(along_left / count < 1e-4);
  CHECK(across_kept / count > 0.1);  // the small directions stay
}

TEST_CASE("centring makes unrelated rows that share an offset dissimilar") {
  // Random rows plus one common vector, as trained skip-gram vectors have.
  Rng rng(11);
  const std::size_t count = 400, dim = 20;
  Matrix vectors(count, dim);
  for (std::size_t r = 0; r < count; ++r) {
    for (std::size_t i = 0; i < dim; ++i) vectors.row(r)[i] = (rng.uniform() - 0.5f) + (i == 0 ? 2.0f : 0.5f);
  }
  double before = 0, after = 0;
  const Matrix centred = post_processed(vectors, PostProcessing{true, 0}, count);
  for (std::size_t r = 0; r + 1 < count; r += 2) {
    before += cosine(vectors.row(r), vectors.row(r + 1), dim);
    after += cosine(centred.row(r), centred.row(r + 1), dim);
  }
  before /= count / 2;
  after /= count / 2;
  CHECK(before > 0.8);
  CHECK(std::abs(after) < 0.05);
}

TEST_CASE("post-processing names read back, and bad choices are named errors") {
  for (const char* name : {"none", "centre", "centre+1", "centre+7"}) {
    CHECK(post_processing_name(parse_post_processing(name)) == name);
  }
  CHECK(parse_post_processing("center+3").removed_components == 3);
  CHECK(parse_post_processing("centre+3").centre);
  CHECK_FALSE(parse_post_processing("none").centre);
  for (const char* bad : {"", "centre+", "centre+x", "centre+-1", "centre+2x", "mean", "none+1"}) {
    CHECK_THROWS_AS(parse_post_processing(bad), tokenlab::UsageError);
  }
  const Matrix vectors = matrix_of({{3, 1}, {5, 1}});
  CHECK_THROWS_AS(fit_post_processing(vectors, PostProcessing{true, 2}, 2), tokenlab::UsageError);
  CHECK_THROWS_AS(fit_post_processing(vectors, PostProcessing{false, 1}, 2), tokenlab::UsageError);
}

TEST_CASE("post-processing an empty matrix is a no-op") {
  const Matrix empty(0, 4);
  CHECK(post_processed(empty, PostProcessing{true, 1}, 10).rows() == 0);
}
