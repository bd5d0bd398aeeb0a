// The trainer's random numbers: PCG32 (O'Neill 2014), a 64-bit linear
// congruential state with a permuted 32-bit output. Small, fast, and the same
// sequence on every platform for a given seed, which makes training
// reproducible natively and in wasm.
//
//   Rng rng(42);  rng.below(10) -> a number in [0, 10)
#pragma once

#include <cstdint>

namespace tokenlab::embedding {

class Rng {
 public:
  explicit Rng(std::uint64_t seed = 0, std::uint64_t stream = 0)
      : increment_((stream << 1u) | 1u) {
    next();
    state_ += seed;
    next();
  }

  std::uint32_t next() {
    const std::uint64_t old = state_;
    state_ = old * 6364136223846793005ULL + increment_;
    const auto xorshifted = static_cast<std::uint32_t>(((old >> 18u) ^ old) >> 27u);
    const auto rotation = static_cast<std::uint32_t>(old >> 59u);
    return (xorshifted >> rotation) | (xorshifted << ((32u - rotation) & 31u));
  }

  // A number in [0, bound) by multiply-shift (Lemire); the bias, at most
  // bound / 2^32, does not matter for sampling windows and negatives.
  std::uint32_t below(std::uint32_t bound) {
    return static_cast<std::uint32_t>((static_cast<std::uint64_t>(next()) * bound) >> 32u);
  }

  // A float in [0, 1) with 24 random bits.
  float uniform() { return static_cast<float>(next() >> 8u) * 0x1.0p-24f; }

 private:
  std::uint64_t state_ = 0;
  std::uint64_t increment_;
};

}  // namespace tokenlab::embedding
