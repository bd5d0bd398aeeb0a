// tokenlab evaluate-vectors: the standard intrinsic scores of a .vec file
// (embedding/evaluation.h), after an optional post-processing, so choices
// such as centring can be compared on one ruler.
//
//   tokenlab evaluate-vectors vectors.vec --analogies questions-words.txt
//       --similarity wordsim353.tsv --post-process centre --rows 30000
//   → post-processing  centre
//     rows             30000 of 41234
//     analogies        questions-words.txt  0.2512 (4870 of 19386 covered)
//     similarity       wordsim353.tsv  0.6012 (331 of 353 covered)
//
// --rows keeps the first N rows (the most frequent words, as .vec files are
// written), as the page keeps them; the post-processing is fitted on those.
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <ostream>

#include "cli/args.h"
#include "cli/command.h"
#include "embedding/evaluation.h"
#include "embedding/neighbors.h"
#include "embedding/post_processing.h"
#include "embedding/vec_format.h"
#include "tokenizer/errors.h"

namespace tokenlab::cli {

namespace {

std::string file_name(const std::string& path) { return std::filesystem::path(path).filename().string(); }

int run_evaluate_vectors(const std::vector<std::string>& raw_args, Io io) {
  const ParsedArgs args = parse_args(raw_args, ArgSpec{{"analogies", "similarity", "post-process", "rows"}, {}});
  if (args.positionals.size() != 1) throw UsageError("expected FILE.vec");
  if (!args.get("analogies") && !args.get("similarity")) {
    throw UsageError("give --analogies FILE or --similarity FILE (or both) to score against");
  }
  embedding::WordVectors vectors = embedding::read_vec(read_input(args.positionals[0], io.in));
  const std::size_t total = vectors.words.size();
  const double rows_option = args.get_number("rows", static_cast<double>(total));
  if (rows_option != std::floor(rows_option) || rows_option < 1) {
    throw UsageError("--rows must be a whole number of at least 1, not " + args.get_or("rows", ""));
  }
  const std::size_t rows = std::min(total, static_cast<std::size_t>(rows_option));
  if (rows < total) {
    embedding::Matrix kept(rows, vectors.vectors.cols());
    for (std::size_t r = 0; r < rows; ++r) {
      std::copy(vectors.vectors.row(r), vectors.vectors.row(r) + kept.cols(), kept.row(r));
    }
    vectors.vectors = std::move(kept);
    vectors.words.resize(rows);
  }
  const embedding::PostProcessing post = embedding::parse_post_processing(args.get_or("post-process", "none"));
  if (!post.none()) vectors.vectors = embedding::post_processed(vectors.vectors, post, rows);
  const embedding::Neighbors neighbors(vectors.vectors);

  char line[256];
  io.out << "post-processing  " << embedding::post_processing_name(post) << '\n';
  io.out << "rows             " << rows << " of " << total << '\n';
  for (const std::string& path : args.options.count("analogies") ? args.options.at("analogies") : std::vector<std::string>{}) {
    const embedding::AnalogyScore score = embedding::evaluate_analogies(neighbors, vectors.words, read_input(path, io.in));
    std::snprintf(line, sizeof line, "analogies        %s  %.4f (%zu of %zu covered)\n", file_name(path).c_str(),
                  score.accuracy(), score.covered, score.questions);
    io.out << line;
  }
  for (const std::string& path : args.options.count("similarity") ? args.options.at("similarity") : std::vector<std::string>{}) {
    const embedding::SimilarityScore score = embedding::evaluate_similarity(neighbors, vectors.words, read_input(path, io.in));
    std::snprintf(line, sizeof line, "similarity       %s  %.4f (%zu of %zu covered)\n", file_name(path).c_str(),
                  score.spearman, score.covered, score.pairs);
    io.out << line;
  }
  return kExitOk;
}

const Registration kEvaluateVectors{
    {"evaluate-vectors",
     "evaluate-vectors FILE.vec [--analogies FILE]... [--similarity FILE]... [--post-process none|centre|centre+D] "
     "[--rows N]",
     "score word vectors on analogy questions (accuracy) and word-pair similarities (Spearman)",
     &run_evaluate_vectors}};

}  // namespace

}  // namespace tokenlab::cli
