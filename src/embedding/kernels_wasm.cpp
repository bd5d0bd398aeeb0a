// WebAssembly SIMD128 kernels: 4 floats per step, scalar tails. SIMD128 has
// no fused multiply-add, so each step is a multiply and an add; the row
// kernels keep several partial sums in flight so those do not wait on each
// other.
#include "embedding/kernels.h"

#if defined(__wasm_simd128__)
#include <wasm_simd128.h>

namespace tokenlab::embedding::kernels {
namespace {

inline float horizontal_sum(v128_t v) {
  return wasm_f32x4_extract_lane(v, 0) + wasm_f32x4_extract_lane(v, 1) +
         wasm_f32x4_extract_lane(v, 2) + wasm_f32x4_extract_lane(v, 3);
}

inline v128_t load(const float* p) { return wasm_v128_load(p); }
inline v128_t mul_add(v128_t a, v128_t b, v128_t acc) {
  return wasm_f32x4_add(acc, wasm_f32x4_mul(a, b));
}

float dot_simd128(const float* x, const float* y, std::size_t n) {
  v128_t acc0 = wasm_f32x4_splat(0.0f), acc1 = acc0;
  std::size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    acc0 = mul_add(load(x + i), load(y + i), acc0);
    acc1 = mul_add(load(x + i + 4), load(y + i + 4), acc1);
  }
  if (i + 4 <= n) {
    acc0 = mul_add(load(x + i), load(y + i), acc0);
    i += 4;
  }
  float sum = horizontal_sum(wasm_f32x4_add(acc0, acc1));
  for (; i < n; ++i) sum += x[i] * y[i];
  return sum;
}

void axpy_simd128(float a, const float* x, float* y, std::size_t n) {
  const v128_t va = wasm_f32x4_splat(a);
  std::size_t i = 0;
  for (; i + 4 <= n; i += 4) wasm_v128_store(y + i, mul_add(va, load(x + i), load(y + i)));
  for (; i < n; ++i) y[i] += a * x[i];
}

void scale_simd128(float a, float* x, std::size_t n) {
  const v128_t va = wasm_f32x4_splat(a);
  std::size_t i = 0;
  for (; i + 4 <= n; i += 4) wasm_v128_store(x + i, wasm_f32x4_mul(va, load(x + i)));
  for (; i < n; ++i) x[i] *= a;
}

// Four dot products sharing x: each chunk of x is loaded once.
void dot4_simd128(const float* x, const float* r0, const float* r1, const float* r2,
                  const float* r3, std::size_t n, float* out) {
  v128_t a0 = wasm_f32x4_splat(0.0f), a1 = a0, a2 = a0, a3 = a0;
  std::size_t i = 0;
  for (; i + 4 <= n; i += 4) {
    const v128_t vx = load(x + i);
    a0 = mul_add(vx, load(r0 + i), a0);
    a1 = mul_add(vx, load(r1 + i), a1);
    a2 = mul_add(vx, load(r2 + i), a2);
    a3 = mul_add(vx, load(r3 + i), a3);
  }
  float s0 = horizontal_sum(a0), s1 = horizontal_sum(a1);
  float s2 = horizontal_sum(a2), s3 = horizontal_sum(a3);
  for (; i < n; ++i) {
    s0 += x[i] * r0[i];
    s1 += x[i] * r1[i];
    s2 += x[i] * r2[i];
    s3 += x[i] * r3[i];
  }
  out[0] = s0;
  out[1] = s1;
  out[2] = s2;
  out[3] = s3;
}

void dot_rows_simd128(const float* x, const float* const* rows, std::size_t count,
                      std::size_t n, float* out) {
  std::size_t r = 0;
  for (; r + 4 <= count; r += 4) {
    dot4_simd128(x, rows[r], rows[r + 1], rows[r + 2], rows[r + 3], n, out + r);
  }
  for (; r < count; ++r) out[r] = dot_simd128(x, rows[r], n);
}

void add_weighted_rows_simd128(const float* const* rows, const float* weights,
                               std::size_t count, std::size_t n, float* y) {
  std::size_t i = 0;
  // Keeps 16 floats of y in registers while every row streams past.
  for (; i + 16 <= n; i += 16) {
    v128_t y0 = load(y + i), y1 = load(y + i + 4), y2 = load(y + i + 8), y3 = load(y + i + 12);
    for (std::size_t r = 0; r < count; ++r) {
      const v128_t w = wasm_f32x4_splat(weights[r]);
      const float* row = rows[r] + i;
      y0 = mul_add(w, load(row), y0);
      y1 = mul_add(w, load(row + 4), y1);
      y2 = mul_add(w, load(row + 8), y2);
      y3 = mul_add(w, load(row + 12), y3);
    }
    wasm_v128_store(y + i, y0);
    wasm_v128_store(y + i + 4, y1);
    wasm_v128_store(y + i + 8, y2);
    wasm_v128_store(y + i + 12, y3);
  }
  for (; i + 4 <= n; i += 4) {
    v128_t acc = load(y + i);
    for (std::size_t r = 0; r < count; ++r) {
      acc = mul_add(wasm_f32x4_splat(weights[r]), load(rows[r] + i), acc);
    }
    wasm_v128_store(y + i, acc);
  }
  for (; i < n; ++i) {
    float sum = y[i];
    for (std::size_t r = 0; r < count; ++r) sum += weights[r] * rows[r][i];
    y[i] = sum;
  }
}

void dot_matrix_simd128(const float* matrix, std::size_t rows, std::size_t stride,
                        const float* x, std::size_t n, float* out) {
  std::size_t r = 0;
  for (; r + 4 <= rows; r += 4) {
    const float* row = matrix + r * stride;
    dot4_simd128(x, row, row + stride, row + 2 * stride, row + 3 * stride, n, out + r);
  }
  for (; r < rows; ++r) out[r] = dot_simd128(x, matrix + r * stride, n);
}

}  // namespace

const KernelSet* simd128_kernels() {
  static const KernelSet kSet{"simd128",       &dot_simd128,          &axpy_simd128,
                              &scale_simd128,  &dot_rows_simd128,     &add_weighted_rows_simd128,
                              &dot_matrix_simd128};
  return &kSet;
}

}  // namespace tokenlab::embedding::kernels

#else

namespace tokenlab::embedding::kernels {
const KernelSet* simd128_kernels() { return nullptr; }
}  // namespace tokenlab::embedding::kernels

#endif
