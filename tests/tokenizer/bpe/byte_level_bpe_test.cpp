#include <doctest/doctest.h>

#include <string>

#include "tokenizer/bpe/byte_level_bpe.h"

using namespace tokenlab;

namespace {

ByteLevelBpeTokenizer tiny_tokenizer() {
  RankTable ranks;
  for (int byte = 0; byte < 256; ++byte) ranks.add(std::string(1, static_cast<char>(byte)), static_cast<Rank>(byte));
  REQUIRE(ranks.add("ab", 256));
  REQUIRE(ranks.add("abab", 257));
  return ByteLevelBpeTokenizer("tiny", SplitPattern::kGpt2, std::move(ranks), SpecialTokens{});
}

}  // namespace

TEST_CASE("one huge text leaves the tokenizer's memory where its vocabulary and small pieces put it") {
  ByteLevelBpeTokenizer tokenizer = tiny_tokenizer();
  tokenizer.encode("ab abab xab");
  const std::size_t settled = tokenizer.memory_bytes();

  SUBCASE("a huge word: merged, not cached") {
    const std::string word(1 << 20, 'a');
    const Encoding encoding = tokenizer.encode("ab" + word);
    CHECK(encoding.ids.size() == 1 + word.size());  // "ab", then single "a"s: there is no "aa"
  }
  SUBCASE("a million short pieces: the list of pieces is given back") {
    std::string text;
    for (int i = 0; i < 500'000; ++i) text += " x";
    const Encoding encoding = tokenizer.encode(text);
    CHECK(encoding.ids.size() == 1'000'000);  // " " and "x" each time
  }
  CHECK(tokenizer.memory_bytes() <= settled + 64 * 1024);
  CHECK(tokenizer.encode("abab").ids == std::vector<TokenId>{257});
}

TEST_CASE("a token ends where its bytes end, also before text the whitespace pattern drops") {
  RankTable ranks;
  for (int byte = 0; byte < 256; ++byte) ranks.add(std::string(1, static_cast<char>(byte)), static_cast<Rank>(byte));
  REQUIRE(ranks.add("ab", 256));
  SpecialTokens specials;
  specials.add("<s>", 300);
  ByteLevelBpeTokenizer tokenizer("tiny-whitespace", SplitPattern::kWhitespace, std::move(ranks), std::move(specials));
  EncodeOptions with_special;
  with_special.allow_special = true;

  const Encoding spaced = tokenizer.encode("  ab  xab ", with_special);
  CHECK(spaced.ids == std::vector<TokenId>{256, 'x', 256});
  CHECK(spaced.starts == std::vector<std::uint32_t>{2, 6, 7});
  CHECK(spaced.ends == std::vector<std::uint32_t>{4, 7, 9});

  // Around special tokens, and a stretch between two of them that is only spaces.
  const Encoding around = tokenizer.encode("ab <s>  <s>x ", with_special);
  CHECK(around.ids == std::vector<TokenId>{256, 300, 300, 'x'});
  CHECK(around.starts == std::vector<std::uint32_t>{0, 3, 8, 11});
  CHECK(around.ends == std::vector<std::uint32_t>{2, 6, 11, 12});

  // The tiling patterns: every token ends where the next starts ("ab", " ", " x" in bytes).
  const Encoding tiled = tiny_tokenizer().encode("ab  x");
  CHECK(tiled.starts == std::vector<std::uint32_t>{0, 2, 3, 4});
  CHECK(tiled.ends == std::vector<std::uint32_t>{2, 3, 4, 5});
}
