// Scalar reference kernels: the specification the SIMD sets are tested against.
#include "embedding/kernels.h"

namespace tokenlab::embedding::kernels {

float dot_ref(const float* x, const float* y, std::size_t n) {
  float sum = 0.0f;
  for (std::size_t i = 0; i < n; ++i) sum += x[i] * y[i];
  return sum;
}

void axpy_ref(float a, const float* x, float* y, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) y[i] += a * x[i];
}

void scale_ref(float a, float* x, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) x[i] *= a;
}

void dot_rows_ref(const float* x, const float* const* rows, std::size_t count,
                  std::size_t n, float* out) {
  for (std::size_t r = 0; r < count; ++r) out[r] = dot_ref(x, rows[r], n);
}

void add_weighted_rows_ref(const float* const* rows, const float* weights,
                           std::size_t count, std::size_t n, float* y) {
  for (std::size_t r = 0; r < count; ++r) axpy_ref(weights[r], rows[r], y, n);
}

void dot_matrix_ref(const float* matrix, std::size_t rows, std::size_t stride,
                    const float* x, std::size_t n, float* out) {
  for (std::size_t r = 0; r < rows; ++r) out[r] = dot_ref(x, matrix + r * stride, n);
}

const KernelSet& reference_kernels() {
  static const KernelSet kSet{"scalar",       &dot_ref,           &axpy_ref,
                              &scale_ref,     &dot_rows_ref,      &add_weighted_rows_ref,
                              &dot_matrix_ref};
  return kSet;
}

}  // namespace tokenlab::embedding::kernels
