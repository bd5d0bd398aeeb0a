#include "tokenizer/hf/added_vocabulary.h"

#include <algorithm>

#include "tokenizer/unicode/text_classes.h"
#include "tokenizer/unicode/utf8.h"

namespace tokenlab {

namespace {

// Length of the JavaScript whitespace that ends text (what trimEnd removes).
std::size_t trailing_space(std::string_view text) {
  std::size_t end = text.size();
  while (end > 0) {
    std::size_t start = end - 1;
    while (start > 0 && end - start < 4 && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) --start;
    const utf8::Decoded unit = utf8::decode(text, start);
    if (start + unit.length != end || !is_js_space(unit.codepoint)) break;
    end = start;
  }
  return text.size() - end;
}

// Length of the JavaScript whitespace that starts text (what trimStart removes).
std::size_t leading_space(std::string_view text) {
  std::size_t pos = 0;
  while (pos < text.size()) {
    const utf8::Decoded unit = utf8::decode(text, pos);
    if (!is_js_space(unit.codepoint)) break;
    pos += unit.length;
  }
  return pos;
}

}  // namespace

void AddedTokenMatcher::add(const AddedToken& token) {
  if (token.content.empty()) return;
  const auto index = static_cast<std::uint32_t>(tokens_.size());
  tokens_.push_back({token.content, token.id, token.lstrip, token.rstrip});
  auto& bucket = by_first_byte_[static_cast<unsigned char>(token.content[0])];
  bucket.push_back(index);
  std::stable_sort(bucket.begin(), bucket.end(), [&](std::uint32_t a, std::uint32_t b) {
    return tokens_[a].content.size() > tokens_[b].content.size();
  });
}

void AddedTokenMatcher::split(std::string_view text, std::vector<Segment>& segments) const {
  const auto size = static_cast<std::uint32_t>(text.size());
  std::uint32_t plain_begin = 0;  // start of the plain text not yet emitted
  std::uint32_t pos = 0;
  while (pos < size) {
    const auto& bucket = by_first_byte_[static_cast<unsigned char>(text[pos])];
    const Entry* match = nullptr;
    for (const std::uint32_t index : bucket) {
      const Entry& entry = tokens_[index];
      if (text.compare(pos, entry.content.size(), entry.content) == 0) {
        match = &entry;
        break;  // the bucket is sorted longest first
      }
    }
    if (!match) {
      ++pos;
      continue;
    }
    std::uint32_t token_begin = pos;
    std::uint32_t token_end = pos + static_cast<std::uint32_t>(match->content.size());
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
