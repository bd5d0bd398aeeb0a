#include "tokenizer/hf/precompiled_charsmap.h"

#include "tokenizer/bpe/base64.h"
#include "tokenizer/errors.h"
#include "tokenizer/unicode/utf8.h"

namespace tokenlab {

namespace {

// The fields of a double-array unit (see the header).
constexpr bool has_leaf(std::uint32_t unit) { return (unit >> 8 & 1) != 0; }
constexpr std::uint32_t value_of(std::uint32_t unit) { return unit & ((1u << 31) - 1); }
constexpr std::uint32_t label_of(std::uint32_t unit) { return unit & ((1u << 31) | 0xFF); }
constexpr std::uint32_t offset_of(std::uint32_t unit) { return (unit >> 10) << ((unit & (1u << 9)) >> 6); }

[[noreturn]] void malformed(const std::string& what) { throw VocabError("precompiled_charsmap: " + what); }

std::uint32_t read_u32(std::string_view bytes, std::size_t at) {
  const auto byte = [&](std::size_t i) { return static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[at + i])); };
  return byte(0) | byte(1) << 8 | byte(2) << 16 | byte(3) << 24;
}

}  // namespace

PrecompiledCharsmap PrecompiledCharsmap::parse(std::string_view bytes) {
  if (bytes.empty()) return {};
  if (bytes.size() < 4) malformed(std::to_string(bytes.size()) + " bytes, too few for the trie size");
  const std::uint32_t trie_size = read_u32(bytes, 0);
  if (trie_size == 0) malformed("the trie is empty");
  if (trie_size % 4 != 0) malformed("a trie of " + std::to_string(trie_size) + " bytes is not whole units of 4");
  if (trie_size > bytes.size() - 4) {
    malformed("a trie of " + std::to_string(trie_size) + " bytes runs past the end of " +
              std::to_string(bytes.size()) + " bytes");
  }
  std::vector<std::uint32_t> units(trie_size / 4);
  for (std::size_t i = 0; i < units.size(); ++i) units[i] = read_u32(bytes, 4 + 4 * i);
  std::string replacements(bytes.substr(4 + trie_size));
  // As Hugging Face's reader: the replacements must be UTF-8, all of them.
  if (!utf8::is_valid(replacements)) malformed("the replacement strings are not UTF-8");
  PrecompiledCharsmap charsmap(std::move(units), std::move(replacements));
  charsmap.validate();
  return charsmap;
}

PrecompiledCharsmap PrecompiledCharsmap::from_base64(std::string_view text) {
  const std::optional<std::string> bytes = base64::decode(text);
  if (!bytes) malformed("not base64");
  return parse(*bytes);
}

void PrecompiledCharsmap::validate() const {
  const auto size = static_cast<std::uint32_t>(units_.size());
  const std::size_t last_nul = replacements_.rfind('\0');
  // A node's own checks; its base, where its children are.
  const auto check_node = [&](std::uint32_t node) {
    const std::uint32_t unit = units_[node];
    const std::uint32_t base = node ^ offset_of(unit);
    // The children of a node are the units base ^ c, c = 0..255: one aligned block of 256.
    if ((base | 0xFF) >= size) {
      malformed("trie node " + std::to_string(node) + " has its children at unit " + std::to_string(base) +
                ", past the " + std::to_string(size) + " units");
    }
    // base ^ 0 is the node's value unit, or a unit no byte leads to; a label of
    // 0 there would make a NUL byte part of a key.
    if (label_of(units_[base]) == 0) malformed("trie node " + std::to_string(node) + " continues with a NUL byte");
    if (node != 0 && has_leaf(unit)) {
      const std::uint32_t value = value_of(units_[base]);
      if (last_nul == std::string::npos || value > last_nul) {
        malformed("trie node " + std::to_string(node) + " points at byte " + std::to_string(value) +
                  ", after the last terminated replacement");
      }
      if ((static_cast<unsigned char>(replacements_[value]) & 0xC0) == 0x80) {
        malformed("trie node " + std::to_string(node) + " points into the middle of a character");
      }
    }
    return base;
  };
  // Depth first over every node some key reaches. darts-clone shares the
  // units of equal subtries, so a node may be reached by several keys (the
  // trie is a graph without cycles); a node is checked once, and a key that
  // leads back to a node on its own path is a cycle, which would let a walk
  // go on for as long as the text.
  enum : std::uint8_t { kUnseen, kOnPath, kDone };
  std::vector<std::uint8_t> state(size, kUnseen);
  struct Frame {
    std::uint32_t node;
    std::uint32_t base;
    std::uint32_t next_label;
  };
  std::vector<Frame> path{{0, check_node(0), 1}};
  state[0] = kOnPath;
  while (!path.empty()) {
    Frame& frame = path.back();
    std::uint32_t child = 0;
    while (frame.next_label < 256) {
      const std::uint32_t c = frame.next_label++;
      const std::uint32_t candidate = frame.base ^ c;
      if (label_of(units_[candidate]) != c || state[candidate] == kDone) continue;
      if (state[candidate] == kOnPath) malformed("the trie loops back to unit " + std::to_string(candidate));
      child = candidate;
      break;
    }
    if (child == 0) {  // unit 0 is the root, never a child
      state[frame.node] = kDone;
      path.pop_back();
      continue;
    }
    state[child] = kOnPath;
    const std::uint32_t base = check_node(child);
    path.push_back({child, base, 1});
  }
}

std::string_view PrecompiledCharsmap::replacement(std::uint32_t value) const {
  const std::string_view all = replacements_;
  return all.substr(value, all.find('\0', value) - value);
}

template <class OnMatch>
void PrecompiledCharsmap::walk(std::string_view key, OnMatch&& on_match) const {
  if (units_.empty()) return;
  std::uint32_t base = offset_of(units_[0]);
  for (std::size_t i = 0; i < key.size(); ++i) {
    const auto c = static_cast<unsigned char>(key[i]);
    if (c == 0) return;
    const std::uint32_t node = base ^ c;
    const std::uint32_t unit = units_[node];
    if (label_of(unit) != c) return;
    base = node ^ offset_of(unit);
    if (has_leaf(unit) && !on_match(static_cast<std::uint32_t>(i + 1), value_of(units_[base]))) return;
  }
}

std::vector<PrecompiledCharsmap::Match> PrecompiledCharsmap::common_prefix_search(std::string_view key) const {
  std::vector<Match> matches;
  walk(key, [&](std::uint32_t length, std::uint32_t value) {
    matches.push_back({length, replacement(value)});
    return true;
  });
  return matches;
}

PrecompiledCharsmap::Match PrecompiledCharsmap::shortest_match(std::string_view key) const {
  Match match;
  walk(key, [&](std::uint32_t length, std::uint32_t value) {
    match = {length, replacement(value)};
    return false;
  });
  return match;
}

PrecompiledCharsmap::Match PrecompiledCharsmap::longest_match(std::string_view key) const {
  Match match;
  walk(key, [&](std::uint32_t length, std::uint32_t value) {
    match = {length, replacement(value)};
    return true;
  });
  return match;
}

}  // namespace tokenlab
