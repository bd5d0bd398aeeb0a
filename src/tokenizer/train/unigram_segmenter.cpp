#include "tokenizer/train/unigram_segmenter.h"

#include <algorithm>
#include <cstdio>
#include <limits>

#include "tokenizer/errors.h"
#include "tokenizer/train/unigram_lattice.h"
#include "tokenizer/train/unigram_words.h"
#include "tokenizer/unicode/utf8.h"

namespace tokenlab {

namespace {

std::size_t character_count(std::string_view text) {
  std::size_t count = 0;
  for (const char byte : text) count += (static_cast<unsigned char>(byte) & 0xC0) != 0x80;
  return count;
}

}  // namespace

UnigramSegmenter::UnigramSegmenter(const UnigramResult& result)
    : unk_id_(result.unk_id), byte_fallback_(result.byte_fallback) {
  if (unk_id_ >= result.pieces.size()) throw UsageError("unk id " + std::to_string(unk_id_) + " is not a piece");
  double min_score = std::numeric_limits<double>::infinity();
  ids_.reserve(result.pieces.size());
  for (std::size_t id = 0; id < result.pieces.size(); ++id) {
    const UnigramPiece& piece = result.pieces[id];
    if (piece.text.empty()) throw UsageError("piece " + std::to_string(id) + " is empty");
    if (!ids_.emplace(piece.text, static_cast<TokenId>(id)).second) {
      throw UsageError("piece " + std::to_string(id) + " repeats an earlier piece");
    }
    scores_.push_back(piece.score);
    lengths_.push_back(character_count(piece.text));
    if (lengths_.back() > kMaxUnigramPieceChars) {
      throw UsageError("piece " + std::to_string(id) + " is longer than " + std::to_string(kMaxUnigramPieceChars) +
                       " characters");
    }
    min_score = std::min(min_score, piece.score);
    longest_piece_chars_ = std::max(longest_piece_chars_, lengths_.back());
  }
  unknown_score_ = min_score - UnigramLattice::kUnknownPenalty;
}

std::vector<TokenId> UnigramSegmenter::encode(std::string_view text) const {
  std::vector<TokenId> ids;
  for (const std::string& word : metaspace_words(text)) encode_word(word, ids);
  return ids;
}

void UnigramSegmenter::encode_word(std::string_view word, std::vector<TokenId>& ids) const {
  // 1. The word's characters, and every piece starting at each.
  std::vector<std::size_t> offsets;  // byte offset of each character, and the end
  for (std::size_t pos = 0; pos < word.size(); pos += utf8::decode(word, pos).length) offsets.push_back(pos);
  const std::size_t length = offsets.size();
  offsets.push_back(word.size());
  std::vector<std::vector<UnigramLattice::Edge>> edges(length);
  for (std::size_t start = 0; start < length; ++start) {
    for (std::size_t chars = 1; chars <= longest_piece_chars_ && start + chars <= length; ++chars) {
      const auto found = ids_.find(std::string(word.substr(offsets[start], offsets[start + chars] - offsets[start])));
      if (found != ids_.end()) edges[start].push_back({found->second, static_cast<std::uint32_t>(chars)});
    }
  }

  // 2. The best path.
  const UnigramLattice lattice(length, edges);
  UnigramLattice::Scratch scratch;
  std::vector<std::uint32_t> path;
  lattice.viterbi(0, static_cast<std::uint32_t>(length), scores_, unknown_score_, path, scratch);

  // 3. Pieces to ids, runs of <unk> fused.
  std::size_t at = 0;  // character position
  for (std::size_t i = 0; i < path.size();) {
    if (path[i] != UnigramLattice::kUnknown) {
      ids.push_back(path[i]);
      at += lengths_[path[i]];
      ++i;
      continue;
    }
    const std::size_t first = at;
    for (; i < path.size() && path[i] == UnigramLattice::kUnknown; ++i) ++at;
    const std::string fused(word.substr(offsets[first], offsets[at] - offsets[first]));
    if (const auto found = ids_.find(fused); found != ids_.end()) {
      ids.push_back(found->second);
      continue;
    }
    if (byte_fallback_) {
      std::vector<TokenId> bytes;
      for (const char byte : fused) {
        char name[8];
        std::snprintf(name, sizeof name, "<0x%02X>", static_cast<unsigned char>(byte));
        const auto piece = ids_.find(name);
        if (piece == ids_.end()) break;
        bytes.push_back(piece->second);
      }
      if (bytes.size() == fused.size()) {
        ids.insert(ids.end(), bytes.begin(), bytes.end());
        continue;
      }
    }
    ids.push_back(unk_id_);
  }
}

}  // namespace tokenlab
