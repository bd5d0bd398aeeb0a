#include "embedding/pca.h"

#include <algorithm>
#include <cmath>

#include "embedding/kernels.h"

namespace tokenlab::embedding {
namespace {

constexpr int kMaxIterations = 1000;
constexpr double kTolerance = 1e-10;

// The dominant eigenvector of a symmetric matrix, by power iteration from a
// fixed start that is unlikely to be orthogonal to it.
std::vector<double> dominant_axis(const std::vector<double>& covariance, std::size_t dim) {
  std::vector<double> axis(dim), next(dim);
  for (std::size_t i = 0; i < dim; ++i) axis[i] = 1.0 + 0.01 * static_cast<double>(i % 7);
  for (int iteration = 0; iteration < kMaxIterations; ++iteration) {
    double norm = 0.0;
    for (std::size_t i = 0; i < dim; ++i) {
      double sum = 0.0;
      for (std::size_t j = 0; j < dim; ++j) sum += covariance[i * dim + j] * axis[j];
      next[i] = sum;
      norm += sum * sum;
    }
    norm = std::sqrt(norm);
    if (norm == 0.0) break;  // no variance left
    double change = 0.0;
    for (std::size_t i = 0; i < dim; ++i) {
      next[i] /= norm;
      change += (next[i] - axis[i]) * (next[i] - axis[i]);
    }
    axis.swap(next);
    if (change < kTolerance) break;
  }
  double norm = 0.0;
  for (double v : axis) norm += v * v;
  norm = std::sqrt(norm);
  std::size_t largest = 0;
  for (std::size_t i = 0; i < dim; ++i) {
    if (std::abs(axis[i]) > std::abs(axis[largest])) largest = i;
  }
  const double sign = axis.empty() || axis[largest] >= 0.0 ? 1.0 : -1.0;
  for (double& v : axis) v = norm > 0.0 ? sign * v / norm : 0.0;
  return axis;
}

double rayleigh(const std::vector<double>& covariance, const std::vector<double>& axis) {
  const std::size_t dim = axis.size();
  double value = 0.0;
  for (std::size_t i = 0; i < dim; ++i) {
    for (std::size_t j = 0; j < dim; ++j) value += axis[i] * covariance[i * dim + j] * axis[j];
  }
  return value;
}

}  // namespace

PrincipalAxes principal_axes(const Matrix& vectors, std::size_t count, std::size_t components) {
  const std::size_t rows = std::min(count, vectors.rows());
  const std::size_t dim = vectors.cols();
  PrincipalAxes result;
  result.mean.assign(dim, 0.0);
  if (rows == 0 || dim == 0) return result;

  // 1. Mean and covariance. The sums of products run in float with the SIMD
  // axpy (the upper triangle, one row at a time): for a map of a few
  // thousand points the rounding is far below what a picture shows, and it is
  // several times faster than double, which matters in the browser.
  std::vector<double>& mean = result.mean;
  for (std::size_t r = 0; r < rows; ++r) {
    for (std::size_t i = 0; i < dim; ++i) mean[i] += vectors.row(r)[i];
  }
  for (double& m : mean) m /= static_cast<double>(rows);
  std::vector<float> sums(dim * dim, 0.0f);
  std::vector<float> centered(dim);
  for (std::size_t r = 0; r < rows; ++r) {
    for (std::size_t i = 0; i < dim; ++i) {
      centered[i] = static_cast<float>(vectors.row(r)[i] - mean[i]);
    }
    for (std::size_t i = 0; i < dim; ++i) {
      kernels::axpy(centered[i], centered.data() + i, sums.data() + i * dim + i, dim - i);
    }
  }
  std::vector<double> covariance(dim * dim, 0.0);
  for (std::size_t i = 0; i < dim; ++i) {
    for (std::size_t j = i; j < dim; ++j) {
      covariance[i * dim + j] = sums[i * dim + j] / static_cast<double>(rows);
      covariance[j * dim + i] = covariance[i * dim + j];
    }
    result.total_variance += covariance[i * dim + i];
  }

  // 2. The axes one by one, each removed from the covariance once found.
  for (std::size_t component = 0; component < std::min(components, dim); ++component) {
    const std::vector<double> axis = dominant_axis(covariance, dim);
    const double variance = std::max(0.0, rayleigh(covariance, axis));
    for (std::size_t i = 0; i < dim; ++i) {
      for (std::size_t j = 0; j < dim; ++j) covariance[i * dim + j] -= variance * axis[i] * axis[j];
    }
    result.variances.push_back(variance);
    result.axes.push_back(axis);
  }
  return result;
}

Projection2d pca_2d(const Matrix& vectors, std::size_t count) {
  const std::size_t rows = std::min(count, vectors.rows());
  const std::size_t dim = vectors.cols();
  Projection2d result;
  result.x.assign(rows, 0.0f);
  result.y.assign(rows, 0.0f);
  if (rows == 0 || dim == 0) return result;
  const PrincipalAxes axes = principal_axes(vectors, rows, 2);
  result.total_variance = axes.total_variance;
  for (std::size_t component = 0; component < 2; ++component) {
    if (component < axes.axes.size()) {
      result.variance[component] = axes.variances[component];
      result.axes[component].assign(axes.axes[component].begin(), axes.axes[component].end());
    } else {
      result.axes[component].assign(dim, 0.0f);  // a one-dimensional input has no second axis
    }
  }

  // 3. Coordinates.
  for (std::size_t r = 0; r < rows; ++r) {
    double x = 0.0, y = 0.0;
    for (std::size_t i = 0; i < dim; ++i) {
      const double value = vectors.row(r)[i] - axes.mean[i];
      x += value * result.axes[0][i];
      y += value * result.axes[1][i];
    }
    result.x[r] = static_cast<float>(x);
    result.y[r] = static_cast<float>(y);
  }
  return result;
}

}  // namespace tokenlab::embedding
