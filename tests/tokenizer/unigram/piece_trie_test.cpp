#include <doctest/doctest.h>

#include <algorithm>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "tokenizer/unigram/piece_trie.h"

using namespace tokenlab;

namespace {

using Match = std::pair<std::size_t, TokenId>;  // (length, id)

PieceTrie make_trie(const std::vector<std::string>& pieces) {
  std::vector<std::pair<std::string_view, TokenId>> entries;
  for (std::size_t id = 0; id < pieces.size(); ++id) entries.emplace_back(pieces[id], static_cast<TokenId>(id));
  return PieceTrie(entries);
}

std::vector<Match> prefixes(const PieceTrie& trie, std::string_view text) {
  std::vector<Match> found;
  trie.for_each_prefix(text, [&](std::size_t length, TokenId id) { found.emplace_back(length, id); });
  return found;
}

// Every piece that text starts with, shortest first, by comparing each piece.
std::vector<Match> naive_prefixes(const std::vector<std::string>& pieces, std::string_view text) {
  std::vector<Match> found;
  for (std::size_t id = 0; id < pieces.size(); ++id) {
    if (!pieces[id].empty() && text.starts_with(pieces[id])) found.emplace_back(pieces[id].size(), id);
  }
  std::sort(found.begin(), found.end());
  return found;
}

}  // namespace

TEST_CASE("the trie finds the pieces a text starts with, shortest first") {
  const PieceTrie trie = make_trie({"a", "ab", "abc", "b"});
  CHECK(prefixes(trie, "abd") == std::vector<Match>{{1, 0}, {2, 1}});
  CHECK(prefixes(trie, "abcabc") == std::vector<Match>{{1, 0}, {2, 1}, {3, 2}});
  CHECK(prefixes(trie, "ba") == std::vector<Match>{{1, 3}});
  CHECK(prefixes(trie, "c").empty());
  CHECK(prefixes(trie, "").empty());
}

TEST_CASE("the trie looks up whole pieces, and only whole pieces") {
  const PieceTrie trie = make_trie({"\xE2\x96\x81the", "\xE2\x96\x81", "t", "<unk>"});
  CHECK(trie.find("\xE2\x96\x81the") == 0);
  CHECK(trie.find("\xE2\x96\x81") == 1);
  CHECK(trie.find("<unk>") == 3);
  CHECK(trie.find("\xE2\x96\x81th") == kNoRank);
  CHECK(trie.find("\xE2") == kNoRank);
  CHECK(trie.find("x") == kNoRank);
  CHECK(trie.find("") == kNoRank);
}

TEST_CASE("an empty piece can be found but never matches text") {
  const PieceTrie trie = make_trie({"", "a"});
  CHECK(trie.find("") == 0);
  CHECK(prefixes(trie, "a") == std::vector<Match>{{1, 1}});
}

TEST_CASE("the trie steps through nodes with many children and every byte value") {
  // 256 single bytes, and below "\x01" every second byte: wide nodes take the binary search.
  std::vector<std::string> pieces;
  for (int byte = 0; byte < 256; ++byte) pieces.push_back(std::string(1, static_cast<char>(byte)));
  for (int byte = 255; byte >= 0; --byte) pieces.push_back(std::string("\x01") + static_cast<char>(byte));
  const PieceTrie trie = make_trie(pieces);
  for (int byte = 0; byte < 256; ++byte) {
    const std::string text = std::string("\x01") + static_cast<char>(byte) + "z";
    CAPTURE(byte);
    CHECK(prefixes(trie, text) == std::vector<Match>{{1, 1}, {2, static_cast<TokenId>(256 + 255 - byte)}});
    CHECK(trie.find(std::string(1, static_cast<char>(byte))) == static_cast<TokenId>(byte));
  }
}

TEST_CASE("the trie agrees with comparing every piece, on random vocabularies") {
  std::mt19937 random(20240601);
  for (int round = 0; round < 200; ++round) {
    // Few letters so pieces share prefixes; a wide alphabet in some rounds for wide nodes.
    const int letters = round % 4 == 0 ? 40 : 3;
    std::uniform_int_distribution<int> letter(0, letters - 1);
    std::uniform_int_distribution<int> length(1, 6);
    std::set<std::string> unique;
    const int count = 1 + static_cast<int>(random() % 60);
    while (static_cast<int>(unique.size()) < count) {
      std::string piece;
      for (int i = length(random); i > 0; --i) piece.push_back(static_cast<char>('a' + letter(random)));
      unique.insert(piece);
    }
    std::vector<std::string> pieces(unique.begin(), unique.end());
    std::shuffle(pieces.begin(), pieces.end(), random);
    const PieceTrie trie = make_trie(pieces);
    for (std::size_t id = 0; id < pieces.size(); ++id) REQUIRE(trie.find(pieces[id]) == id);
    for (int probe = 0; probe < 30; ++probe) {
      std::string text;
      for (int i = length(random) + 2; i > 0; --i) text.push_back(static_cast<char>('a' + letter(random)));
      CAPTURE(text);
      CHECK(prefixes(trie, text) == naive_prefixes(pieces, text));
      const auto at = std::find(pieces.begin(), pieces.end(), text);
      CHECK(trie.find(text) == (at == pieces.end() ? kNoRank : static_cast<TokenId>(at - pieces.begin())));
    }
  }
}
