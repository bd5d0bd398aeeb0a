// The fixture tests/data/tiny-precompiled-charsmap.bin is SentencePiece's
// compilation of nine rules (spm_train --normalization_rule_tsv with
// --model_type=unigram --vocab_size=300 on any text; the .model's
// normalizer_spec.precompiled_charsmap, 1,051 bytes):
//
//   A -> a    A U+0301 -> á    ﬁ -> fi    U+200B -> ""    U+3000 -> " "    \t -> " "
//   ｶ -> カ    ﾞ -> U+3099    ｶﾞ -> ガ
//
// Real charsmaps (nmt_nfkc, nfkc_cf) are checked against SentencePiece and
// Hugging Face's library in tests/parity/precompiled-parity.test.mjs.
#include <doctest/doctest.h>

#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "tokenizer/bpe/base64.h"
#include "tokenizer/errors.h"
#include "tokenizer/hf/precompiled_charsmap.h"
#include "test_data.h"

using namespace tokenlab;

namespace {

std::string fixture() { return testing::test_data("tiny-precompiled-charsmap.bin"); }

// The format, spelled out again for building corrupt charsmaps.
std::uint32_t u32_at(const std::string& bytes, std::size_t at) {
  std::uint32_t value = 0;
  for (int i = 3; i >= 0; --i) value = value << 8 | static_cast<unsigned char>(bytes[at + i]);
  return value;
}
void set_u32(std::string& bytes, std::size_t at, std::uint32_t value) {
  for (int i = 0; i < 4; ++i) bytes[at + i] = static_cast<char>(value >> (8 * i) & 0xFF);
}
std::uint32_t unit(const std::string& bytes, std::uint32_t index) { return u32_at(bytes, 4 + 4 * index); }
std::uint32_t offset_of(std::uint32_t unit) { return (unit >> 10) << ((unit & (1u << 9)) >> 6); }
// The unit index a key's walk ends on (the key must be in the trie as a path).
std::uint32_t node_of(const std::string& bytes, std::string_view key) {
  std::uint32_t node = 0;
  for (const char c : key) {
    node = node ^ offset_of(unit(bytes, node)) ^ static_cast<unsigned char>(c);
    REQUIRE((unit(bytes, node) & 0x800000FF) == static_cast<unsigned char>(c));
  }
  return node;
}
std::uint32_t base_of(const std::string& bytes, std::uint32_t node) { return node ^ offset_of(unit(bytes, node)); }
std::size_t unit_position(std::uint32_t index) { return 4 + 4 * static_cast<std::size_t>(index); }

std::string error_of(const std::string& bytes) {
  try {
    PrecompiledCharsmap::parse(bytes);
  } catch (const VocabError& error) {
    return error.what();
  }
  return "";
}

}  // namespace

TEST_CASE("a SentencePiece charsmap gives its rules by common prefix, shortest first") {
  const PrecompiledCharsmap charsmap = PrecompiledCharsmap::parse(fixture());
  REQUIRE_FALSE(charsmap.empty());
  const auto matches = charsmap.common_prefix_search("A\u0301x");
  REQUIRE(matches.size() == 2);
  CHECK(matches[0].length == 1);
  CHECK(matches[0].replacement == "a");
  CHECK(matches[1].length == 3);
  CHECK(matches[1].replacement == "\u00E1");
  CHECK(charsmap.shortest_match("A\u0301x").replacement == "a");
  CHECK(charsmap.longest_match("A\u0301x").replacement == "\u00E1");
  CHECK(charsmap.longest_match("\uFB01!").replacement == "fi");
  CHECK(charsmap.longest_match("\uFF76\uFF9E").length == 6);
  CHECK(charsmap.longest_match("\uFF76\uFF9E").replacement == "\u30AC");
  SUBCASE("a rule may delete its key") {
    const auto match = charsmap.longest_match("\u200B");
    CHECK(match.length == 3);
    CHECK(match.replacement.empty());
  }
  SUBCASE("no rule: no match") {
    CHECK_FALSE(charsmap.longest_match("b"));
    CHECK_FALSE(charsmap.shortest_match(""));
    CHECK(charsmap.common_prefix_search("\u00E1").empty());
    CHECK_FALSE(charsmap.longest_match("\xEF\xBD"));  // a key's first bytes are no key
  }
  SUBCASE("a NUL byte ends the walk") { CHECK_FALSE(charsmap.longest_match(std::string("\0A", 2))); }
}

TEST_CASE("tokenizer.json's base64 gives the same charsmap; bad base64 is a VocabError") {
  const PrecompiledCharsmap charsmap = PrecompiledCharsmap::from_base64(base64::encode(fixture()));
  CHECK(charsmap.longest_match("A\u0301").replacement == "\u00E1");
  CHECK_THROWS_AS(PrecompiledCharsmap::from_base64("AAAA!"), VocabError);
  CHECK_THROWS_AS(PrecompiledCharsmap::from_base64("AAA"), VocabError);
}

TEST_CASE("empty bytes are the charsmap without rules") {
  const PrecompiledCharsmap charsmap = PrecompiledCharsmap::parse("");
  CHECK(charsmap.empty());
  CHECK_FALSE(charsmap.longest_match("A"));
  CHECK(PrecompiledCharsmap().common_prefix_search("A").empty());
}

TEST_CASE("a malformed charsmap is a VocabError that names what is wrong") {
  const std::string good = fixture();
  REQUIRE(error_of(good).empty());
  const std::uint32_t trie_size = u32_at(good, 0);
  REQUIRE(trie_size == 1024);

  SUBCASE("sizes") {
    CHECK(error_of(good.substr(0, 3)).find("too few") != std::string::npos);
    std::string zero = good;
    set_u32(zero, 0, 0);
    CHECK(error_of(zero).find("empty") != std::string::npos);
    std::string ragged = good;
    set_u32(ragged, 0, 1022);
    CHECK(error_of(ragged).find("units of 4") != std::string::npos);
    std::string long_trie = good;
    set_u32(long_trie, 0, static_cast<std::uint32_t>(good.size() + 3) / 4 * 4);
    CHECK(error_of(long_trie).find("past the end") != std::string::npos);
    CHECK(error_of(good.substr(0, 4 + trie_size - 4)).find("past the end") != std::string::npos);
  }
  SUBCASE("replacements") {
    std::string unterminated = good;
    unterminated.pop_back();  // the last replacement loses its NUL
    CHECK(error_of(unterminated).find("terminated") != std::string::npos);
    std::string latin1 = good;
    latin1[latin1.size() - 2] = '\xFF';
    CHECK(error_of(latin1).find("UTF-8") != std::string::npos);
    std::string none = good.substr(0, 4 + trie_size);
    CHECK(error_of(none).find("terminated") != std::string::npos);
  }
  SUBCASE("values") {
    // "ﬁ"'s value unit: move its value past the replacements, then into "á".
    const std::uint32_t value_unit = base_of(good, node_of(good, "\uFB01"));
    std::string past = good;
    set_u32(past, unit_position(value_unit), (1u << 31) | 5000);
    CHECK(error_of(past).find("after the last terminated") != std::string::npos);
    const std::size_t accented = good.find("\u00E1", 4 + trie_size) - (4 + trie_size);
    std::string inside = good;
    set_u32(inside, unit_position(value_unit), (1u << 31) | static_cast<std::uint32_t>(accented + 1));
    CHECK(error_of(inside).find("middle of a character") != std::string::npos);
  }
  SUBCASE("walks that would leave the array") {
    std::string root = good;
    set_u32(root, 4, unit(good, 0) | (0x3FFu << 10));  // the root's children far past 256 units
    CHECK(error_of(root).find("past the 256 units") != std::string::npos);
    std::string deep = good;
    const std::uint32_t node = node_of(good, "\uFB01");
    set_u32(deep, unit_position(node), (unit(good, node) & 0x3FF) | (1u << 9) | (0x1000u << 10));
    CHECK(error_of(deep).find("past the 256 units") != std::string::npos);
  }
  SUBCASE("a trie with a cycle, or whose keys hold a NUL") {
    // Give "A" (no longer a key) the root's children: "AA" is then the node "A" again.
    std::string cycle = good;
    const std::uint32_t a = node_of(good, "A");
    const std::uint32_t root_base = base_of(good, 0);
    set_u32(cycle, unit_position(a), 'A' | (a ^ root_base) << 10);
    CHECK(error_of(cycle).find("loops back to unit") != std::string::npos);
    // Make "b" a node whose children are units 0..255: unit 0, the root, has label 0.
    std::string nul = good;
    const std::uint32_t b = root_base ^ 'b';
    REQUIRE((unit(good, b) & 0x800000FF) != 'b');
    REQUIRE((unit(good, 0) & 0x800000FF) == 0);
    set_u32(nul, unit_position(b), 'b' | b << 10);
    CHECK(error_of(nul).find("NUL byte") != std::string::npos);
  }
}

TEST_CASE("keys may share a subtrie, as darts-clone builds them") {
  // Make "b" a node with the children of "A": "b\u0301" then reaches the leaf of "A\u0301".
  std::string shared = fixture();
  const std::uint32_t b = base_of(shared, 0) ^ 'b';
  const std::uint32_t a_base = base_of(shared, node_of(shared, "A"));
  set_u32(shared, unit_position(b), 'b' | (b ^ a_base) << 10);
  const PrecompiledCharsmap charsmap = PrecompiledCharsmap::parse(shared);
  CHECK(charsmap.longest_match("b\u0301").replacement == "\u00E1");
  CHECK(charsmap.longest_match("A\u0301").replacement == "\u00E1");
  CHECK_FALSE(charsmap.longest_match("b"));  // "b" itself is no key
}

TEST_CASE("every one-byte change of a charsmap parses or is a VocabError, and searches stay inside it") {
  const std::string good = fixture();
  const std::string keys[] = {"A\u0301x", "\uFB01", "\uFF76\uFF9E", "\u200B", "\t", "b", "\xFF\xFE", std::string("\0", 1)};
  int parsed = 0;
  int refused = 0;
  for (std::size_t at = 0; at < good.size(); ++at) {
    for (const unsigned char flip : {0x01, 0x80, 0xFF}) {
      std::string bytes = good;
      bytes[at] = static_cast<char>(static_cast<unsigned char>(bytes[at]) ^ flip);
      try {
        const PrecompiledCharsmap charsmap = PrecompiledCharsmap::parse(bytes);
        for (const std::string& key : keys) {
          for (const auto& match : charsmap.common_prefix_search(key)) {
            CHECK(match.length <= key.size());
            CHECK(match.replacement.find('\0') == std::string_view::npos);
          }
        }
        ++parsed;
      } catch (const VocabError&) {
        ++refused;
      }
    }
  }
  // Unused units and replacement bytes change freely; the trie's own units do not.
  CHECK(parsed > 0);
  CHECK(refused > 0);
}
