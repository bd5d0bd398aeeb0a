#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "embedding/kernels.h"
#include "embedding/rng.h"

using namespace tokenlab::embedding;
using kernels::KernelSet;

namespace {

constexpr std::size_t kLengths[] = {0, 1, 3, 17, 1000};

std::vector<float> random_values(std::size_t n, std::uint64_t seed) {
  Rng rng(seed);
  std::vector<float> values(n);
  for (float& v : values) v = rng.uniform() * 2.0f - 1.0f;
  return values;
}

// Float sums in another order differ by rounding only: allow a few ulps of
// the sum of magnitudes.
void check_close(float actual, float expected, float magnitude) {
  CHECK(std::abs(actual - expected) <= 1e-5f * (1.0f + magnitude));
}

float magnitude_of_dot(const float* x, const float* y, std::size_t n) {
  float sum = 0.0f;
  for (std::size_t i = 0; i < n; ++i) sum += std::abs(x[i] * y[i]);
  return sum;
}

}  // namespace

TEST_CASE("the kernel sets include the reference and the best one") {
  const auto sets = kernels::available_kernels();
  REQUIRE(!sets.empty());
  CHECK(sets.front()->name == "scalar");
  CHECK(&kernels::best_kernels() == sets.back());
#if defined(__x86_64__)
  CHECK(kernels::sse2_kernels() != nullptr);
#endif
}

TEST_CASE("every kernel set agrees with the reference at awkward lengths") {
  for (const KernelSet* set : kernels::available_kernels()) {
    for (std::size_t n : kLengths) {
      CAPTURE(std::string(set->name));
      CAPTURE(n);
      // Offsets by one float so the SIMD code sees unaligned pointers too.
      const std::vector<float> x_storage = random_values(n + 1, 1);
      const std::vector<float> y_storage = random_values(n + 1, 2);
      const float* x = x_storage.data() + 1;
      const float* y = y_storage.data() + 1;

      SUBCASE("dot") {
        check_close(set->dot(x, y, n), kernels::dot_ref(x, y, n), magnitude_of_dot(x, y, n));
      }
      SUBCASE("axpy") {
        std::vector<float> actual(y, y + n), expected(y, y + n);
        set->axpy(0.75f, x, actual.data(), n);
        kernels::axpy_ref(0.75f, x, expected.data(), n);
        for (std::size_t i = 0; i < n; ++i) CHECK(actual[i] == doctest::Approx(expected[i]).epsilon(1e-6));
      }
      SUBCASE("axpy writes nothing past n") {
        std::vector<float> buffer(n + 8, 7.0f);
        set->axpy(2.0f, x, buffer.data(), n);
        for (std::size_t i = n; i < n + 8; ++i) CHECK(buffer[i] == 7.0f);
      }
      SUBCASE("scale") {
        std::vector<float> actual(x, x + n), expected(x, x + n);
        actual.push_back(3.0f);  // past n: untouched
        set->scale(-1.5f, actual.data(), n);
        kernels::scale_ref(-1.5f, expected.data(), n);
        for (std::size_t i = 0; i < n; ++i) CHECK(actual[i] == expected[i]);
        CHECK(actual[n] == 3.0f);
      }
      SUBCASE("dot_rows over 0 to 9 rows") {
        const std::vector<float> storage = random_values(9 * n + 1, 3);
        std::vector<const float*> rows;
        for (std::size_t r = 0; r < 9; ++r) rows.push_back(storage.data() + 1 + r * n);
        for (std::size_t count = 0; count <= 9; ++count) {
          std::vector<float> actual(count + 1, 5.0f), expected(count, 0.0f);
          set->dot_rows(x, rows.data(), count, n, actual.data());
          kernels::dot_rows_ref(x, rows.data(), count, n, expected.data());
          for (std::size_t r = 0; r < count; ++r) check_close(actual[r], expected[r], magnitude_of_dot(x, rows[r], n));
          CHECK(actual[count] == 5.0f);
        }
      }
      SUBCASE("add_weighted_rows over 0 to 7 rows") {
        const std::vector<float> storage = random_values(7 * n + 1, 4);
        const std::vector<float> weights = random_values(7, 5);
        std::vector<const float*> rows;
        for (std::size_t r = 0; r < 7; ++r) rows.push_back(storage.data() + 1 + r * n);
        for (std::size_t count = 0; count <= 7; ++count) {
          std::vector<float> actual(y, y + n), expected(y, y + n);
          actual.push_back(9.0f);
          set->add_weighted_rows(rows.data(), weights.data(), count, n, actual.data());
          kernels::add_weighted_rows_ref(rows.data(), weights.data(), count, n, expected.data());
          for (std::size_t i = 0; i < n; ++i) check_close(actual[i], expected[i], 8.0f);
          CHECK(actual[n] == 9.0f);
        }
      }
      SUBCASE("dot_matrix with a padded stride") {
        const std::size_t rows = 7, stride = n + 5;
        const std::vector<float> matrix = random_values(rows * stride, 6);
        std::vector<float> actual(rows), expected(rows);
        set->dot_matrix(matrix.data(), rows, stride, x, n, actual.data());
        kernels::dot_matrix_ref(matrix.data(), rows, stride, x, n, expected.data());
        for (std::size_t r = 0; r < rows; ++r) {
          check_close(actual[r], expected[r], magnitude_of_dot(x, matrix.data() + r * stride, n));
        }
      }
    }
  }
}

TEST_CASE("the reference kernels compute the textbook values") {
  const float x[3] = {1, 2, 3};
  float y[3] = {4, 5, 6};
  CHECK(kernels::dot_ref(x, y, 3) == 32.0f);
  kernels::axpy_ref(2.0f, x, y, 3);
  CHECK(y[0] == 6.0f);
  CHECK(y[1] == 9.0f);
  CHECK(y[2] == 12.0f);
  const float* rows[2] = {x, y};
  const float weights[2] = {1.0f, -1.0f};
  float sum[3] = {0, 0, 0};
  kernels::add_weighted_rows_ref(rows, weights, 2, 3, sum);
  CHECK(sum[0] == -5.0f);
  CHECK(sum[2] == -9.0f);
}
