#include "tokenizer/unigram/unigram_model.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <limits>

#include "tokenizer/errors.h"
#include "tokenizer/unicode/utf8.h"

namespace tokenlab {

namespace {

// The references' unknown penalty: an unknown character scores this much below the lowest piece.
constexpr double kUnknownPenalty = 10.0;

std::string shorten(std::string_view text) {
  constexpr std::size_t kShown = 40;
  return text.size() <= kShown ? std::string(text) : std::string(text.substr(0, kShown)) + "...";
}

// SentencePiece's OneCharLen: a character's length from its first byte alone,
// so a malformed sequence steps as the reference steps.
std::uint32_t sentence_piece_char_length(unsigned char lead) {
  static constexpr std::uint8_t kLengths[16] = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 3, 4};
  return kLengths[lead >> 4];
}

}  // namespace

UnigramModel::UnigramModel(std::vector<UnigramPiece> pieces, UnigramOptions options) : options_(options) {
  if (pieces.empty()) throw VocabError("Unigram vocabulary is empty: it needs at least the unknown piece");
  if (pieces.size() >= kNoRank / 2) throw VocabError("Unigram vocabulary has too many pieces");
  const bool sentence_piece = options_.flavor == UnigramFlavor::kSentencePiece;
  double min_score = std::numeric_limits<double>::infinity();
  // sentencepiece 0.1.97 starts these at FLT_MAX and FLT_MIN (the smallest
  // positive float, not the lowest), over NORMAL pieces only.
  float min_normal_score = FLT_MAX;
  float max_normal_score = FLT_MIN;
  text_offsets_.reserve(pieces.size() + 1);
  scores_.reserve(pieces.size());
  if (sentence_piece) types_.reserve(pieces.size());
  for (std::size_t id = 0; id < pieces.size(); ++id) {
    const UnigramPiece& piece = pieces[id];
    if (!std::isfinite(piece.score)) {
      throw VocabError("Unigram piece " + std::to_string(id) + " (\"" + shorten(piece.text) +
                       "\") has a score that is not a finite number");
    }
    text_offsets_.push_back(static_cast<std::uint32_t>(text_blob_.size()));
    text_blob_.append(piece.text);
    scores_.push_back(piece.score);
    min_score = std::min(min_score, piece.score);
    if (sentence_piece) {
      types_.push_back(piece.type);
      if (piece.type == PieceType::kNormal) {
        min_normal_score = std::min(min_normal_score, static_cast<float>(piece.score));
        max_normal_score = std::max(max_normal_score, static_cast<float>(piece.score));
      }
    }
  }
  text_offsets_.push_back(static_cast<std::uint32_t>(text_blob_.size()));
  pieces.clear();
  pieces.shrink_to_fit();

  if (options_.unk_id == kNoRank || options_.unk_id >= scores_.size()) {
    throw VocabError(options_.unk_id == kNoRank
                         ? std::string("Unigram vocabulary has no unknown piece (unk_id)")
                         : "Unigram unk_id " + std::to_string(options_.unk_id) + " is out of range (" +
                               std::to_string(scores_.size()) + " pieces)");
  }
  if (sentence_piece && types_[options_.unk_id] != PieceType::kUnknown) {
    throw VocabError("Unigram unk_id " + std::to_string(options_.unk_id) + " is not an UNKNOWN piece");
  }

  std::vector<std::pair<std::string_view, TokenId>> entries;
  entries.reserve(scores_.size());
  for (TokenId id = 0; id < scores_.size(); ++id) entries.emplace_back(token_text(id), id);
  trie_ = PieceTrie(entries);
  for (TokenId id = 0; id < scores_.size(); ++id) {
    if (const TokenId kept = trie_.find(token_text(id)); kept != id) {
      throw VocabError("Unigram piece \"" + shorten(token_text(id)) + "\" appears twice (ids " +
                       std::to_string(std::min(kept, id)) + " and " + std::to_string(std::max(kept, id)) + ")");
    }
  }

  // Rust: min_score - 10 in f64 over every piece; SentencePiece: in float over NORMAL ones.
  unknown_score_ = sentence_piece ? static_cast<double>(min_normal_score - static_cast<float>(kUnknownPenalty))
                                  : min_score - kUnknownPenalty;
  max_normal_score_ = max_normal_score;
  for (unsigned byte = 0; byte < 256; ++byte) {
    char text[8];
    std::snprintf(text, sizeof text, "<0x%02X>", byte);
    byte_ids_[byte] = options_.byte_fallback ? trie_.find(text) : kNoRank;
  }
}

std::string_view UnigramModel::token_text(TokenId id) const {
  if (id >= scores_.size()) return {};
  return std::string_view(text_blob_).substr(text_offsets_[id], text_offsets_[id + 1] - text_offsets_[id]);
}

void UnigramModel::viterbi(std::string_view text, std::vector<BestPath>& best) const {
  best.assign(text.size() + 1, BestPath{0.0, kUnreached, kNoRank});
  if (options_.flavor == UnigramFlavor::kSentencePiece) {
    viterbi_sentence_piece(text, best);
  } else {
    viterbi_hugging_face(text, best);
  }
}

// tokenizers/src/models/unigram/model.rs, encode_optimized.
void UnigramModel::viterbi_hugging_face(std::string_view text, std::vector<BestPath>& best) const {
  const auto size = static_cast<std::uint32_t>(text.size());
  for (std::uint32_t start = 0; start < size;) {
    const double till_here = best[start].score;
    const auto lead = static_cast<unsigned char>(text[start]);
    const std::uint32_t char_length = lead < 0x80 ? 1 : utf8::decode(text, start).length;
    bool has_single_char_piece = false;
    trie_.for_each_prefix(text.substr(start), [&](std::size_t length, TokenId id) {
      BestPath& target = best[start + length];
      const double candidate = scores_[id] + till_here;
      // Strictly greater: the first candidate to reach an end keeps it on a tie.
      if (target.start == kUnreached || candidate > target.score) target = {candidate, start, id};
      if (length == char_length) has_single_char_piece = true;
    });
    if (!has_single_char_piece) {
      BestPath& target = best[start + char_length];
      const double candidate = unknown_score_ + till_here;
      if (target.start == kUnreached || candidate > target.score) target = {candidate, start, options_.unk_id | kUnknownEdge};
    }
    start += char_length;
  }
}

// sentencepiece 0.1.97, src/unigram_model.cc, Model::EncodeOptimized. Its
// BestPathNode keeps a float; the casts below are the conversions its
// expressions make implicitly.
void UnigramModel::viterbi_sentence_piece(std::string_view text, std::vector<BestPath>& best) const {
  const auto size = static_cast<std::uint32_t>(text.size());
  const auto unknown_score = static_cast<float>(unknown_score_);
  for (std::uint32_t start = 0; start < size;) {
    const auto till_here = static_cast<float>(best[start].score);
    const std::uint32_t char_length =
        std::min(sentence_piece_char_length(static_cast<unsigned char>(text[start])), size - start);
    bool has_single_char_piece = false;
    trie_.for_each_prefix(text.substr(start), [&](std::size_t length, TokenId id) {
      const PieceType type = types_[id];
      // UNUSED pieces are skipped; CONTROL, UNKNOWN and BYTE ones are not in its trie.
      if (type != PieceType::kNormal && type != PieceType::kUserDefined) return;
      // (length * max_score_ - 0.1): size_t * float is float, minus a double is double.
      const double score = type == PieceType::kUserDefined
                               ? static_cast<double>(static_cast<float>(length) * max_normal_score_) - 0.1
                               : scores_[id];
      const double candidate = score + static_cast<double>(till_here);
      BestPath& target = best[start + length];
      if (target.start == kUnreached || candidate > target.score) {
        target = {static_cast<double>(static_cast<float>(candidate)), start, id};
      }
      if (length == char_length) has_single_char_piece = true;
    });
    if (!has_single_char_piece) {
      BestPath& target = best[start + char_length];
      const float candidate = unknown_score + till_here;  // float + float
      if (target.start == kUnreached || candidate > target.score) {
        target = {static_cast<double>(candidate), start, options_.unk_id | kUnknownEdge};
      }
    }
    start += char_length;
  }
}

bool UnigramModel::append_bytes(std::string_view text, std::uint32_t begin, std::uint32_t end,
                                std::vector<TokenId>& ids, std::vector<std::uint32_t>& starts) const {
  const bool sentence_piece = options_.flavor == UnigramFlavor::kSentencePiece;
  if (!sentence_piece) {
    // Rust: all the run's bytes as <0xXX> tokens, or (one missing) none of them.
    for (std::uint32_t pos = begin; pos < end; ++pos) {
      if (byte_ids_[static_cast<unsigned char>(text[pos])] == kNoRank) return false;
    }
  }
  for (std::uint32_t pos = begin; pos < end; ++pos) {
    const TokenId id = byte_ids_[static_cast<unsigned char>(text[pos])];
    // SentencePiece: PieceToId of a missing byte piece is the unknown id.
    ids.push_back(id == kNoRank ? options_.unk_id : id);
    starts.push_back(pos);
  }
  return true;
}

void UnigramModel::emit(std::string_view text, const std::vector<BestPath>& best, std::vector<TokenId>& ids,
                        std::vector<std::uint32_t>& starts) {
  path_.clear();
  for (auto end = static_cast<std::uint32_t>(text.size()); end > 0;) {
    const BestPath& node = best[end];
    path_.push_back({node.id(), node.start, end, 0.0, node.unknown()});
    end = node.start;
  }
  std::reverse(path_.begin(), path_.end());
  const TokenId unk = options_.unk_id;
  if (options_.flavor == UnigramFlavor::kSentencePiece) {
    // PopulateSentencePieceText: an unknown piece is its bytes with byte
    // fallback, else it merges into an unknown piece right before it.
    bool previous_unknown = false;
    for (const UnigramSegment& segment : path_) {
      const bool unknown = segment.id == unk;
      if (unknown && options_.byte_fallback) {
        append_bytes(text, segment.begin, segment.end, ids, starts);
      } else if (!(unknown && previous_unknown)) {
        ids.push_back(segment.id);
        starts.push_back(segment.begin);
      }
      previous_unknown = unknown;
    }
    return;
  }
  // Rust: runs of unk_id fuse into one string, looked up as a piece, else its
  // bytes (byte_fallback), else the unknown token.
  for (std::size_t i = 0; i < path_.size(); ++i) {
    const UnigramSegment& segment = path_[i];
    if (segment.id != unk) {
      ids.push_back(segment.id);
      starts.push_back(segment.begin);
      continue;
    }
    std::size_t last = i;
    while (last + 1 < path_.size() && path_[last + 1].id == unk) ++last;
    const std::uint32_t begin = segment.begin;
    const std::uint32_t end = path_[last].end;
    i = last;
    if (const TokenId whole = trie_.find(text.substr(begin, end - begin)); whole != kNoRank) {
      ids.push_back(whole);
      starts.push_back(begin);
    } else if (!(options_.byte_fallback && append_bytes(text, begin, end, ids, starts))) {
      ids.push_back(unk);
      starts.push_back(begin);
    }
  }
}

void UnigramModel::encode_piece(std::string_view piece, std::vector<TokenId>& ids, std::vector<std::uint32_t>& starts) {
  if (piece.empty()) return;
  const bool cacheable = PieceCache::cacheable(piece);
  const std::uint32_t hash = cacheable ? RankTable::hash_bytes(piece) : 0;
  if (cacheable && cache_.find(piece, hash, 0, ids, starts)) return;
  viterbi(piece, best_);
  const std::size_t first = ids.size();
  emit(piece, best_, ids, starts);
  if (cacheable) cache_.put(piece, hash, ids.data() + first, starts.data() + first, ids.size() - first);
}

UnigramSegmentation UnigramModel::best_segmentation(std::string_view text) const {
  UnigramSegmentation result;
  if (text.empty()) return result;
  std::vector<BestPath> best;
  viterbi(text, best);
  for (auto end = static_cast<std::uint32_t>(text.size()); end > 0;) {
    const BestPath& node = best[end];
    double score = node.unknown() ? unknown_score_ : scores_[node.id()];
    if (!node.unknown() && type(node.id()) == PieceType::kUserDefined) {
      score = static_cast<double>(static_cast<float>(end - node.start) * max_normal_score_) - 0.1;
    }
    result.segments.push_back({node.id(), node.start, end, score, node.unknown()});
    end = node.start;
  }
  std::reverse(result.segments.begin(), result.segments.end());
  result.total_score = best[text.size()].score;
  return result;
}

std::size_t UnigramModel::memory_bytes() const {
  return text_blob_.capacity() + text_offsets_.capacity() * 4 + scores_.capacity() * sizeof(double) +
         types_.capacity() + trie_.memory_bytes() + cache_.memory_bytes() + best_.capacity() * sizeof(BestPath) +
         path_.capacity() * sizeof(UnigramSegment);
}

}  // namespace tokenlab
