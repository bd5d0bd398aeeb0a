// SSE2 kernels: 4 floats per step, scalar tails. SSE2 is part of x86-64, so
// this set needs no flag and serves CPUs without AVX2.
#include "embedding/kernels.h"

#if defined(__x86_64__)
#include <emmintrin.h>

namespace tokenlab::embedding::kernels {
namespace {

float horizontal_sum(__m128 v) {
  __m128 swapped = _mm_shuffle_ps(v, v, _MM_SHUFFLE(2, 3, 0, 1));  // (b, a, d, c)
  __m128 pairs = _mm_add_ps(v, swapped);                           // (a+b, ., c+d, .)
  __m128 high = _mm_movehl_ps(pairs, pairs);                       // (c+d, ...)
  return _mm_cvtss_f32(_mm_add_ss(pairs, high));
}

float dot_sse2(const float* x, const float* y, std::size_t n) {
  __m128 acc0 = _mm_setzero_ps(), acc1 = _mm_setzero_ps();
  std::size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    acc0 = _mm_add_ps(acc0, _mm_mul_ps(_mm_loadu_ps(x + i), _mm_loadu_ps(y + i)));
    acc1 = _mm_add_ps(acc1, _mm_mul_ps(_mm_loadu_ps(x + i + 4), _mm_loadu_ps(y + i + 4)));
  }
  if (i + 4 <= n) {
    acc0 = _mm_add_ps(acc0, _mm_mul_ps(_mm_loadu_ps(x + i), _mm_loadu_ps(y + i)));
    i += 4;
  }
  float sum = horizontal_sum(_mm_add_ps(acc0, acc1));
  for (; i < n; ++i) sum += x[i] * y[i];
  return sum;
}

void axpy_sse2(float a, const float* x, float* y, std::size_t n) {
  const __m128 va = _mm_set1_ps(a);
  std::size_t i = 0;
  for (; i + 4 <= n; i += 4) {
    _mm_storeu_ps(y + i, _mm_add_ps(_mm_loadu_ps(y + i), _mm_mul_ps(va, _mm_loadu_ps(x + i))));
  }
  for (; i < n; ++i) y[i] += a * x[i];
}

void scale_sse2(float a, float* x, std::size_t n) {
  const __m128 va = _mm_set1_ps(a);
  std::size_t i = 0;
  for (; i + 4 <= n; i += 4) _mm_storeu_ps(x + i, _mm_mul_ps(va, _mm_loadu_ps(x + i)));
  for (; i < n; ++i) x[i] *= a;
}

void dot_rows_sse2(const float* x, const float* const* rows, std::size_t count,
                   std::size_t n, float* out) {
  for (std::size_t r = 0; r < count; ++r) out[r] = dot_sse2(x, rows[r], n);
}

void add_weighted_rows_sse2(const float* const* rows, const float* weights,
                            std::size_t count, std::size_t n, float* y) {
  std::size_t i = 0;
  // Keeps 8 floats of y in registers while every row streams past.
  for (; i + 8 <= n; i += 8) {
    __m128 y0 = _mm_loadu_ps(y + i), y1 = _mm_loadu_ps(y + i + 4);
    for (std::size_t r = 0; r < count; ++r) {
      const __m128 w = _mm_set1_ps(weights[r]);
      y0 = _mm_add_ps(y0, _mm_mul_ps(w, _mm_loadu_ps(rows[r] + i)));
      y1 = _mm_add_ps(y1, _mm_mul_ps(w, _mm_loadu_ps(rows[r] + i + 4)));
    }
    _mm_storeu_ps(y + i, y0);
    _mm_storeu_ps(y + i + 4, y1);
  }
  for (; i < n; ++i) {
    float sum = y[i];
    for (std::size_t r = 0; r < count; ++r) sum += weights[r] * rows[r][i];
    y[i] = sum;
  }
}

void dot_matrix_sse2(const float* matrix, std::size_t rows, std::size_t stride,
                     const float* x, std::size_t n, float* out) {
  for (std::size_t r = 0; r < rows; ++r) out[r] = dot_sse2(x, matrix + r * stride, n);
}

}  // namespace

const KernelSet* sse2_kernels() {
  static const KernelSet kSet{"sse2",       &dot_sse2,           &axpy_sse2,
                              &scale_sse2,  &dot_rows_sse2,      &add_weighted_rows_sse2,
                              &dot_matrix_sse2};
  return &kSet;
}

}  // namespace tokenlab::embedding::kernels

#else

namespace tokenlab::embedding::kernels {
const KernelSet* sse2_kernels() { return nullptr; }
}  // namespace tokenlab::embedding::kernels

#endif
