#include "tokenizer/hf/model_trace.h"

#include <algorithm>
#include <cstdio>
#include <limits>

#include "tokenizer/bpe/byte_level_bpe.h"
#include "tokenizer/errors.h"
#include "tokenizer/hf/bpe.h"
#include "tokenizer/hf/tokenizer.h"
#include "tokenizer/hf/wordpiece.h"
#include "tokenizer/unicode/utf8.h"
#include "tokenizer/unigram/unigram_model.h"

namespace tokenlab {

namespace {

// Unigram pieces longer than this are not looked for among the alternatives
// (no shipped vocabulary has one past 100 bytes).
constexpr std::uint32_t kLongestAlternative = 256;

std::string byte_token_text(unsigned byte) {
  char text[8];
  std::snprintf(text, sizeof text, "<0x%02X>", byte);
  return text;
}

// "<0x4F>" -> 0x4F; -1 for any other text.
int byte_of_token_text(std::string_view text) {
  if (text.size() != 6 || text.substr(0, 3) != "<0x" || text[5] != '>') return -1;
  int value = 0;
  for (const char digit : text.substr(3, 2)) {
    value *= 16;
    if (digit >= '0' && digit <= '9') value += digit - '0';
    else if (digit >= 'A' && digit <= 'F') value += digit - 'A' + 10;
    else return -1;
  }
  return value;
}

std::string id_text(TokenId id) { return "id " + std::to_string(id); }

void check_ids(const Tokenizer& tokenizer, std::span<const TokenId> ids) {
  if (ids.empty()) throw UsageError("a token story needs at least one id");
  for (const TokenId id : ids) {
    if (id >= tokenizer.vocab_size()) throw UsageError(id_text(id) + " is outside the vocabulary");
    if (tokenizer.is_special(id)) throw UsageError(id_text(id) + " is a special token, which no merge builds");
  }
}

// The model's text of the ids joined; byte tokens give their byte when
// byte_fallback made them.
std::string joined_text(const TokenModel& model, std::span<const TokenId> ids, bool byte_fallback, TokenId unk) {
  std::string piece;
  for (const TokenId id : ids) {
    if (id == unk) throw UsageError(id_text(id) + " is the unknown token: the text it stands for is not kept");
    const std::string_view text = model.token_text(id);
    if (text.empty()) throw UsageError(id_text(id) + " is not in the model's vocabulary (an added token)");
    const int byte = byte_fallback ? byte_of_token_text(text) : -1;
    if (byte >= 0) piece.push_back(static_cast<char>(byte));
    else piece.append(text);
  }
  return piece;
}

std::vector<TokenId> ids_of(const std::vector<Symbol>& symbols) {
  std::vector<TokenId> ids;
  for (const Symbol& symbol : symbols) ids.push_back(symbol.id);
  return ids;
}

// tiktoken: each pre-token looked up whole, else merged by rank.
TokenTrace trace_rank_bpe(const ByteLevelBpeTokenizer& tokenizer, std::span<const TokenId> ids) {
  TokenTrace trace;
  trace.kind = TraceKind::kRankBpe;
  for (const TokenId id : ids) trace.piece.append(tokenizer.ranks().bytes_of(id));
  check_traced_length(trace.piece.size());
  std::vector<ByteSpan> spans;
  pre_tokenize(tokenizer.pattern(), trace.piece, spans);
  for (const ByteSpan span : spans) {
    const std::string_view pre_token = std::string_view(trace.piece).substr(span.begin, span.end - span.begin);
    MergeTrace part = trace_rank_merges(pre_token, tokenizer.ranks());
    auto shift = [&](Symbol symbol) { return Symbol{symbol.id, symbol.start + span.begin}; };
    for (const Symbol& symbol : part.initial) trace.merges.initial.push_back(shift(symbol));
    for (const Symbol& symbol : part.final) trace.merges.final.push_back(shift(symbol));
    for (MergeStep step : part.steps) {
      step.begin += span.begin;
      step.split += span.begin;
      step.end += span.begin;
      trace.merges.steps.push_back(step);
    }
    if (const Rank whole = tokenizer.ranks().find(pre_token); whole != kNoRank) {
      trace.replayed.push_back(whole);
      trace.whole_token = true;
    } else {
      for (const Symbol& symbol : part.final) trace.replayed.push_back(symbol.id);
    }
  }
  return trace;
}

// BpeModel's starting symbols: bytes (byte-level) or characters, a character
// missing from the vocabulary as its <0xNN> bytes (byte_fallback).
std::vector<Symbol> initial_symbols(const BpeModel& model, std::string_view piece) {
  std::vector<Symbol> symbols;
  const auto size = static_cast<std::uint32_t>(piece.size());
  for (std::uint32_t pos = 0; pos < size;) {
    const std::uint32_t length = model.options().byte_level ? 1 : std::max<std::uint32_t>(1, utf8::decode(piece, pos).length);
    const std::string_view unit = piece.substr(pos, length);
    if (const TokenId id = model.find(unit); id != kNoRank) {
      symbols.push_back({id, pos});
    } else {
      for (std::uint32_t at = pos; at < pos + length; ++at) {
        const TokenId byte_id = model.options().byte_fallback ? model.find(byte_token_text(static_cast<unsigned char>(piece[at]))) : kNoRank;
        if (byte_id == kNoRank) throw UsageError("the text has a character the model does not know, so it was an unknown token");
        symbols.push_back({byte_id, at});
      }
    }
    pos += length;
  }
  return symbols;
}

TokenTrace trace_merge_bpe(const BpeModel& model, std::span<const TokenId> ids) {
  TokenTrace trace;
  trace.kind = TraceKind::kMergeBpe;
  trace.piece = joined_text(model, ids, model.options().byte_fallback && !model.options().byte_level, model.options().unk);
  check_traced_length(trace.piece.size());
  trace.merges = trace_pair_merges(initial_symbols(model, trace.piece), static_cast<std::uint32_t>(trace.piece.size()),
                                   model.merges());
  const TokenId whole = model.options().ignore_merges ? model.find(trace.piece) : kNoRank;
  trace.whole_token = whole != kNoRank;
  trace.replayed = trace.whole_token ? std::vector<TokenId>{whole} : ids_of(trace.merges.final);
  return trace;
}

// WordPiece: at each place the longest entry that matches ("##" inside the word).
TokenTrace trace_word_piece(const WordPieceModel& model, std::span<const TokenId> ids) {
  TokenTrace trace;
  trace.kind = TraceKind::kWordPiece;
  const std::string& prefix = model.continuing_prefix();
  for (std::size_t at = 0; at < ids.size(); ++at) {
    std::string_view text = model.token_text(ids[at]);
    if (text.empty()) throw UsageError(id_text(ids[at]) + " is not in the model's vocabulary (an added token)");
    if (at > 0 && text.substr(0, prefix.size()) == prefix) text.remove_prefix(prefix.size());
    trace.piece.append(text);
  }
  check_traced_length(trace.piece.size());
  const std::string_view word = trace.piece;
  std::vector<std::uint32_t> boundaries;
  for (std::uint32_t pos = 0; pos < word.size(); pos += std::max<std::uint32_t>(1, utf8::decode(word, pos).length)) {
    boundaries.push_back(pos);
  }
  boundaries.push_back(static_cast<std::uint32_t>(word.size()));
  for (std::size_t start = 0; start + 1 < boundaries.size();) {
    std::size_t end = boundaries.size() - 1;
    TokenId id = kNoRank;
    for (; end > start; --end) {
      const std::string candidate = (start > 0 ? prefix : std::string()) +
                                    std::string(word.substr(boundaries[start], boundaries[end] - boundaries[start]));
      id = model.find(candidate);
      if (id != kNoRank) break;
    }
    if (id == kNoRank) {
      // The whole word becomes the unknown token; what matched so far is dropped.
      trace.pieces.clear();
      trace.replayed.clear();
      break;
    }
    trace.pieces.push_back({id, boundaries[start], boundaries[end], 0});
    trace.replayed.push_back(id);
    start = end;
  }
  return trace;
}

// Unigram: Viterbi's path, then for every segment the other pieces that
// start where it does, each with the best total a path through it reaches
// (best score to its start + its score + best score from its end, in double).
TokenTrace trace_unigram(const UnigramModel& model, std::span<const TokenId> ids) {
  TokenTrace trace;
  trace.kind = TraceKind::kUnigram;
  trace.piece = joined_text(model, ids, model.options().byte_fallback, model.options().unk_id);
  check_traced_length(trace.piece.size());
  const std::string_view text = trace.piece;
  const UnigramSegmentation best = model.best_segmentation(text);
  trace.total_score = best.total_score;
  for (const UnigramSegment& segment : best.segments) {
    trace.pieces.push_back({segment.id, segment.begin, segment.end, segment.score});
    if (segment.unknown && model.options().byte_fallback) {
      for (std::uint32_t at = segment.begin; at < segment.end; ++at) {
        trace.replayed.push_back(model.find(byte_token_text(static_cast<unsigned char>(text[at]))));
      }
    } else if (!(segment.unknown && !trace.replayed.empty() && trace.replayed.back() == model.options().unk_id)) {
      trace.replayed.push_back(segment.id);
    }
  }

  // The pieces that can match text[begin, end), as Viterbi's candidates.
  std::vector<std::uint32_t> boundaries;
  for (std::uint32_t pos = 0; pos < text.size(); pos += std::max<std::uint32_t>(1, utf8::decode(text, pos).length)) {
    boundaries.push_back(pos);
  }
  boundaries.push_back(static_cast<std::uint32_t>(text.size()));
  auto candidate = [&](std::size_t from, std::size_t to) -> TokenId {
    if (boundaries[to] - boundaries[from] > kLongestAlternative) return kNoRank;
    const TokenId id = model.find(text.substr(boundaries[from], boundaries[to] - boundaries[from]));
    if (id == kNoRank) return kNoRank;
    const PieceType type = model.type(id);
    return type == PieceType::kNormal || type == PieceType::kUserDefined ? id : kNoRank;
  };
  const std::size_t count = boundaries.size();
  constexpr double kUnreached = -std::numeric_limits<double>::infinity();
  std::vector<double> forward(count, kUnreached);
  std::vector<double> backward(count, kUnreached);
  forward[0] = 0;
  backward[count - 1] = 0;
  auto edge_score = [&](std::size_t from, std::size_t to, TokenId id) {
    if (id != kNoRank) return model.score(id);
    return to == from + 1 ? model.unknown_score() : kUnreached;  // an unknown edge covers one character
  };
  for (std::size_t from = 0; from + 1 < count; ++from) {
    for (std::size_t to = from + 1; to < count; ++to) {
      const double score = edge_score(from, to, candidate(from, to));
      if (score != kUnreached) forward[to] = std::max(forward[to], forward[from] + score);
    }
  }
  for (std::size_t from = count - 1; from-- > 0;) {
    for (std::size_t to = from + 1; to < count; ++to) {
      const double score = edge_score(from, to, candidate(from, to));
      if (score != kUnreached) backward[from] = std::max(backward[from], score + backward[to]);
    }
  }
  for (std::uint32_t segment = 0; segment < trace.pieces.size(); ++segment) {
    const TracedPiece& chosen = trace.pieces[segment];
    const auto from = static_cast<std::size_t>(std::lower_bound(boundaries.begin(), boundaries.end(), chosen.begin) - boundaries.begin());
    for (std::size_t to = from + 1; to < count; ++to) {
      const TokenId id = candidate(from, to);
      if (id == kNoRank || (id == chosen.id && boundaries[to] == chosen.end)) continue;
      trace.alternatives.push_back({segment, id, boundaries[to], model.score(id), forward[from] + model.score(id) + backward[to]});
    }
  }
  return trace;
}

}  // namespace

TokenTrace trace_tokens(const Tokenizer& tokenizer, std::span<const TokenId> ids) {
  check_ids(tokenizer, ids);
  TokenTrace trace;
  if (const auto* tiktoken = dynamic_cast<const ByteLevelBpeTokenizer*>(&tokenizer)) {
    trace = trace_rank_bpe(*tiktoken, ids);
  } else if (const auto* hugging_face = dynamic_cast<const HfTokenizer*>(&tokenizer)) {
    const TokenModel& model = hugging_face->model();
    if (const auto* bpe = dynamic_cast<const BpeModel*>(&model)) trace = trace_merge_bpe(*bpe, ids);
    else if (const auto* word_piece = dynamic_cast<const WordPieceModel*>(&model)) trace = trace_word_piece(*word_piece, ids);
    else if (const auto* unigram = dynamic_cast<const UnigramModel*>(&model)) trace = trace_unigram(*unigram, ids);
    else throw UsageError("this tokenizer's model has no story to tell");
  } else {
    throw UsageError("this tokenizer's model has no story to tell");
  }
  trace.matches = std::equal(trace.replayed.begin(), trace.replayed.end(), ids.begin(), ids.end());
  return trace;
}

}  // namespace tokenlab
