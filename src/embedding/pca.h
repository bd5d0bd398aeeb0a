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

// The mean of the first `count` rows (all rows when count is larger) and
// their `components` main axes, largest variance first (at most cols()).
struct PrincipalAxes {
  std::vector<double> mean;                // cols() values
  std::vector<std::vector<double>> axes;   // unit length, cols() values each
  std::vector<double> variances;           // along each axis
  double total_variance = 0.0;             // sum over all dimensions
};
PrincipalAxes principal_axes(const Matrix& vectors, std::size_t count, std::size_t components);

// Projects the first `count` rows of vectors (all rows when count is larger)
// onto their two main axes, after centering them.
Projection2d pca_2d(const Matrix& vectors, std::size_t count);

}  // namespace tokenlab::embedding
