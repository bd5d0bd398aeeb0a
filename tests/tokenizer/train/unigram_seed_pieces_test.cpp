#include <doctest/doctest.h>

#include <random>

#include "tokenizer/train/unigram_seed_pieces.h"
#include "unigram_reference.h"

using namespace tokenlab;
using namespace tokenlab::unigram_reference;

namespace {

struct Found {
  std::string text;
  std::uint64_t frequency;
  std::uint64_t score;
  bool operator==(const Found&) const = default;
};

std::vector<Found> seeds_of(const UnigramCorpus& corpus, std::size_t max_seeds, std::size_t max_chars = 16,
                            const std::vector<std::string>& excluded = {}) {
  const SeedSubstrings found = find_seed_substrings(corpus, max_seeds, max_chars, excluded);
  std::vector<Found> out;
  for (const SeedSubstring& seed : found.seeds) {
    out.push_back({seed_spelling(corpus, found, seed), seed.frequency, seed.score()});
    // The occurrences are the seed's text, wherever it is.
    const std::vector<char32_t> text = codepoints(out.back().text);
    for (std::uint32_t j = seed.first; j <= seed.last; ++j) {
      const auto at = corpus.symbols.begin() + found.suffix_array[j];
      REQUIRE(std::equal(text.begin(), text.end(), at));
    }
  }
  return out;
}

std::vector<Found> reference_of(const UnigramCorpus& corpus, std::size_t max_chars = 16,
                                const std::set<std::string>& excluded = {}) {
  std::vector<Found> out;
  for (const ReferenceSeed& seed : reference_seeds(corpus, max_chars, excluded)) {
    out.push_back({seed.text, seed.frequency, seed.score});
  }
  return out;
}

}  // namespace

TEST_CASE("the worked example: ▁ab x3 and ▁abc x1 seed ▁ab and ab; ▁a is always followed by b") {
  const UnigramCorpus corpus = build_unigram_corpus({{"▁ab", 3}, {"▁abc", 1}}, 1.0);
  CHECK(seeds_of(corpus, 100) == std::vector<Found>{{"▁ab", 4, 12}, {"ab", 4, 8}});
}

TEST_CASE("a word seen twice is a seed even when no other word continues it, and so are its endings") {
  // ▁x, ▁xy, xy are always followed by the next letter: not right-maximal.
  const UnigramCorpus corpus = build_unigram_corpus({{"▁xyz", 2}, {"▁q", 1}}, 1.0);
  CHECK(seeds_of(corpus, 100) == std::vector<Found>{{"▁xyz", 2, 8}, {"xyz", 2, 6}, {"yz", 2, 4}});
  SUBCASE("unless it is a special piece's text") {
    CHECK(seeds_of(corpus, 100, 16, {"xyz"}) == std::vector<Found>{{"▁xyz", 2, 8}, {"yz", 2, 4}});
  }
}

TEST_CASE("seeds never mix scripts and never hold ▁ past their start") {
  // Digits and punctuation are Common, letters Latin: "a1" and "<s>" are no pieces.
  const UnigramCorpus corpus =
      build_unigram_corpus({{"▁a1a1", 3}, {"▁<s>", 2}, {"▁<s>x", 2}, {"▁", 1}, {"▁<<", 2}, {"▁<<>", 2}}, 1.0);
  const std::vector<Found> seeds = seeds_of(corpus, 100);
  REQUIRE(!seeds.empty());
  for (const Found& seed : seeds) {
    CHECK(seed.text.find("a1") == std::string::npos);
    CHECK(seed.text.find("1a") == std::string::npos);
    CHECK(seed.text.find("<s") == std::string::npos);
    CHECK(seed.text.rfind("▁") == (seed.text.starts_with("▁") ? 0 : std::string::npos));
  }
  CHECK(seeds == reference_of(corpus));
}

TEST_CASE("a combining mark takes the script of the character before it") {
  // a + U+0301 is Latin; д + U+0301 Cyrillic; a д never.
  const UnigramCorpus corpus = build_unigram_corpus({{"▁a\xCC\x81\xD0\xB4\xCC\x81", 2}, {"▁a\xCC\x81", 2}}, 1.0);
  const std::vector<Found> seeds = seeds_of(corpus, 100);
  CHECK(seeds == reference_of(corpus));
  CHECK(std::find_if(seeds.begin(), seeds.end(), [](const Found& seed) { return seed.text == "▁a\xCC\x81"; }) !=
        seeds.end());
  CHECK(std::find_if(seeds.begin(), seeds.end(), [](const Found& seed) { return seed.text == "\xCC\x81\xD0\xB4"; }) ==
        seeds.end());
}

TEST_CASE("rare characters never enter a seed") {
  // c is 2 of 14 characters: left out at coverage 0.8.
  const UnigramCorpus corpus = build_unigram_corpus({{"▁abc", 2}, {"▁ab", 3}}, 0.8);
  REQUIRE(corpus.characters.size() == 3);
  for (const Found& seed : seeds_of(corpus, 100)) CHECK(seed.text.find('c') == std::string::npos);
}

TEST_CASE("on random words the seeds are exactly the naive count's, in order, and cut to max_seeds") {
  std::mt19937 rng(20240611);
  for (int trial = 0; trial < 40; ++trial) {
    CAPTURE(trial);
    const std::vector<UnigramWord> words = random_words(rng, 1 + trial * 3, 3 + trial % 20);
    const UnigramCorpus corpus = build_unigram_corpus(words, trial % 3 == 0 ? 0.9 : 1.0);
    const std::size_t max_chars = 2 + trial % 15;
    const std::vector<Found> expected = reference_of(corpus, max_chars);
    CHECK(seeds_of(corpus, 1'000'000, max_chars) == expected);
    // Fewer seeds: the first ones (the pool is cut while it fills).
    const std::size_t cut = expected.size() / 3;
    CHECK(seeds_of(corpus, cut, max_chars) == std::vector<Found>(expected.begin(), expected.begin() + cut));
  }
}

TEST_CASE("no text, no seeds") {
  const UnigramCorpus corpus = build_unigram_corpus({}, 1.0);
  CHECK(seeds_of(corpus, 100).empty());
}

TEST_CASE("valid piece lengths stop at word ends, rare characters, a second ▁ and a change of script") {
  const UnigramCorpus corpus = build_unigram_corpus({{"▁ab1.c", 1}}, 1.0);
  const std::vector<std::uint8_t> lengths = valid_piece_lengths(corpus, 16);
  // ▁ a b | 1 . | c | $
  CHECK(lengths == std::vector<std::uint8_t>{3, 2, 1, 2, 1, 1, 0});
  CHECK(valid_piece_lengths(corpus, 2) == std::vector<std::uint8_t>{2, 2, 1, 2, 1, 1, 0});
}
