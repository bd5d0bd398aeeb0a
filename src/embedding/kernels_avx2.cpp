// AVX2+FMA kernels: 8 floats per step, fused multiply-add, masked loads for
// the tail so a length like 100 needs no scalar loop.
//
// Why target attributes and not -mavx2 on this file: the default build must
// run on any x86-64 CPU, and a whole file compiled with -mavx2 may hand AVX2
// code to inline functions the linker then shares with the rest of the
// program. Attributes confine AVX2 to these functions; kernels.cpp calls them
// only after checking the CPU.
#include "embedding/kernels.h"

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>

#include <cstdint>

#define TOKENLAB_AVX2 __attribute__((target("avx2,fma")))

namespace tokenlab::embedding::kernels {
namespace {

// Lanes [8 - k, 16 - k) of this table select the first k lanes of a vector.
alignas(64) constexpr std::int32_t kMaskTable[16] = {-1, -1, -1, -1, -1, -1, -1, -1,
                                                     0,  0,  0,  0,  0,  0,  0,  0};

TOKENLAB_AVX2 inline __m256i tail_mask(std::size_t k) {
  return _mm256_loadu_si256(reinterpret_cast<const __m256i*>(kMaskTable + 8 - k));
}

TOKENLAB_AVX2 inline float horizontal_sum(__m256 v) {
  __m128 sum = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
  sum = _mm_add_ps(sum, _mm_movehl_ps(sum, sum));
  sum = _mm_add_ss(sum, _mm_movehdup_ps(sum));
  return _mm_cvtss_f32(sum);
}

TOKENLAB_AVX2 float dot_avx2(const float* x, const float* y, std::size_t n) {
  __m256 acc0 = _mm256_setzero_ps(), acc1 = _mm256_setzero_ps();
  std::size_t i = 0;
  for (; i + 16 <= n; i += 16) {
    acc0 = _mm256_fmadd_ps(_mm256_loadu_ps(x + i), _mm256_loadu_ps(y + i), acc0);
    acc1 = _mm256_fmadd_ps(_mm256_loadu_ps(x + i + 8), _mm256_loadu_ps(y + i + 8), acc1);
  }
  if (i + 8 <= n) {
    acc0 = _mm256_fmadd_ps(_mm256_loadu_ps(x + i), _mm256_loadu_ps(y + i), acc0);
    i += 8;
  }
  if (i < n) {
    const __m256i mask = tail_mask(n - i);
    acc1 = _mm256_fmadd_ps(_mm256_maskload_ps(x + i, mask), _mm256_maskload_ps(y + i, mask), acc1);
  }
  return horizontal_sum(_mm256_add_ps(acc0, acc1));
}

TOKENLAB_AVX2 void axpy_avx2(float a, const float* x, float* y, std::size_t n) {
  const __m256 va = _mm256_set1_ps(a);
  std::size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    _mm256_storeu_ps(y + i, _mm256_fmadd_ps(va, _mm256_loadu_ps(x + i), _mm256_loadu_ps(y + i)));
  }
  if (i < n) {
    const __m256i mask = tail_mask(n - i);
    const __m256 sum = _mm256_fmadd_ps(va, _mm256_maskload_ps(x + i, mask),
                                       _mm256_maskload_ps(y + i, mask));
    _mm256_maskstore_ps(y + i, mask, sum);
  }
}

TOKENLAB_AVX2 void scale_avx2(float a, float* x, std::size_t n) {
  const __m256 va = _mm256_set1_ps(a);
  std::size_t i = 0;
  for (; i + 8 <= n; i += 8) _mm256_storeu_ps(x + i, _mm256_mul_ps(va, _mm256_loadu_ps(x + i)));
  if (i < n) {
    const __m256i mask = tail_mask(n - i);
    _mm256_maskstore_ps(x + i, mask, _mm256_mul_ps(va, _mm256_maskload_ps(x + i, mask)));
  }
}

// Four dot products sharing x: each chunk of x is loaded once.
TOKENLAB_AVX2 void dot4_avx2(const float* x, const float* r0, const float* r1, const float* r2,
                             const float* r3, std::size_t n, float* out) {
  __m256 a0 = _mm256_setzero_ps(), a1 = _mm256_setzero_ps();
  __m256 a2 = _mm256_setzero_ps(), a3 = _mm256_setzero_ps();
  std::size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    const __m256 vx = _mm256_loadu_ps(x + i);
    a0 = _mm256_fmadd_ps(vx, _mm256_loadu_ps(r0 + i), a0);
    a1 = _mm256_fmadd_ps(vx, _mm256_loadu_ps(r1 + i), a1);
    a2 = _mm256_fmadd_ps(vx, _mm256_loadu_ps(r2 + i), a2);
    a3 = _mm256_fmadd_ps(vx, _mm256_loadu_ps(r3 + i), a3);
  }
  if (i < n) {
    const __m256i mask = tail_mask(n - i);
    const __m256 vx = _mm256_maskload_ps(x + i, mask);
    a0 = _mm256_fmadd_ps(vx, _mm256_maskload_ps(r0 + i, mask), a0);
    a1 = _mm256_fmadd_ps(vx, _mm256_maskload_ps(r1 + i, mask), a1);
    a2 = _mm256_fmadd_ps(vx, _mm256_maskload_ps(r2 + i, mask), a2);
    a3 = _mm256_fmadd_ps(vx, _mm256_maskload_ps(r3 + i, mask), a3);
  }
  // Transpose-and-add the four accumulators into one vector of four sums.
  const __m256 h01 = _mm256_hadd_ps(a0, a1);
  const __m256 h23 = _mm256_hadd_ps(a2, a3);
  const __m256 h = _mm256_hadd_ps(h01, h23);
  _mm_storeu_ps(out, _mm_add_ps(_mm256_castps256_ps128(h), _mm256_extractf128_ps(h, 1)));
}

TOKENLAB_AVX2 void dot_rows_avx2(const float* x, const float* const* rows, std::size_t count,
                                 std::size_t n, float* out) {
  std::size_t r = 0;
  for (; r + 4 <= count; r += 4) {
    dot4_avx2(x, rows[r], rows[r + 1], rows[r + 2], rows[r + 3], n, out + r);
  }
  for (; r < count; ++r) out[r] = dot_avx2(x, rows[r], n);
}

TOKENLAB_AVX2 void add_weighted_rows_avx2(const float* const* rows, const float* weights,
                                          std::size_t count, std::size_t n, float* y) {
  std::size_t i = 0;
  // Keeps 32 floats of y in registers while every row streams past.
  for (; i + 32 <= n; i += 32) {
    __m256 y0 = _mm256_loadu_ps(y + i), y1 = _mm256_loadu_ps(y + i + 8);
    __m256 y2 = _mm256_loadu_ps(y + i + 16), y3 = _mm256_loadu_ps(y + i + 24);
    for (std::size_t r = 0; r < count; ++r) {
      const __m256 w = _mm256_set1_ps(weights[r]);
      const float* row = rows[r] + i;
      y0 = _mm256_fmadd_ps(w, _mm256_loadu_ps(row), y0);
      y1 = _mm256_fmadd_ps(w, _mm256_loadu_ps(row + 8), y1);
      y2 = _mm256_fmadd_ps(w, _mm256_loadu_ps(row + 16), y2);
      y3 = _mm256_fmadd_ps(w, _mm256_loadu_ps(row + 24), y3);
    }
    _mm256_storeu_ps(y + i, y0);
    _mm256_storeu_ps(y + i + 8, y1);
    _mm256_storeu_ps(y + i + 16, y2);
    _mm256_storeu_ps(y + i + 24, y3);
  }
  for (; i < n; i += 8) {
    const __m256i mask = tail_mask(n - i < 8 ? n - i : 8);
    __m256 acc = _mm256_maskload_ps(y + i, mask);
    for (std::size_t r = 0; r < count; ++r) {
      acc = _mm256_fmadd_ps(_mm256_set1_ps(weights[r]), _mm256_maskload_ps(rows[r] + i, mask), acc);
    }
    _mm256_maskstore_ps(y + i, mask, acc);
  }
}

TOKENLAB_AVX2 void dot_matrix_avx2(const float* matrix, std::size_t rows, std::size_t stride,
                                   const float* x, std::size_t n, float* out) {
  std::size_t r = 0;
  for (; r + 4 <= rows; r += 4) {
    const float* row = matrix + r * stride;
    dot4_avx2(x, row, row + stride, row + 2 * stride, row + 3 * stride, n, out + r);
  }
  for (; r < rows; ++r) out[r] = dot_avx2(x, matrix + r * stride, n);
}

}  // namespace

const KernelSet* avx2_kernels() {
  static const KernelSet kSet{"avx2",       &dot_avx2,           &axpy_avx2,
                              &scale_avx2,  &dot_rows_avx2,      &add_weighted_rows_avx2,
                              &dot_matrix_avx2};
  return &kSet;
}

}  // namespace tokenlab::embedding::kernels

#else

namespace tokenlab::embedding::kernels {
const KernelSet* avx2_kernels() { return nullptr; }
}  // namespace tokenlab::embedding::kernels

#endif
