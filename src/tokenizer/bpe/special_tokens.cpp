#include "tokenizer/bpe/special_tokens.h"

#include <algorithm>
#include <functional>

namespace tokenlab {

void SpecialTokens::add(std::string text, TokenId id) {
  if (text.empty()) return;
  if (first_bytes_.find(text[0]) == std::string::npos) first_bytes_.push_back(text[0]);
  const auto length = std::find(lengths_.begin(), lengths_.end(), text.size());
  if (length == lengths_.end()) {
    lengths_.insert(std::upper_bound(lengths_.begin(), lengths_.end(), text.size(), std::greater<>()), text.size());
  }
  ids_.try_emplace(text, id);
  text_index_.try_emplace(id, tokens_.size());
  tokens_.emplace_back(std::move(text), id);
}

const std::string* SpecialTokens::text_of(TokenId id) const {
  const auto found = text_index_.find(id);
  return found == text_index_.end() ? nullptr : &tokens_[found->second].first;
}

SpecialTokens::Match SpecialTokens::find_next(std::string_view text, std::size_t from) const {
  if (tokens_.empty()) return {std::string_view::npos, 0, 0};
  for (std::size_t pos = text.find_first_of(first_bytes_, from); pos != std::string_view::npos;
       pos = text.find_first_of(first_bytes_, pos + 1)) {
    for (const std::size_t length : lengths_) {
      if (length > text.size() - pos) continue;
      if (const auto found = ids_.find(std::string(text.substr(pos, length))); found != ids_.end()) {
        return {pos, length, found->second};
      }
    }
  }
  return {std::string_view::npos, 0, 0};
}

}  // namespace tokenlab
