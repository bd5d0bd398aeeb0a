// tokenlab neighbors: the words nearest to a word in a .vec file;
// tokenlab analogy: the words nearest to a - b + c; tokenlab similarity: the
// cosine of two words. All three take
// --post-process none|centre|centre+D (embedding/post_processing.h), fitted
// on every row of the file.
#include <cmath>
#include <cstdio>
#include <ostream>

#include "cli/args.h"
#include "cli/command.h"
#include "embedding/neighbors.h"
#include "embedding/post_processing.h"
#include "embedding/vec_format.h"
#include "tokenizer/errors.h"

namespace tokenlab::cli {

namespace {

constexpr double kMaxK = 100000;

// Shared by neighbors and analogy: "-k N" within 1..kMaxK.
std::size_t k_option(const ParsedArgs& args) {
  const double k = args.get_number("k", 10);
  if (k != std::floor(k) || k < 1 || k > kMaxK) {
    throw UsageError("-k must be a whole number between 1 and 100000, not " + args.get_or("k", ""));
  }
  return static_cast<std::size_t>(k);
}

std::int32_t row_of(const embedding::WordVectors& vectors, const std::string& word, const std::string& path) {
  for (std::size_t r = 0; r < vectors.words.size(); ++r) {
    if (vectors.words[r] == word) return static_cast<std::int32_t>(r);
  }
  throw UsageError("\"" + word + "\" is not in the vocabulary of " + path);
}

// The file's vectors, post-processed as --post-process asks (none by default).
embedding::WordVectors load_vectors(const ParsedArgs& args, const std::string& path, Io io) {
  embedding::WordVectors vectors = embedding::read_vec(read_input(path, io.in));
  const embedding::PostProcessing post = embedding::parse_post_processing(args.get_or("post-process", "none"));
  if (!post.none()) vectors.vectors = embedding::post_processed(vectors.vectors, post, vectors.vectors.rows());
  return vectors;
}

void print_list(const embedding::WordVectors& vectors, const embedding::NeighborList& list, std::ostream& out) {
  char score[32];
  for (std::size_t i = 0; i < list.rows.size(); ++i) {
    std::snprintf(score, sizeof score, "%.4f", static_cast<double>(list.scores[i]));
    out << vectors.words[static_cast<std::size_t>(list.rows[i])] << '\t' << score << '\n';
  }
}

int run_neighbors(const std::vector<std::string>& raw_args, Io io) {
  const ParsedArgs args = parse_args(raw_args, ArgSpec{{"k", "post-process"}, {}});
  if (args.positionals.size() != 2) throw UsageError("expected FILE.vec WORD");
  const std::string& path = args.positionals[0];
  const std::size_t k = k_option(args);
  const embedding::WordVectors vectors = load_vectors(args, path, io);
  const std::int32_t row = row_of(vectors, args.positionals[1], path);
  const embedding::Neighbors neighbors(vectors.vectors);
  print_list(vectors, neighbors.nearest_to_row(row, k), io.out);
  return kExitOk;
}

int run_analogy(const std::vector<std::string>& raw_args, Io io) {
  const ParsedArgs args = parse_args(raw_args, ArgSpec{{"k", "post-process"}, {}});
  if (args.positionals.size() != 4) throw UsageError("expected FILE.vec A B C");
  const std::string& path = args.positionals[0];
  const std::size_t k = k_option(args);
  const embedding::WordVectors vectors = load_vectors(args, path, io);
  const std::int32_t a = row_of(vectors, args.positionals[1], path);
  const std::int32_t b = row_of(vectors, args.positionals[2], path);
  const std::int32_t c = row_of(vectors, args.positionals[3], path);
  const embedding::Neighbors neighbors(vectors.vectors);
  print_list(vectors, neighbors.analogy(a, b, c, k), io.out);
  return kExitOk;
}

int run_similarity(const std::vector<std::string>& raw_args, Io io) {
  const ParsedArgs args = parse_args(raw_args, ArgSpec{{"post-process"}, {}});
  if (args.positionals.size() != 3) throw UsageError("expected FILE.vec A B");
  const std::string& path = args.positionals[0];
  const embedding::WordVectors vectors = load_vectors(args, path, io);
  const std::int32_t a = row_of(vectors, args.positionals[1], path);
  const std::int32_t b = row_of(vectors, args.positionals[2], path);
  const embedding::Neighbors neighbors(vectors.vectors);
  char score[32];
  std::snprintf(score, sizeof score, "%.4f", static_cast<double>(neighbors.similarity(a, b)));
  io.out << score << '\n';
  return kExitOk;
}

const Registration kNeighbors{{"neighbors", "neighbors FILE.vec WORD [-k 10] [--post-process none|centre|centre+D]",
                               "print the k words nearest to WORD (cosine similarity)", &run_neighbors}};
const Registration kAnalogy{{"analogy", "analogy FILE.vec A B C [-k 10] [--post-process none|centre|centre+D]",
                             "print the k words nearest to A - B + C, the three left out "
                             "(king man woman -> queen)",
                             &run_analogy}};
const Registration kSimilarity{{"similarity", "similarity FILE.vec A B [--post-process none|centre|centre+D]",
                                "print the cosine similarity of A and B", &run_similarity}};

}  // namespace

}  // namespace tokenlab::cli
