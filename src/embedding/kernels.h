// Vector kernels for the embedding trainer and the neighbour search: flat
// pointers plus a length, no ownership, no allocation.
//
//   float x[3] = {1, 2, 3}, y[3] = {4, 5, 6};
//   dot(x, y, 3)       -> 32
//   axpy(2, x, y, 3)   -> y = {6, 9, 12}
//
// Every kernel has a scalar `_ref` version that is always compiled and is the
// specification; the instruction-set versions (SSE2 and AVX2+FMA on x86-64,
// SIMD128 under Emscripten) must agree with it up to float rounding. The
// dispatching functions below pick the best set once, at first use: on x86-64
// from the running CPU (so the default build needs no -march flag), elsewhere
// at build time.
//
// Pointers need no particular alignment. Buffers hold at least n floats
// (x, y, each row), `count` row pointers, `count` weights or outputs.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace tokenlab::embedding::kernels {

// One implementation of every kernel for one instruction set.
struct KernelSet {
  std::string_view name;  // "scalar", "sse2", "avx2", "simd128"

  // Returns sum_i x[i] * y[i].
  float (*dot)(const float* x, const float* y, std::size_t n);
  // y[i] += a * x[i].
  void (*axpy)(float a, const float* x, float* y, std::size_t n);
  // x[i] *= a.
  void (*scale)(float a, float* x, std::size_t n);
  // out[r] = dot(x, rows[r], n) for r < count: one vector against a few
  // scattered rows (the scores of a training window).
  void (*dot_rows)(const float* x, const float* const* rows, std::size_t count,
                   std::size_t n, float* out);
  // y[i] += sum_r weights[r] * rows[r][i]: a few scattered rows combined into
  // one (the gradient of a training window). y may not alias a row.
  void (*add_weighted_rows)(const float* const* rows, const float* weights,
                            std::size_t count, std::size_t n, float* y);
  // out[r] = dot(x, matrix + r * stride, n) for r < rows: a dense matrix times
  // a vector (the scores of a neighbour search). stride >= n.
  void (*dot_matrix)(const float* matrix, std::size_t rows, std::size_t stride,
                     const float* x, std::size_t n, float* out);
};

// The scalar reference set.
const KernelSet& reference_kernels();

// Every set this build contains that the running CPU supports, reference first.
std::vector<const KernelSet*> available_kernels();

// The fastest available set; the functions below forward to it.
const KernelSet& best_kernels();

inline float dot(const float* x, const float* y, std::size_t n) {
  return best_kernels().dot(x, y, n);
}
inline void axpy(float a, const float* x, float* y, std::size_t n) {
  best_kernels().axpy(a, x, y, n);
}
inline void scale(float a, float* x, std::size_t n) { best_kernels().scale(a, x, n); }

// Reference versions, exposed for tests and for tiny inputs.
float dot_ref(const float* x, const float* y, std::size_t n);
void axpy_ref(float a, const float* x, float* y, std::size_t n);
void scale_ref(float a, float* x, std::size_t n);
void dot_rows_ref(const float* x, const float* const* rows, std::size_t count,
                  std::size_t n, float* out);
void add_weighted_rows_ref(const float* const* rows, const float* weights,
                           std::size_t count, std::size_t n, float* y);
void dot_matrix_ref(const float* matrix, std::size_t rows, std::size_t stride,
                    const float* x, std::size_t n, float* out);

// Instruction-set versions, defined only where the build contains them
// (null when absent): see kernels.cpp.
const KernelSet* sse2_kernels();
const KernelSet* avx2_kernels();     // may exist while the CPU lacks AVX2
const KernelSet* simd128_kernels();

}  // namespace tokenlab::embedding::kernels
