#include "tokenizer/hf/wordpiece.h"

#include <algorithm>

#include "tokenizer/errors.h"
#include "tokenizer/unicode/utf8.h"

namespace tokenlab {

WordPieceModel::WordPieceModel(RankTable vocab, TokenId unk, std::string continuing_prefix,
                               std::size_t max_input_chars_per_word)
    : vocab_(std::move(vocab)), unk_(unk), prefix_(std::move(continuing_prefix)), max_chars_(max_input_chars_per_word) {
  if (!vocab_.contains_rank(unk_)) throw VocabError("WordPiece: the unknown token is not in the vocabulary");
  for (std::size_t id = 0; id < vocab_.rank_limit(); ++id) {
    longest_entry_ = std::max(longest_entry_, vocab_.bytes_of(static_cast<Rank>(id)).size());
  }
}

void WordPieceModel::encode_piece(std::string_view piece, std::vector<TokenId>& ids,
                                  std::vector<std::uint32_t>& starts) {
  // Most words are one vocabulary entry: the greedy search would try the whole word first anyway.
  if (piece.size() <= longest_entry_ && piece.size() <= max_chars_) {
    if (const TokenId whole = vocab_.find(piece); whole != kNoRank) {
      ids.push_back(whole);
      starts.push_back(0);
      return;
    }
  }
  const bool cacheable = PieceCache::cacheable(piece);
  const std::uint32_t hash = cacheable ? RankTable::hash_bytes(piece) : 0;
  if (cacheable && cache_.find(piece, hash, 0, ids, starts)) return;
  const std::size_t first = ids.size();
  split_word(piece, ids, starts);
  if (cacheable) cache_.put(piece, hash, ids.data() + first, starts.data() + first, ids.size() - first);
}

void WordPieceModel::split_word(std::string_view word, std::vector<TokenId>& ids, std::vector<std::uint32_t>& starts) {
  boundaries_.clear();
  for (std::uint32_t pos = 0; pos < word.size(); pos += utf8::decode(word, pos).length) boundaries_.push_back(pos);
  const std::size_t char_count = boundaries_.size();
  boundaries_.push_back(static_cast<std::uint32_t>(word.size()));
  if (char_count > max_chars_) {
    ids.push_back(unk_);
    starts.push_back(0);
    return;
  }
  const std::size_t first = ids.size();
  std::size_t start = 0;  // index into boundaries_
  while (start < char_count) {
    const std::string_view prefix = start > 0 ? std::string_view(prefix_) : std::string_view();
    // The longest candidate that could be an entry: skip ends no entry is long enough for.
    std::size_t end = char_count;
    while (end > start + 1 && prefix.size() + boundaries_[end] - boundaries_[start] > longest_entry_) --end;
    TokenId found = kNoRank;
    for (; end > start; --end) {
      candidate_.assign(prefix);
      candidate_.append(word.substr(boundaries_[start], boundaries_[end] - boundaries_[start]));
      found = vocab_.find(candidate_);
      if (found != kNoRank) break;
    }
    if (found == kNoRank) {
      ids.resize(first);
      starts.resize(first);
      ids.push_back(unk_);
      starts.push_back(0);
      return;
    }
    ids.push_back(found);
    starts.push_back(boundaries_[start]);
    start = end;
  }
}

std::size_t WordPieceModel::memory_bytes() const {
  return vocab_.memory_bytes() + cache_.memory_bytes();
}

}  // namespace tokenlab
