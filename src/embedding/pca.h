// Principal component analysis down to two dimensions, for the word map.
//
//   points (0,0,0), (2,0,0), (4,0.1,0): the first axis is about (1, 0, 0),
//   and the points project to about (-2, 0), (0, 0), (2, 0)
//
// The covariance (dim x dim, at most 300 x 300) is summed with the SIMD
// kernels, then each component is found by power iteration from a fixed start
// and removed from the covariance (deflation). The result is deterministic for
// a build; the sign of each axis is chosen so its largest-magnitude
// coordinate is positive.
#pragma once

#include <cstddef>
#include <vector>

#include "embedding/matrix.h"

namespace tokenlab::embedding {

struct Projection2d {
  std::vector<float> x;             // one per row, first component
  std::vector<float> y;             // one per row, second component
  std::vector<float> axes[2];       // the components, unit length, dim values each
  double variance[2] = {0.0, 0.0};  // variance along each axis
  double total_variance = 0.0;      // sum over all dimensions
};

// Projects the first `count` rows of vectors (all rows when count is larger)
// onto their two main axes, after centering them.
Projection2d pca_2d(const Matrix& vectors, std::size_t count);

}  // namespace tokenlab::embedding
