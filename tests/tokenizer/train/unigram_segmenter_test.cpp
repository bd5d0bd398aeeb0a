#include <doctest/doctest.h>

#include "tokenizer/errors.h"
#include "tokenizer/train/unigram_segmenter.h"

using namespace tokenlab;

namespace {

UnigramResult vocabulary(const std::vector<std::pair<std::string, double>>& pieces, bool byte_fallback = false) {
  UnigramResult result;
  result.byte_fallback = byte_fallback;
  for (const auto& [text, score] : pieces) result.pieces.push_back({text, score, PieceType::kNormal});
  return result;
}

using Ids = std::vector<TokenId>;

}  // namespace

TEST_CASE("the header's example: ab b splits as ▁ab, ▁, b") {
  const UnigramSegmenter segmenter(vocabulary({{"<unk>", 0.0}, {"▁", -2.0}, {"a", -1.0}, {"b", -1.0}, {"▁ab", -1.5}}));
  CHECK(segmenter.encode("ab b") == Ids{4, 1, 3});
  CHECK(segmenter.encode("  ") == Ids{});
}

TEST_CASE("ties go to the way whose last piece starts first") {
  // ▁a|b and ▁|ab both score -2: ▁|ab's last piece starts first.
  const UnigramSegmenter segmenter(vocabulary({{"<unk>", 0.0}, {"▁", -1.0}, {"▁a", -1.0}, {"b", -1.0}, {"ab", -1.0}}));
  CHECK(segmenter.encode("ab") == Ids{1, 4});
}

TEST_CASE("unknown characters fuse into one <unk>, or become their bytes with byte fallback") {
  std::vector<std::pair<std::string, double>> pieces{{"<unk>", 0.0}, {"▁", -1.0}, {"a", -1.0}};
  CHECK(UnigramSegmenter(vocabulary(pieces)).encode("aéé a") == Ids{1, 2, 0, 1, 2});
  // é is C3 A9.
  pieces.push_back({"<0xC3>", 0.0});
  pieces.push_back({"<0xA9>", 0.0});
  CHECK(UnigramSegmenter(vocabulary(pieces, true)).encode("aéé") == Ids{1, 2, 3, 4, 3, 4});
  SUBCASE("a byte missing from the vocabulary leaves <unk>") {
    pieces.pop_back();
    CHECK(UnigramSegmenter(vocabulary(pieces, true)).encode("aé") == Ids{1, 2, 0});
  }
}

TEST_CASE("a vocabulary the segmenter cannot use is a usage error") {
  UnigramResult result = vocabulary({{"<unk>", 0.0}, {"a", -1.0}, {"a", -2.0}});
  CHECK_THROWS_AS(UnigramSegmenter{result}, UsageError);
  result = vocabulary({{"<unk>", 0.0}, {"", -1.0}});
  CHECK_THROWS_AS(UnigramSegmenter{result}, UsageError);
  result = vocabulary({{"<unk>", 0.0}, {"abcdefghijklmnopq", -1.0}});
  CHECK_THROWS_AS(UnigramSegmenter{result}, UsageError);
  result = vocabulary({{"a", -1.0}});
  result.unk_id = 3;
  CHECK_THROWS_AS(UnigramSegmenter{result}, UsageError);
}
