#include <doctest/doctest.h>

#include <cmath>
#include <random>

#include "tokenizer/errors.h"
#include "tokenizer/train/unigram_lattice.h"
#include "tokenizer/train/unigram_seed_pieces.h"
#include "unigram_reference.h"

using namespace tokenlab;
using namespace tokenlab::unigram_reference;

namespace {

using Edges = std::vector<std::vector<UnigramLattice::Edge>>;

// A random lattice over `length` positions: each (start, length) an edge with
// some probability, each edge its own piece, scores from `score`.
struct RandomLattice {
  std::size_t length;
  Edges edges;
  std::vector<double> scores;
};

RandomLattice random_lattice(std::mt19937& rng, std::size_t length, const std::function<double()>& score) {
  RandomLattice lattice{length, Edges(length), {}};
  std::bernoulli_distribution present(0.45);
  for (std::size_t start = 0; start < length; ++start) {
    for (std::uint32_t size = 1; size <= 4 && start + size <= length; ++size) {
      if (!present(rng)) continue;
      lattice.edges[start].push_back({static_cast<std::uint32_t>(lattice.scores.size()), size});
      lattice.scores.push_back(score());
    }
  }
  return lattice;
}

double unknown_score_of(const std::vector<double>& scores) {
  double lowest = 0.0;
  for (const double score : scores) lowest = std::min(lowest, score);
  return lowest - UnigramLattice::kUnknownPenalty;
}

std::string pieces_of(const std::vector<std::uint32_t>& path) {
  std::string out;
  for (const std::uint32_t piece : path) {
    out += piece == UnigramLattice::kUnknown ? "unk" : std::to_string(piece);
    out += " ";
  }
  return out;
}

std::string pieces_of(const Segmentation& segmentation) {
  std::vector<std::uint32_t> path;
  for (const auto& edge : segmentation.pieces) path.push_back(edge.piece);
  return pieces_of(path);
}

}  // namespace

TEST_CASE("the corpus lattice has every character and every seed occurrence, shortest first") {
  // Characters by count: a, b, ▁ (4 each, by codepoint), c -> ids 0..3; seeds ▁ab 4, ab 5.
  const UnigramCorpus corpus = build_unigram_corpus({{"▁ab", 3}, {"▁abc", 1}}, 1.0);
  const SeedSubstrings found = find_seed_substrings(corpus, 100, 16, {});
  const UnigramLattice lattice(corpus, found);
  using E = std::vector<UnigramLattice::Edge>;
  const auto same = [](const E& a, const E& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
      if (a[i].piece != b[i].piece || a[i].length != b[i].length) return false;
    }
    return true;
  };
  CHECK(same(lattice.edges_at(0), E{{2, 1}, {4, 3}}));
  CHECK(same(lattice.edges_at(1), E{{0, 1}, {5, 2}}));
  CHECK(same(lattice.edges_at(2), E{{1, 1}}));
  CHECK(lattice.edges_at(3).empty());  // the word end
  CHECK(same(lattice.edges_at(4), E{{2, 1}, {4, 3}}));
  CHECK(same(lattice.edges_at(7), E{{3, 1}}));
  CHECK(lattice.edge_count() == 11);
}

TEST_CASE("forward-backward gives the expected counts and log Z of every segmentation, enumerated") {
  std::mt19937 rng(7);
  std::uniform_real_distribution<double> score(-6.0, -0.1);
  for (int trial = 0; trial < 300; ++trial) {
    CAPTURE(trial);
    const std::size_t length = 1 + trial % 7;
    const RandomLattice random = random_lattice(rng, length, [&] { return score(rng); });
    const double unknown = unknown_score_of(random.scores);
    const UnigramLattice lattice(length, random.edges);
    const std::vector<Segmentation> all = reference_segmentations(length, random.edges, random.scores, unknown);

    double z = 0.0;
    std::vector<double> expected(random.scores.size(), 0.0);
    for (const Segmentation& segmentation : all) z += std::exp(segmentation.score);
    for (const Segmentation& segmentation : all) {
      for (const auto& edge : segmentation.pieces) {
        if (edge.piece != UnigramLattice::kUnknown) expected[edge.piece] += 3.0 * std::exp(segmentation.score) / z;
      }
    }

    UnigramLattice::Scratch scratch;
    std::vector<double> log_space(random.scores.size(), 0.0);
    std::vector<double> linear(random.scores.size(), 0.0);
    std::vector<double> probability;
    for (const double s : random.scores) probability.push_back(std::exp(s));
    const double log_z = lattice.add_expected_counts(0, static_cast<std::uint32_t>(length), 3.0, random.scores, unknown,
                                                     log_space, scratch);
    const double linear_log_z = lattice.add_expected_counts_linear(0, static_cast<std::uint32_t>(length), 3.0,
                                                                   random.scores, probability, unknown, linear, scratch);
    CHECK(log_z == doctest::Approx(std::log(z)).epsilon(1e-12));
    CHECK(linear_log_z == doctest::Approx(std::log(z)).epsilon(1e-12));
    for (std::size_t piece = 0; piece < expected.size(); ++piece) {
      CHECK(log_space[piece] == doctest::Approx(expected[piece]).epsilon(1e-9));
      CHECK(linear[piece] == doctest::Approx(expected[piece]).epsilon(1e-9));
    }
  }
}

TEST_CASE("linear and log space agree on words up to the longest the linear path takes") {
  std::mt19937 rng(3);
  // Scores from the <unk> score up to 0: the range the shift is chosen for.
  const double unknown = -32.0;
  std::uniform_real_distribution<double> score(unknown + 10.0, -0.01);
  const std::uint32_t longest = UnigramLattice::longest_linear_word(unknown);
  REQUIRE(longest >= 30);
  for (const std::uint32_t length : {longest - 1, longest}) {
    RandomLattice random = random_lattice(rng, length, [&] { return score(rng); });
    const UnigramLattice lattice(length, random.edges);
    std::vector<double> probability;
    for (const double s : random.scores) probability.push_back(std::exp(s));
    UnigramLattice::Scratch scratch;
    std::vector<double> log_space(random.scores.size(), 0.0);
    std::vector<double> linear(random.scores.size(), 0.0);
    const double log_z = lattice.add_expected_counts(0, length, 1.0, random.scores, unknown, log_space, scratch);
    const double linear_log_z =
        lattice.add_expected_counts_linear(0, length, 1.0, random.scores, probability, unknown, linear, scratch);
    CHECK(std::isfinite(linear_log_z));
    CHECK(linear_log_z == doctest::Approx(log_z).epsilon(1e-12));
    for (std::size_t piece = 0; piece < linear.size(); ++piece) {
      CHECK(linear[piece] == doctest::Approx(log_space[piece]).epsilon(1e-9));
    }
  }
}

TEST_CASE("the linear path holds long words: a word of 2000 unknown characters keeps its log Z") {
  const std::size_t length = 2000;
  Edges edges(length);  // no pieces at all: every character is <unk>
  const UnigramLattice lattice(length, edges);
  UnigramLattice::Scratch scratch;
  std::vector<double> expected;
  const double unknown = -30.0;
  const double log_z = lattice.add_expected_counts_linear(0, length, 1.0, {}, {}, unknown, expected, scratch);
  CHECK(log_z == doctest::Approx(unknown * length));
  CHECK(std::isfinite(log_z));
}

TEST_CASE("Viterbi finds the best enumerated segmentation, ties to the last piece starting first") {
  std::mt19937 rng(11);
  // Whole scores make ties common, and sums of them are exact.
  std::uniform_int_distribution<int> whole(-4, -1);
  for (int trial = 0; trial < 400; ++trial) {
    CAPTURE(trial);
    const std::size_t length = 1 + trial % 8;
    const RandomLattice random = random_lattice(rng, length, [&] { return static_cast<double>(whole(rng)); });
    const double unknown = unknown_score_of(random.scores);
    const UnigramLattice lattice(length, random.edges);
    const std::vector<Segmentation> all = reference_segmentations(length, random.edges, random.scores, unknown);
    const Segmentation& best = reference_best(all);
    UnigramLattice::Scratch scratch;
    std::vector<std::uint32_t> path;
    const double score = lattice.viterbi(0, static_cast<std::uint32_t>(length), random.scores, unknown, path, scratch);
    CHECK(score == best.score);
    CHECK(pieces_of(path) == pieces_of(best));
  }
}

TEST_CASE("Viterbi can leave one edge out, and a span inside the lattice") {
  std::mt19937 rng(5);
  std::uniform_int_distribution<int> whole(-4, -1);
  for (int trial = 0; trial < 200; ++trial) {
    CAPTURE(trial);
    const std::size_t length = 2 + trial % 7;
    RandomLattice random = random_lattice(rng, length, [&] { return static_cast<double>(whole(rng)); });
    // Skip an edge starting at 1 if any; score the span [1, length) only.
    const UnigramLattice lattice(length, random.edges);
    if (random.edges[1].empty() || random.edges[1].back().length < 2) continue;
    const UnigramLattice::Edge skipped = random.edges[1].back();
    Edges rest(length - 1);
    for (std::size_t at = 0; at + 1 < length; ++at) {
      for (const auto& edge : random.edges[at + 1]) {
        const bool is_skipped = at == 0 && edge.length == skipped.length;
        if (!is_skipped && at + edge.length <= length - 1) rest[at].push_back(edge);
      }
    }
    const double unknown = unknown_score_of(random.scores);
    const std::vector<Segmentation> all = reference_segmentations(length - 1, rest, random.scores, unknown);
    const Segmentation& best = reference_best(all);
    UnigramLattice::Scratch scratch;
    std::vector<std::uint32_t> path{99};  // appended to, never cleared
    const double score = lattice.viterbi(1, static_cast<std::uint32_t>(length), random.scores, unknown, path, scratch,
                                         1, skipped.length);
    CHECK(score == best.score);
    CHECK(pieces_of(path) == "99 " + pieces_of(best));
  }
}

TEST_CASE("leaving out a position's only one-character edge leaves no way through") {
  const UnigramLattice lattice(2, Edges{{{0, 1}}, {{1, 1}}});
  UnigramLattice::Scratch scratch;
  std::vector<std::uint32_t> path;
  CHECK(lattice.viterbi(0, 2, {-1.0, -1.0}, -11.0, path, scratch, 0, 1) == -std::numeric_limits<double>::infinity());
  CHECK(path.empty());
}

TEST_CASE("remap renumbers pieces and drops the removed ones' edges") {
  const UnigramLattice::Edge a{0, 1}, b{1, 1}, ab{2, 2};
  UnigramLattice lattice(2, Edges{{a, ab}, {b}});
  lattice.remap({UnigramLattice::kRemoved, 0, 1});
  CHECK(lattice.edge_count() == 2);
  REQUIRE(lattice.edges_at(0).size() == 1);
  CHECK(lattice.edges_at(0)[0].piece == 1);
  CHECK(lattice.edges_at(0)[0].length == 2);
  CHECK(lattice.edges_at(1)[0].piece == 0);
  // Position 0 lost its one-character piece: Viterbi may still cross it as <unk>.
  UnigramLattice::Scratch scratch;
  std::vector<std::uint32_t> path;
  lattice.viterbi(0, 2, {-1.0, -100.0}, -50.0, path, scratch);
  CHECK(pieces_of(path) == "unk 0 ");
}

TEST_CASE("edges out of range are a usage error") {
  CHECK_THROWS_AS(UnigramLattice(2, Edges{{{0, 3}}}), UsageError);
  CHECK_THROWS_AS(UnigramLattice(2, Edges{{{0, 0}}}), UsageError);
  CHECK_THROWS_AS(UnigramLattice(20, Edges{{{0, 17}}}), UsageError);
}
