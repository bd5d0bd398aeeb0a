#include "tokenizer/bpe/special_tokens.h"

#include <cstring>

namespace tokenlab {

void SpecialTokens::add(std::string text, TokenId id) {
  if (text.empty()) return;
  if (first_bytes_.find(text[0]) == std::string::npos) first_bytes_.push_back(text[0]);
  tokens_.emplace_back(std::move(text), id);
}

const std::string* SpecialTokens::text_of(TokenId id) const {
  for (const auto& [text, token_id] : tokens_) {
    if (token_id == id) return &text;
  }
  return nullptr;
}

SpecialTokens::Match SpecialTokens::find_next(std::string_view text, std::size_t from) const {
  if (tokens_.empty()) return {std::string_view::npos, 0, 0};
  for (std::size_t pos = text.find_first_of(first_bytes_, from); pos != std::string_view::npos;
       pos = text.find_first_of(first_bytes_, pos + 1)) {
    Match best{std::string_view::npos, 0, 0};
    for (const auto& [special, id] : tokens_) {
      if (special.size() > best.length && text.compare(pos, special.size(), special) == 0) {
        best = {pos, special.size(), id};
      }
    }
    if (best.length > 0) return best;
  }
  return {std::string_view::npos, 0, 0};
}

}  // namespace tokenlab
