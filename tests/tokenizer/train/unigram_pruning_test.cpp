#include <doctest/doctest.h>

#include "tokenizer/errors.h"
#include "tokenizer/train/unigram_pruning.h"
#include "unigram_reference.h"

using namespace tokenlab;
using namespace tokenlab::unigram_reference;

namespace {

// The words, their pieces (matched wherever their text is) and scores.
struct Setup {
  UnigramCorpus corpus;
  UnigramPieceTable pieces;
  UnigramLattice lattice;
};

Setup setup(const std::vector<UnigramWord>& words, const std::vector<std::pair<std::string, double>>& scored) {
  UnigramCorpus corpus = build_unigram_corpus(words, 1.0);
  std::vector<std::string> texts;
  for (const auto& [text, score] : scored) texts.push_back(text);
  const auto edges = matched_edges(corpus, texts);
  UnigramPieceTable pieces;
  for (const auto& [text, score] : scored) {
    const std::vector<char32_t> chars = codepoints(text);
    std::uint32_t occurrence = 0;
    for (std::uint32_t p = 0; p < edges.size(); ++p) {
      for (const auto& edge : edges[p]) {
        if (edge.piece == pieces.size()) occurrence = p;
      }
    }
    pieces.add(text, score, static_cast<std::uint32_t>(chars.size()), occurrence);
  }
  UnigramLattice lattice(corpus.symbols.size(), edges);
  return {std::move(corpus), std::move(pieces), std::move(lattice)};
}

std::vector<std::string> kept_texts(const Setup& s, const UnigramPruning& pruning) {
  std::vector<std::string> out;
  for (const std::uint32_t piece : pruning.kept) out.push_back(s.pieces.text[piece]);
  return out;
}

}  // namespace

TEST_CASE("a piece its own pieces split better is dropped, however large the target") {
  // a + b scores -2 > ab's -3: ab is never its own best split.
  const Setup s = setup({{"▁ab", 5}}, {{"▁", -1.0}, {"a", -1.0}, {"b", -1.0}, {"ab", -3.0}});
  const UnigramPruning pruning = prune_pieces(s.lattice, s.corpus, s.pieces, 100, 0.75);
  CHECK(kept_texts(s, pruning) == std::vector<std::string>{"▁", "a", "b"});
  CHECK(pruning.tokens == 15);  // 3 pieces, 5 times
}

TEST_CASE("a piece no best segmentation uses is dropped; one-character pieces in use stay") {
  // ▁ab beats ▁a + b, so ▁a is never used; x is used nowhere.
  const Setup s = setup({{"▁ab", 5}, {"▁b", 1}},
                        {{"▁", -1.0}, {"a", -2.0}, {"b", -2.0}, {"x", -2.0}, {"▁a", -2.5}, {"▁ab", -1.0}});
  const UnigramPruning pruning = prune_pieces(s.lattice, s.corpus, s.pieces, 100, 0.75);
  CHECK(kept_texts(s, pruning) == std::vector<std::string>{"▁", "b", "▁ab"});
}

TEST_CASE("the pieces that cost the likelihood most stay, down to shrinking × the size or the target") {
  // ▁xy (x10) and ▁zw (x1) are each used; ▁zw is cheap to lose. ▁yxwz uses
  // every character once.
  const std::vector<UnigramWord> words{{"▁xy", 10}, {"▁zw", 1}, {"▁yxwz", 1}};
  const std::vector<std::pair<std::string, double>> scored{
      {"▁", -3.0}, {"x", -3.0}, {"y", -3.0}, {"z", -3.0}, {"w", -3.0}, {"▁xy", -1.0}, {"▁zw", -3.5}};
  const Setup s = setup(words, scored);
  SUBCASE("0.9 × 7 = 6 pieces: ▁zw goes") {
    const UnigramPruning pruning = prune_pieces(s.lattice, s.corpus, s.pieces, 2, 0.9);
    CHECK(kept_texts(s, pruning) == std::vector<std::string>{"▁", "x", "y", "z", "w", "▁xy"});
  }
  SUBCASE("a target above that keeps both") {
    CHECK(prune_pieces(s.lattice, s.corpus, s.pieces, 7, 0.5).kept.size() == 7);
  }
  SUBCASE("one-character pieces stay even below the size asked for") {
    CHECK(prune_pieces(s.lattice, s.corpus, s.pieces, 1, 0.5).kept.size() == 5);
  }
}

TEST_CASE("equal losses keep the piece with the smaller text first") {
  // ▁ab and ▁cd: the same counts, scores and splits, so the same loss.
  const Setup s = setup({{"▁ab", 3}, {"▁cd", 3}, {"▁badc", 1}}, {{"▁", -2.0}, {"a", -2.0}, {"b", -2.0}, {"c", -2.0}, {"d", -2.0},
                                                  {"▁cd", -1.0}, {"▁ab", -1.0}});
  const UnigramPruning pruning = prune_pieces(s.lattice, s.corpus, s.pieces, 1, 0.9);  // 0.9 × 7 -> 6
  CHECK(kept_texts(s, pruning) == std::vector<std::string>{"▁", "a", "b", "c", "d", "▁ab"});
}

TEST_CASE("pruning stops with Cancelled") {
  const Setup s = setup({{"▁ab", 5}}, {{"▁", -1.0}, {"a", -1.0}, {"b", -1.0}});
  const std::atomic<bool> cancel{true};
  CHECK_THROWS_AS(prune_pieces(s.lattice, s.corpus, s.pieces, 1, 0.75, &cancel), Cancelled);
}
