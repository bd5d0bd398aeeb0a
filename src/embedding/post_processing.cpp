#include "embedding/post_processing.h"

#include <charconv>

#include "embedding/kernels.h"
#include "embedding/pca.h"
#include "tokenizer/errors.h"

namespace tokenlab::embedding {

std::string post_processing_name(const PostProcessing& options) {
  if (options.none()) return "none";
  std::string name = "centre";
  if (options.removed_components > 0) name += "+" + std::to_string(options.removed_components);
  return name;
}

PostProcessing parse_post_processing(const std::string& name) {
  PostProcessing options;
  if (name == "none") return options;
  const std::size_t plus = name.find('+');
  const std::string head = name.substr(0, plus);
  if (head != "centre" && head != "center") {
    throw UsageError("post-processing must be none, centre or centre+D (D components removed), not \"" + name + "\"");
  }
  options.centre = true;
  if (plus == std::string::npos) return options;
  const std::string digits = name.substr(plus + 1);
  std::size_t components = 0;
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), components);
  if (digits.empty() || error != std::errc() || end != digits.data() + digits.size() || components > 1000) {
    throw UsageError("post-processing \"" + name + "\": D must be a whole number of components (centre+2)");
  }
  options.removed_components = components;
  return options;
}

PostProcessingFit fit_post_processing(const Matrix& vectors, const PostProcessing& options,
                                      std::size_t statistics_rows) {
  const std::size_t dim = vectors.cols();
  if (options.removed_components > 0 && !options.centre) {
    throw UsageError("removing principal components needs centring first");
  }
  if (options.removed_components > 0 && options.removed_components >= dim) {
    throw UsageError("cannot remove " + std::to_string(options.removed_components) +
                     " principal components of " + std::to_string(dim) + "-dimensional vectors");
  }
  PostProcessingFit fit;
  if (!options.centre) return fit;
  const PrincipalAxes axes = principal_axes(vectors, statistics_rows, options.removed_components);
  fit.mean.assign(axes.mean.begin(), axes.mean.end());
  for (const std::vector<double>& axis : axes.axes) fit.axes.emplace_back(axis.begin(), axis.end());
  return fit;
}

void apply_post_processing(const PostProcessingFit& fit, float* x, std::size_t dim) {
  if (fit.mean.size() == dim) kernels::axpy(-1.0f, fit.mean.data(), x, dim);
  // Each axis is orthogonal to the others (deflation), so removing them one
  // after another is removing the projection onto their span.
  for (const std::vector<float>& axis : fit.axes) {
    kernels::axpy(-kernels::dot(x, axis.data(), dim), axis.data(), x, dim);
  }
}

Matrix post_processed(const Matrix& vectors, const PostProcessing& options, std::size_t statistics_rows) {
  const PostProcessingFit fit = fit_post_processing(vectors, options, statistics_rows);
  Matrix result(vectors);
  for (std::size_t r = 0; r < result.rows(); ++r) apply_post_processing(fit, result.row(r), result.cols());
  return result;
}

}  // namespace tokenlab::embedding
