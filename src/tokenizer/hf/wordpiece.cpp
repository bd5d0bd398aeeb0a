#include "tokenizer/hf/wordpiece.h"

#include <algorithm>

#include "tokenizer/errors.h"
#include "tokenizer/unicode/utf8.h"

namespace tokenlab {

WordPieceModel::WordPieceModel(RankTable vocab, TokenId unk, std::string continuing_prefix,
                               std::size_t max_input_chars_per_word)
    : vocab_(std::move(vocab)), unk_(unk), prefix_(std::move(continuing_prefix)), max_chars_(max_input_chars_per_word) {
  if (!vocab_.contains_rank(unk_)) throw VocabError("WordPiece: the unknown token is not in the vocabulary");
  std::size_t total_bytes = 0;
  for (std::size_t id = 0; id < vocab_.rank_limit(); ++id) {
    const std::size_t size = vocab_.bytes_of(static_cast<Rank>(id)).size();
    longest_entry_ = std::max(longest_entry_, size);
    total_bytes += size;
  }
  // At most one node per byte: a table twice that size stays under half full.
  std::size_t capacity = 16;
  while (capacity < 2 * (total_bytes + prefix_.size())) capacity *= 2;
  links_.assign(capacity, 0);
  node_token_.assign(1, kNoRank);
  for (std::size_t id = 0; id < vocab_.rank_limit(); ++id) {
    if (vocab_.contains_rank(static_cast<Rank>(id))) {
      add_to_trie(vocab_.bytes_of(static_cast<Rank>(id)), static_cast<TokenId>(id));
    }
  }
  std::uint32_t node = 0;
  for (const char byte : prefix_) {
    if (node = child(node, static_cast<unsigned char>(byte)); node == 0) break;
  }
  prefix_node_ = node;
}

std::uint32_t WordPieceModel::child(std::uint32_t node, unsigned char byte) const {
  const std::uint64_t key = (std::uint64_t{node} << 8 | byte) + 1;
  const std::size_t mask = links_.size() - 1;
  for (std::size_t slot = (key * 0x9E3779B97F4A7C15ull) >> 40 & mask;; slot = (slot + 1) & mask) {
    const std::uint64_t link = links_[slot];
    if (link == 0) return 0;
    if (link >> 32 == key) return static_cast<std::uint32_t>(link);
  }
}

void WordPieceModel::add_to_trie(std::string_view entry, TokenId id) {
  std::uint32_t node = 0;
  const std::size_t mask = links_.size() - 1;
  for (const char byte : entry) {
    std::uint32_t next = child(node, static_cast<unsigned char>(byte));
    if (next == 0) {
      next = static_cast<std::uint32_t>(node_token_.size());
      node_token_.push_back(kNoRank);
      const std::uint64_t key = (std::uint64_t{node} << 8 | static_cast<unsigned char>(byte)) + 1;
      std::size_t slot = (key * 0x9E3779B97F4A7C15ull) >> 40 & mask;
      while (links_[slot] != 0) slot = (slot + 1) & mask;
      links_[slot] = key << 32 | next;
    }
    node = next;
  }
  // Two ids with the same text cannot be: the vocabulary maps text to one id; keep the first.
  if (node_token_[node] == kNoRank) node_token_[node] = id;
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
    // The deepest entry along the walk that ends at a character boundary: the longest candidate.
    std::uint32_t node = 0;
    if (start > 0) {
      node = prefix_node_;
      if (node == 0 && !prefix_.empty()) break;  // no entry starts with the prefix
    }
    TokenId found = kNoRank;
    std::size_t found_end = start;
    std::size_t next_boundary = start + 1;
    for (std::uint32_t pos = boundaries_[start]; pos < word.size();) {
      node = child(node, static_cast<unsigned char>(word[pos]));
      if (node == 0) break;
      ++pos;
      if (pos == boundaries_[next_boundary]) {
        if (node_token_[node] != kNoRank) {
          found = node_token_[node];
          found_end = next_boundary;
        }
        ++next_boundary;
      }
    }
    if (found == kNoRank) break;
    ids.push_back(found);
    starts.push_back(boundaries_[start]);
    start = found_end;
  }
  if (start < char_count) {
    ids.resize(first);
    starts.resize(first);
    ids.push_back(unk_);
    starts.push_back(0);
  }
}

std::size_t WordPieceModel::memory_bytes() const {
  return vocab_.memory_bytes() + cache_.memory_bytes() + node_token_.capacity() * sizeof(TokenId) +
         links_.capacity() * sizeof(std::uint64_t);
}

}  // namespace tokenlab
