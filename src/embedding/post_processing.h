// Post-processing of trained word vectors: centring, and removal of the top
// principal components ("all-but-the-top", Mu & Viswanath, ICLR 2018).
//
//   rows (3, 1), (5, 1), (4, 2): the mean (4, 4/3) is subtracted, giving
//   (-1, -1/3), (1, -1/3), (0, 2/3); removing 1 component then also takes
//   away each row's part along the main axis of those centred rows
//
// Why: skip-gram vectors share one large common direction (every row has a
// big part along the mean, plus a few directions that mostly encode word
// frequency), so the cosine of any two words is high, unrelated ones
// included: cancel/pizza scores nearly as well as cancel/terminate. Removing
// the mean makes the cosine of random words about zero, so a high cosine
// means something again; removing the top components as well is what the
// paper recommends (D about dim / 100), but its effect on small corpora goes
// both ways, so it is a setting (measured in build-scripts/make-default-vectors.mjs).
//
// The statistics come from the first `statistics_rows` rows (the most
// frequent words, as vectors are stored), and are applied to every row. The
// components are those of principal_axes (pca.h): deterministic, each axis
// signed so its largest-magnitude coordinate is positive.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "embedding/matrix.h"

namespace tokenlab::embedding {

struct PostProcessing {
  bool centre = false;
  std::size_t removed_components = 0;  // needs centre; below the dimension

  bool none() const { return !centre && removed_components == 0; }
};

// "none", "centre" or "centre+D" (D removed components, e.g. "centre+2"),
// as the CLI and the page name a choice.
std::string post_processing_name(const PostProcessing& options);
// The inverse of post_processing_name; "center" is accepted too. Throws
// UsageError for anything else.
PostProcessing parse_post_processing(const std::string& name);

// What a post-processing subtracts: the mean and the removed axes.
struct PostProcessingFit {
  std::vector<float> mean;                 // cols() values, or empty (not centred)
  std::vector<std::vector<float>> axes;    // unit length, cols() values each
};

// Throws UsageError when removed_components is not below the dimension, or
// components are asked without centring.
PostProcessingFit fit_post_processing(const Matrix& vectors, const PostProcessing& options,
                                      std::size_t statistics_rows);

// x -= mean, then x -= (x . axis) axis for each axis: dim values in place.
void apply_post_processing(const PostProcessingFit& fit, float* x, std::size_t dim);

// A copy of vectors with the fit of its first statistics_rows rows applied
// to every row.
Matrix post_processed(const Matrix& vectors, const PostProcessing& options, std::size_t statistics_rows);

}  // namespace tokenlab::embedding
