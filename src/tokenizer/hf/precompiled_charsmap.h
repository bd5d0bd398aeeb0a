// PrecompiledCharsmap: SentencePiece's normalization rules in their compiled
// form, the `precompiled_charsmap` of a .model file's NormalizerSpec and of a
// tokenizer.json "Precompiled" normalizer (there in base64). Each rule maps a
// key (bytes) to a replacement (UTF-8, possibly empty); nmt_nfkc has about
// 26,000 of them ("Ａ" -> "A", "ﬁ" -> "fi", "\t" -> " ", U+200B -> "").
//
// Layout, all little-endian:
//
//   [u32 trie_size] [trie: trie_size / 4 units of u32] [replacements: "A\0fi\0 \0\0..."]
//
// The trie is a darts-clone double array. A unit packs four fields:
//
//   bit 31      set on a value unit (so its label never equals a byte)
//   bits 0..7   label: the byte that leads to this unit (with bit 31: label())
//   bit 8       has_leaf: a key ends here, its value unit is at this unit's base
//   bits 10..31 offset, shifted left by 8 more when bit 9 is set
//   value unit: bits 0..30 are the value, the offset of a replacement
//
// A walk starts at unit 0 with base = 0 ^ offset(unit 0); for each key byte c
// the child is unit base ^ c, which exists when its label is c; its base is
// child ^ offset(child).
//
//   rules {"a" -> "x", "ab" -> "y"}: common_prefix_search("abc") -> {1, "x"}, {2, "y"}
//
// Everything is checked once, when parsing: every node a walk can reach (by
// any bytes) keeps its 256 possible children inside the array, no key leads
// back to a node it passed (darts-clone shares equal subtries, so the trie is
// a graph, but one without cycles: a walk ends within its depth), and no key
// holds a NUL byte; every value points at a replacement that starts a
// character and ends with a NUL; the replacements are UTF-8. So no walk over a
// parsed charsmap can leave the array, whatever the bytes, and a corrupt
// charsmap is a VocabError instead.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tokenlab {

class PrecompiledCharsmap {
 public:
  // A rule whose key is a prefix of the text searched: its key's length and replacement.
  struct Match {
    std::uint32_t length = 0;  // 0: no rule matched
    std::string_view replacement;
    explicit operator bool() const { return length != 0; }
  };

  // No rules: every text stays as it is (SentencePiece's empty charsmap, the identity rule).
  PrecompiledCharsmap() = default;

  // Parses the bytes; empty bytes are the charsmap without rules. Throws
  // VocabError for any malformed charsmap.
  static PrecompiledCharsmap parse(std::string_view bytes);
  // The same, from base64 (tokenizer.json's "precompiled_charsmap").
  static PrecompiledCharsmap from_base64(std::string_view text);

  bool empty() const { return units_.empty(); }

  // Every rule whose key is a prefix of key, shortest first (a walk stops at
  // key's first NUL byte: no key holds one).
  std::vector<Match> common_prefix_search(std::string_view key) const;
  // The rule with the shortest key that is a prefix of key: Hugging Face's
  // Precompiled::transform takes this one.
  Match shortest_match(std::string_view key) const;
  // The rule with the longest: SentencePiece's Normalizer takes this one.
  Match longest_match(std::string_view key) const;

 private:
  PrecompiledCharsmap(std::vector<std::uint32_t> units, std::string replacements)
      : units_(std::move(units)), replacements_(std::move(replacements)) {}

  // Checks the walkable part of the trie (see the header comment).
  void validate() const;
  // The replacement a value unit's value points at (validated: it ends with a NUL).
  std::string_view replacement(std::uint32_t value) const;
  // Walks key, calling on_match(length, value) at each key that ends; stops when
  // the callback returns false.
  template <class OnMatch>
  void walk(std::string_view key, OnMatch&& on_match) const;

  std::vector<std::uint32_t> units_;
  std::string replacements_;
};

}  // namespace tokenlab
