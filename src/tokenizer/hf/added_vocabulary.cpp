#include "tokenizer/hf/added_vocabulary.h"

#include <algorithm>

#include "tokenizer/bpe/short_bytes.h"
#include "tokenizer/unicode/unicode_tables.h"
#include "tokenizer/unicode/utf8.h"

namespace tokenlab {

namespace {

// The Rust regex crate's \w, which single_word tests. Oniguruma's own \w reads
// the code points below 256 from a Latin-1 table that counts "²" as a word
// character; these properties do not.
constexpr const char* kWordCharacter = R"([\p{Alphabetic}\p{M}\p{Nd}\p{Pc}\p{Join_Control}])";

// Start of the character that ends text (or of its last byte, if malformed).
std::size_t last_unit_start(std::string_view text) {
  std::size_t start = text.size() - 1;
  while (start > 0 && text.size() - start < 4 && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) --start;
  return start + utf8::decode(text, start).length == text.size() ? start : text.size() - 1;
}

// Length of the White_Space that ends text (Rust's char::is_whitespace).
std::size_t trailing_space(std::string_view text) {
  std::size_t end = text.size();
  while (end > 0) {
    const std::size_t start = last_unit_start(text.substr(0, end));
    if (!unicode::is_white_space(utf8::decode(text, start).codepoint)) break;
    end = start;
  }
  return text.size() - end;
}

// Length of the White_Space that starts text.
std::size_t leading_space(std::string_view text) {
  std::size_t pos = 0;
  while (pos < text.size()) {
    const utf8::Decoded unit = utf8::decode(text, pos);
    if (!unicode::is_white_space(unit.codepoint)) break;
    pos += unit.length;
  }
  return pos;
}

}  // namespace

void AddedTokenMatcher::add(const AddedToken& token) {
  if (token.content.empty()) return;
  const auto index = static_cast<std::uint32_t>(tokens_.size());
  tokens_.push_back({token.content, token.id, token.lstrip, token.rstrip, token.single_word});
  if (token.single_word && !word_) word_ = std::make_shared<const Regex>(kWordCharacter);
  std::uint32_t node = 0;
  for (const char byte : token.content) {
    std::uint32_t next = child(node, static_cast<unsigned char>(byte));
    if (next == 0) {
      next = static_cast<std::uint32_t>(entry_of_node_.size());
      entry_of_node_.push_back(kNoEntry);
      if (node == 0) {
        root_children_[static_cast<unsigned char>(byte)] = next;
        if (first_byte_count_ < kMaxSkipBytes) first_bytes_[first_byte_count_] = static_cast<unsigned char>(byte);
        if (first_byte_count_ <= kMaxSkipBytes) ++first_byte_count_;
      } else {
        children_.emplace(std::uint64_t{node} << 8 | static_cast<unsigned char>(byte), next);
      }
    }
    node = next;
  }
  // Equal contents: the token added first keeps the node.
  if (entry_of_node_[node] == kNoEntry) entry_of_node_[node] = index;
}

bool AddedTokenMatcher::word_before(std::string_view text, std::uint32_t pos) const {
  if (pos == 0) return false;
  const std::size_t start = last_unit_start(text.substr(0, pos));
  std::vector<ByteSpan> found;
  word_->find_all(text.substr(start, pos - start), found);
  return !found.empty();
}

bool AddedTokenMatcher::word_at(std::string_view text, std::uint32_t pos) const {
  if (pos >= text.size()) return false;
  std::vector<ByteSpan> found;
  word_->find_all(text.substr(pos, utf8::decode(text, pos).length), found);
  return !found.empty();
}

std::uint32_t AddedTokenMatcher::next_candidate(std::string_view text, std::uint32_t pos) const {
  constexpr std::uint64_t kOnes = 0x0101010101010101ull;
  constexpr std::uint64_t kHighBits = 0x8080808080808080ull;
  const auto size = static_cast<std::uint32_t>(text.size());
  const bool by_words = first_byte_count_ <= kMaxSkipBytes;
  while (pos < size) {
    if (by_words && size - pos >= 8) {
      // A byte of word equal to b is a zero byte of word ^ (b * kOnes); the
      // test can also flag a byte above a true match, never miss one.
      const std::uint64_t word = short_bytes::load_u64(text.data() + pos);
      std::uint64_t flagged = 0;
      for (std::size_t i = 0; i < first_byte_count_; ++i) {
        const std::uint64_t diff = word ^ (kOnes * first_bytes_[i]);
        flagged |= (diff - kOnes) & ~diff & kHighBits;
      }
      if (flagged == 0) {
        pos += 8;
        continue;
      }
      for (const std::uint32_t end = pos + 8; pos < end; ++pos) {
        if (root_children_[static_cast<unsigned char>(text[pos])] != 0) return pos;
      }
      continue;
    }
    if (root_children_[static_cast<unsigned char>(text[pos])] != 0) return pos;
    ++pos;
  }
  return size;
}

void AddedTokenMatcher::split(std::string_view text, std::vector<Segment>& segments) const {
  const auto size = static_cast<std::uint32_t>(text.size());
  std::uint32_t plain_begin = 0;  // start of the plain text not yet emitted
  std::uint32_t pos = 0;
  while (pos < size) {
    pos = next_candidate(text, pos);
    if (pos == size) break;
    std::uint32_t node = root_children_[static_cast<unsigned char>(text[pos])];
    // The longest token at pos: the deepest node with an entry along the walk.
    const Entry* match = nullptr;
    for (std::uint32_t at = pos + 1;; ++at) {
      if (entry_of_node_[node] != kNoEntry) match = &tokens_[entry_of_node_[node]];
      if (at == size) break;
      node = child(node, static_cast<unsigned char>(text[at]));
      if (node == 0) break;
    }
    if (!match) {
      ++pos;
      continue;
    }
    std::uint32_t token_begin = pos;
    std::uint32_t token_end = pos + static_cast<std::uint32_t>(match->content.size());
    if (match->single_word && (word_before(text, token_begin) || word_at(text, token_end))) {
      pos = token_end;  // refused: plain text, and the scan goes on after it
      continue;
    }
    if (match->lstrip) {
      token_begin -= static_cast<std::uint32_t>(trailing_space(text.substr(plain_begin, pos - plain_begin)));
    }
    if (match->rstrip) token_end += static_cast<std::uint32_t>(leading_space(text.substr(token_end)));
    if (token_begin > plain_begin) segments.push_back({plain_begin, token_begin, kNoRank});
    segments.push_back({token_begin, token_end, match->id});
    plain_begin = pos = token_end;
  }
  if (size > plain_begin) segments.push_back({plain_begin, size, kNoRank});
}

}  // namespace tokenlab
