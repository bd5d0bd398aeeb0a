#include <doctest/doctest.h>

#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "tokenizer/hf/bpe.h"

using namespace tokenlab;

namespace {

struct Tokens {
  std::vector<TokenId> ids;
  std::vector<std::uint32_t> starts;
};

Tokens encode(BpeModel& model, std::string_view piece) {
  Tokens tokens;
  model.encode_piece(piece, tokens.ids, tokens.starts);
  return tokens;
}

// A SentencePiece-style vocabulary: <unk>=0, <0x00>..<0xFF> = 1..256, then entries.
struct SentencePieceVocab {
  RankTable vocab;
  MergeTable merges;
  Rank next_id = 257;
  Rank next_merge = 0;

  explicit SentencePieceVocab(bool with_byte_tokens = true) {
    REQUIRE(vocab.add("<unk>", 0));
    if (!with_byte_tokens) return;
    for (unsigned byte = 0; byte < 256; ++byte) {
      char text[8];
      std::snprintf(text, sizeof text, "<0x%02X>", byte);
      REQUIRE(vocab.add(text, 1 + byte));
    }
  }
  TokenId entry(const std::string& text) {
    if (const Rank id = vocab.find(text); id != kNoRank) return id;
    REQUIRE(vocab.add(text, next_id));
    return next_id++;
  }
  void merge(const std::string& left, const std::string& right) {
    merges.add(entry(left), entry(right), next_merge++, entry(left + right));
  }
};

}  // namespace

TEST_CASE("character-level BPE falls back to <0xNN> tokens for unknown characters") {
  SentencePieceVocab sp;
  sp.entry("\u2581");
  sp.entry("a");
  sp.merge("\u2581", "a");
  BpeModelOptions options;
  options.byte_fallback = true;
  options.unk = 0;
  BpeModel model(std::move(sp.vocab), std::move(sp.merges), options);
  const Tokens tokens = encode(model, "\u2581a\xf0\x9f\x98\x80");  // "▁a😀"
  CHECK(tokens.ids == std::vector<TokenId>{259, 1 + 0xF0, 1 + 0x9F, 1 + 0x98, 1 + 0x80});
  CHECK(tokens.starts == std::vector<std::uint32_t>{0, 4, 5, 6, 7});
  SUBCASE("a malformed byte is a character of its own and falls back too") {
    CHECK(encode(model, "a\xff").ids == std::vector<TokenId>{258, 1 + 0xFF});
  }
}

TEST_CASE("without byte tokens unknown characters become one fused unknown token") {
  SentencePieceVocab sp(/*with_byte_tokens=*/false);
  sp.entry("a");
  BpeModelOptions options;
  options.byte_fallback = true;
  options.unk = 0;
  options.fuse_unk = true;
  BpeModel fused(RankTable(sp.vocab), MergeTable(sp.merges), options);
  CHECK(encode(fused, "a\u00e9\u00e8a").ids == std::vector<TokenId>{257, 0, 257});
  CHECK(encode(fused, "a\u00e9\u00e8a").starts == std::vector<std::uint32_t>{0, 1, 5});
  options.fuse_unk = false;
  BpeModel unfused(std::move(sp.vocab), std::move(sp.merges), options);
  CHECK(encode(unfused, "a\u00e9\u00e8a").ids == std::vector<TokenId>{257, 0, 0, 257});
}

TEST_CASE("byte-level BPE starts from bytes and honours ignore_merges") {
  RankTable vocab;
  for (unsigned byte = 0; byte < 256; ++byte) REQUIRE(vocab.add(std::string(1, char(byte)), byte));
  REQUIRE(vocab.add("ab", 256));
  REQUIRE(vocab.add("abc", 257));  // no merge makes it
  MergeTable merges;
  merges.add('a', 'b', 0, 256);
  BpeModelOptions options;
  options.byte_level = true;
  BpeModel merging(RankTable(vocab), MergeTable(merges), options);
  CHECK(encode(merging, "abc").ids == std::vector<TokenId>{256, 'c'});
  options.ignore_merges = true;
  BpeModel whole(std::move(vocab), std::move(merges), options);
  CHECK(encode(whole, "abc").ids == std::vector<TokenId>{257});
  CHECK(encode(whole, "abcab").ids == std::vector<TokenId>{256, 'c', 256});
}

TEST_CASE("chunking at boundaries no token spans gives the unchunked answer") {
  // Alphabet a b ▁ with random merges; the model chunks, the reference merges the whole piece.
  const std::string letters[] = {"a", "b", "\u2581"};
  SentencePieceVocab sp;
  std::vector<std::string> entries(std::begin(letters), std::end(letters));
  for (const auto& letter : letters) sp.entry(letter);
  std::mt19937 random(11);
  for (int i = 0; i < 40; ++i) {
    const std::string left = entries[random() % entries.size()];
    const std::string right = entries[random() % entries.size()];
    if (left.size() + right.size() > 12) continue;
    sp.merge(left, right);
    entries.push_back(left + right);
  }
  BpeModelOptions options;
  options.byte_fallback = true;
  options.unk = 0;
  BpeModel model(RankTable(sp.vocab), MergeTable(sp.merges), options);
  for (int trial = 0; trial < 200; ++trial) {
    std::string piece;
    std::vector<Symbol> symbols;
    const int length = 1 + static_cast<int>(random() % 60);
    for (int i = 0; i < length; ++i) {
      const std::string& letter = letters[random() % 3];
      symbols.push_back({sp.vocab.find(letter), static_cast<std::uint32_t>(piece.size())});
      piece += letter;
    }
    merge_pairs(symbols, sp.merges);
    std::vector<TokenId> expected;
    for (const Symbol& symbol : symbols) expected.push_back(symbol.id);
    CAPTURE(piece);
    CHECK(encode(model, piece).ids == expected);
  }
}
