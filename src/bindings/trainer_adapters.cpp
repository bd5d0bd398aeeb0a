#include "bindings/trainer_adapters.h"

#include <emscripten/bind.h>

#include <vector>

#include "bindings/adapters.h"
#include "bindings/js_arrays.h"
#include "tokenizer/train/merge_prefix_counts.h"
#include "tokenizer/pretokenize/pretokenizer.h"
#include "tokenizer/train/tokenizer_json_writer.h"

namespace tokenlab::bindings {

using emscripten::val;

TrainerHandle TrainerHandle::create(std::size_t vocab_size, const std::string& pretokenizer, double min_frequency,
                                    const val& special_tokens) {
  return rethrow_as_js_error([&] {
    BpeTrainerOptions options;
    options.vocab_size = vocab_size;
    options.pretokenizer = split_pattern_from_name(pretokenizer);
    options.min_frequency = min_frequency > 0 ? static_cast<std::uint64_t>(min_frequency) : 0;
    options.special_tokens = emscripten::vecFromJSArray<std::string>(special_tokens);
    return TrainerHandle(BpeTrainer(std::move(options)));
  });
}

void TrainerHandle::add_text(const std::string& chunk) {
  rethrow_as_js_error([&] { trainer_.add_text(chunk); });
}

void TrainerHandle::finish_text() {
  rethrow_as_js_error([&] { trainer_.finish_text(); });
}

std::size_t TrainerHandle::step(std::size_t max_merges) {
  return rethrow_as_js_error([&] { return trainer_.step(max_merges); });
}

std::string TrainerHandle::stop_reason() const {
  switch (trainer_.stop_reason()) {
    case StopReason::kNotStopped: return "running";
    case StopReason::kVocabularyFull: return "vocabulary-full";
    case StopReason::kBelowMinFrequency: return "below-min-frequency";
    case StopReason::kNoPairsLeft: return "no-pairs-left";
  }
  return "running";
}

std::string TrainerHandle::stop_reason_text() const {
  return std::string(tokenlab::stop_reason_text(trainer_.stop_reason()));
}

std::size_t TrainerHandle::merges_target() const {
  const BpeTrainerOptions& options = trainer_.options();
  return options.vocab_size - kByteTokenCount - options.special_tokens.size();
}

val TrainerHandle::merges(std::size_t first) const {
  const std::vector<BpeMerge>& all = trainer_.merges();
  std::vector<std::uint32_t> left, right, ids;
  std::vector<double> counts;
  for (std::size_t i = first; i < all.size(); ++i) {
    left.push_back(all[i].left);
    right.push_back(all[i].right);
    ids.push_back(all[i].id);
    counts.push_back(static_cast<double>(all[i].count));
  }
  val result = val::object();
  result.set("left", copy_array_to_js("Uint32Array", left));
  result.set("right", copy_array_to_js("Uint32Array", right));
  result.set("ids", copy_array_to_js("Uint32Array", ids));
  result.set("counts", copy_array_to_js("Float64Array", counts));
  return result;
}

val TrainerHandle::token_bytes(std::size_t first) const {
  const std::size_t end = kByteTokenCount + trainer_.merges().size();
  std::string bytes;
  std::vector<std::uint32_t> offsets;
  for (std::size_t id = first; id < end; ++id) {
    offsets.push_back(static_cast<std::uint32_t>(bytes.size()));
    bytes.append(trainer_.token_bytes(static_cast<TokenId>(id)));
  }
  offsets.push_back(static_cast<std::uint32_t>(bytes.size()));
  val result = val::object();
  result.set("bytes", copy_bytes_to_js(bytes));
  result.set("offsets", copy_array_to_js("Uint32Array", offsets));
  return result;
}

val TrainerHandle::top_pairs(std::size_t k) {
  return rethrow_as_js_error([&] {
    std::vector<std::uint32_t> left, right;
    std::vector<double> counts;
    for (const PairCount& pair : trainer_.top_pairs(k)) {
      left.push_back(pair.left);
      right.push_back(pair.right);
      counts.push_back(static_cast<double>(pair.count));
    }
    val result = val::object();
    result.set("left", copy_array_to_js("Uint32Array", left));
    result.set("right", copy_array_to_js("Uint32Array", right));
    result.set("counts", copy_array_to_js("Float64Array", counts));
    return result;
  });
}

val TrainerHandle::segmentation(std::size_t max_pieces) {
  return rethrow_as_js_error([&] {
    std::string pieces;
    std::vector<std::uint32_t> piece_offsets{0}, tokens, token_offsets{0};
    std::vector<double> frequencies;
    for (const PieceSegmentation& piece : trainer_.segmentation(max_pieces)) {
      pieces.append(piece.piece);
      piece_offsets.push_back(static_cast<std::uint32_t>(pieces.size()));
      frequencies.push_back(static_cast<double>(piece.frequency));
      tokens.insert(tokens.end(), piece.tokens.begin(), piece.tokens.end());
      token_offsets.push_back(static_cast<std::uint32_t>(tokens.size()));
    }
    val result = val::object();
    result.set("pieces", copy_bytes_to_js(pieces));
    result.set("pieceOffsets", copy_array_to_js("Uint32Array", piece_offsets));
    result.set("frequencies", copy_array_to_js("Float64Array", frequencies));
    result.set("tokens", copy_array_to_js("Uint32Array", tokens));
    result.set("tokenOffsets", copy_array_to_js("Uint32Array", token_offsets));
    return result;
  });
}

val TrainerHandle::corpus_stats() const {
  const BpeResult result = trainer_.result();
  val stats = val::object();
  stats.set("totalPieces", static_cast<double>(result.total_pieces));
  stats.set("distinctPieces", static_cast<double>(result.distinct_pieces));
  return stats;
}

val TrainerHandle::tokenizer_json() const {
  return rethrow_as_js_error([&] { return copy_bytes_to_js(write_tokenizer_json(trainer_.result())); });
}

val TrainerHandle::tiktoken_ranks() const {
  return rethrow_as_js_error([&] { return copy_bytes_to_js(write_tiktoken_ranks(trainer_.result())); });
}

val TrainerHandle::prefix_token_counts(const std::string& text) const {
  return rethrow_as_js_error([&] {
    const std::vector<std::uint64_t> counts =
        token_counts_by_merge_prefix(trainer_.merges(), trainer_.options().pretokenizer, text);
    const std::vector<double> as_numbers(counts.begin(), counts.end());
    return copy_array_to_js("Float64Array", as_numbers);
  });
}

}  // namespace tokenlab::bindings
