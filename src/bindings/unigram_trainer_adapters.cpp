#include "bindings/unigram_trainer_adapters.h"

#include <cstdint>
#include <vector>

#include "bindings/adapters.h"
#include "bindings/js_arrays.h"
#include "tokenizer/errors.h"
#include "tokenizer/train/unigram_tokenizer_json_writer.h"

namespace tokenlab::bindings {

namespace {

using emscripten::val;

// options[name] when it is given (not undefined or null).
template <class T>
void read_option(const val& options, const char* name, T& field) {
  const val value = options[name];
  if (!value.isUndefined() && !value.isNull()) field = value.as<T>();
}

}  // namespace

UnigramTrainerHandle UnigramTrainerHandle::create(const val& options) {
  return rethrow_as_js_error([&] {
    UnigramTrainerOptions parsed;
    double vocab_size = 0;
    read_option(options, "vocabSize", vocab_size);
    if (!(vocab_size >= 1 && vocab_size <= static_cast<double>(kMaxUnigramVocabSize))) {
      throw UsageError("vocabSize must be a whole number from 1 to " + std::to_string(kMaxUnigramVocabSize));
    }
    parsed.vocab_size = static_cast<std::size_t>(vocab_size);
    read_option(options, "byteFallback", parsed.byte_fallback);
    read_option(options, "sentenceMarkers", parsed.sentence_markers);
    read_option(options, "characterCoverage", parsed.character_coverage);
    double count = 0;
    const auto read_count = [&](const char* name, std::size_t& field) {
      count = static_cast<double>(field);
      read_option(options, name, count);
      if (!(count >= 0 && count <= 1e9)) throw UsageError(std::string(name) + " must be a whole number");
      field = static_cast<std::size_t>(count);
    };
    read_count("seedSize", parsed.seed_size);
    read_count("maxPieceChars", parsed.max_piece_chars);
    read_count("emSubIterations", parsed.em_sub_iterations);
    read_option(options, "shrinkingFactor", parsed.shrinking_factor);
    return UnigramTrainerHandle(UnigramTrainer(parsed));
  });
}

void UnigramTrainerHandle::add_text(const std::string& chunk) {
  rethrow_as_js_error([&] { trainer_.add_text(chunk); });
}

void UnigramTrainerHandle::finish_text() {
  rethrow_as_js_error([&] { trainer_.finish_text(); });
}

void UnigramTrainerHandle::train(const val& progress) {
  rethrow_as_js_error([&] {
    const bool report = progress.typeOf().as<std::string>() == "function";
    result_ = trainer_.train([&](const UnigramProgress& step) {
      if (!report) return;
      val event = val::object();
      event.set("phase", std::string(unigram_phase_name(step.phase)));
      event.set("round", step.round);
      event.set("subIteration", step.sub_iteration);
      event.set("pieces", step.pieces);
      event.set("target", step.target);
      event.set("objective", step.objective);
      progress(event);
    });
  });
}

const UnigramResult& UnigramTrainerHandle::result() const {
  if (!result_) throw UsageError("the Unigram vocabulary is not trained yet");
  return *result_;
}

val UnigramTrainerHandle::pieces() const {
  return rethrow_as_js_error([&] {
    const UnigramResult& trained = result();
    std::string bytes;
    std::vector<std::uint32_t> offsets{0};
    std::vector<double> scores;
    std::vector<std::uint8_t> kinds;
    for (const UnigramPiece& piece : trained.pieces) {
      bytes += piece.text;
      offsets.push_back(static_cast<std::uint32_t>(bytes.size()));
      scores.push_back(piece.score);
      kinds.push_back(static_cast<std::uint8_t>(piece.type));
    }
    val out = val::object();
    out.set("bytes", copy_bytes_to_js(bytes));
    out.set("offsets", copy_array_to_js("Uint32Array", offsets));
    out.set("scores", copy_array_to_js("Float64Array", scores));
    out.set("kinds", copy_array_to_js("Uint8Array", kinds));
    return out;
  });
}

val UnigramTrainerHandle::summary() const {
  return rethrow_as_js_error([&] {
    const UnigramResult& trained = result();
    val out = val::object();
    out.set("stopReason", std::string(trained.stopped_early() ? "too-few-pieces" : "vocabulary-full"));
    out.set("stopReasonText", std::string(unigram_stop_reason_text(trained.stop_reason)));
    out.set("vocabSize", trained.vocab_size());
    out.set("totalWords", static_cast<double>(trained.total_words));
    out.set("distinctWords", static_cast<double>(trained.distinct_words));
    out.set("characters", trained.characters);
    out.set("rareCharacters", trained.rare_characters);
    out.set("seedPieces", trained.seed_pieces);
    out.set("rounds", trained.rounds);
    out.set("objective", trained.objective);
    return out;
  });
}

val UnigramTrainerHandle::tokenizer_json() const {
  return rethrow_as_js_error([&] { return copy_bytes_to_js(write_unigram_tokenizer_json(result())); });
}

}  // namespace tokenlab::bindings
