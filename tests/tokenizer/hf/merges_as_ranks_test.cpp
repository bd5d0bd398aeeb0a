#include <doctest/doctest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "tokenizer/hf/bpe.h"
#include "tokenizer/hf/merges_as_ranks.h"

using namespace tokenlab;

namespace {

// Bytes 0..255 as their own ids, then tokens added with every split into two
// tokens listed as a merge, in id order: tiktoken's rule written out.
struct RankStyleVocab {
  RankTable vocab;
  MergeTable merges;
  Rank next_id = 256;
  Rank next_merge = 0;

  RankStyleVocab() {
    for (int byte = 0; byte < 256; ++byte) vocab.add(std::string(1, static_cast<char>(byte)), static_cast<Rank>(byte));
  }
  void token(const std::string& bytes, bool every_split = true) {
    const Rank id = next_id++;
    REQUIRE(vocab.add(bytes, id));
    for (std::size_t cut = 1; cut < bytes.size(); ++cut) {
      const Rank left = vocab.find(bytes.substr(0, cut));
      const Rank right = vocab.find(bytes.substr(cut));
      if (left == kNoRank || right == kNoRank) continue;
      merges.add(left, right, next_merge++, id);
      if (!every_split) return;
    }
  }
};

struct Tokens {
  std::vector<TokenId> ids;
  std::vector<std::uint32_t> starts;
  bool operator==(const Tokens&) const = default;
};

Tokens encode(BpeModel& model, std::string_view piece) {
  Tokens tokens;
  model.encode_piece(piece, tokens.ids, tokens.starts);
  return tokens;
}

BpeModel byte_level_model(const RankStyleVocab& toy) {
  BpeModelOptions options;
  options.byte_level = true;
  options.ignore_merges = true;
  return BpeModel(RankTable(toy.vocab), MergeTable(toy.merges), options);
}

}  // namespace

TEST_CASE("a merge list written from tiktoken's rule is recognised, and one that breaks it anywhere is not") {
  RankStyleVocab toy;
  for (const char* token : {"ab", "bc", "abc", "ca", "abca"}) toy.token(token);
  CHECK(merges_follow_token_ids(toy.vocab, toy.merges));

  SUBCASE("a split left out of the list: \"a\" + \"bc\" is no merge of \"abc\"") {
    RankStyleVocab partial;
    partial.token("ab");
    partial.token("bc");
    partial.token("abc", /*every_split=*/false);
    CHECK_FALSE(merges_follow_token_ids(partial.vocab, partial.merges));
  }
  SUBCASE("a merge listed before one that makes a lower id") {
    RankStyleVocab reordered;
    REQUIRE(reordered.vocab.add("ab", 256));
    REQUIRE(reordered.vocab.add("cd", 257));
    reordered.merges.add('c', 'd', 0, 257);
    reordered.merges.add('a', 'b', 1, 256);
    CHECK_FALSE(merges_follow_token_ids(reordered.vocab, reordered.merges));
  }
  SUBCASE("a merge whose result is not the two tokens' bytes") {
    RankStyleVocab wrong;
    REQUIRE(wrong.vocab.add("ab", 256));
    wrong.merges.add('a', 'c', 0, 256);
    CHECK_FALSE(merges_follow_token_ids(wrong.vocab, wrong.merges));
  }
  SUBCASE("no merges at all") {
    RankStyleVocab bytes_only;
    CHECK_FALSE(merges_follow_token_ids(bytes_only.vocab, bytes_only.merges));
  }
}

TEST_CASE("a byte-level model merges over token ids exactly as by its merge list") {
  // Random tokens over a small alphabet, shorter ones first (so every split
  // of a token into two tokens is known when it is added), each with every
  // such split as a merge.
  RankStyleVocab toy;
  std::mt19937 random(7);
  const std::string alphabet = "abc d\xc3\xa9";
  std::vector<std::string> tokens;
  for (int i = 0; i < 300; ++i) {
    std::string token;
    const int length = 2 + static_cast<int>(random() % 5);
    for (int j = 0; j < length; ++j) token += alphabet[random() % alphabet.size()];
    tokens.push_back(token);
  }
  std::stable_sort(tokens.begin(), tokens.end(), [](const auto& a, const auto& b) { return a.size() < b.size(); });
  for (const std::string& token : tokens) {
    if (toy.vocab.find(token) == kNoRank) toy.token(token);
  }
  REQUIRE(merges_follow_token_ids(toy.vocab, toy.merges));
  BpeModel by_ids = byte_level_model(toy);
  BpeModel by_list = byte_level_model(toy);
  REQUIRE(by_ids.set_id_pair_merging(true));
  REQUIRE_FALSE(by_list.set_id_pair_merging(false));
  for (int i = 0; i < 3000; ++i) {
    std::string piece;
    const int length = 1 + static_cast<int>(random() % 40);
    for (int j = 0; j < length; ++j) piece += alphabet[random() % alphabet.size()];
    CAPTURE(piece);
    CHECK(encode(by_ids, piece) == encode(by_list, piece));
  }
}

TEST_CASE("a byte-level model checks the rule by itself once enough text has gone through its merge loop") {
  RankStyleVocab toy;
  for (const char* token : {"ab", "bc", "abc"}) toy.token(token);
  BpeModel model = byte_level_model(toy);
  const std::size_t before = model.memory_bytes();
  // Distinct pieces (no cache hits), each through the merge loop, up to the threshold and past it.
  std::size_t merged = 0;
  std::size_t memory_at_threshold = 0;
  for (std::size_t n = 0; merged < BpeModel::kIdPairCheckAfterBytes + 64; ++n) {
    std::string piece = "ca";
    for (std::size_t rest = n; rest > 0; rest /= 3) piece += "abc"[rest % 3];
    if (merged + piece.size() >= BpeModel::kIdPairCheckAfterBytes && memory_at_threshold == 0) {
      memory_at_threshold = model.memory_bytes();
    }
    CHECK_FALSE(encode(model, piece).ids.empty());
    merged += piece.size();
  }
  // Up to the threshold nothing was checked; past it the loop over ids (its
  // 768 KB memo and 256 KB byte-pair table) is in use.
  CHECK(memory_at_threshold == before);
  CHECK(model.memory_bytes() >= before + 1'000'000);
  CHECK(model.set_id_pair_merging(true));
}
