// Chooses the kernel set once. On x86-64 the AVX2+FMA set is compiled into
// every build (with per-function target attributes) and used only when the
// running CPU has both; SSE2 is part of x86-64 itself. Under Emscripten the
// SIMD128 set exists when the build passes -msimd128.
#include "embedding/kernels.h"

namespace tokenlab::embedding::kernels {
namespace {

bool cpu_has_avx2_fma() {
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
  return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
#else
  return false;
#endif
}

}  // namespace

std::vector<const KernelSet*> available_kernels() {
  std::vector<const KernelSet*> sets{&reference_kernels()};
  if (const KernelSet* set = sse2_kernels()) sets.push_back(set);
  if (const KernelSet* set = avx2_kernels(); set && cpu_has_avx2_fma()) sets.push_back(set);
  if (const KernelSet* set = simd128_kernels()) sets.push_back(set);
  return sets;
}

const KernelSet& best_kernels() {
  // Later entries of available_kernels() are faster.
  static const KernelSet& kBest = *available_kernels().back();
  return kBest;
}

}  // namespace tokenlab::embedding::kernels
