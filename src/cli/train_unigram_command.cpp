// tokenlab train-unigram: learn a SentencePiece Unigram vocabulary from text
// files and write it as tokenizer.json (to stdout without --output). Progress
// goes to stderr.
//
//   tokenlab train-unigram --vocab-size 8000 --byte-fallback --output my.json corpus/*.txt
#include <charconv>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iomanip>
#include <istream>
#include <optional>
#include <ostream>
#include <sstream>

#include "cli/args.h"
#include "cli/train_input.h"
#include "cli/command.h"
#include "tokenizer/errors.h"
#include "tokenizer/train/unigram_tokenizer_json_writer.h"
#include "tokenizer/train/unigram_trainer.h"

namespace tokenlab::cli {

namespace {

int run_train_unigram(const std::vector<std::string>& raw_args, Io io) {
  ArgSpec spec;
  spec.value_options = {"vocab-size", "character-coverage", "seed-size", "output"};
  spec.switch_options = {"byte-fallback", "no-sentence-markers"};
  const ParsedArgs args = parse_args(raw_args, spec);

  UnigramTrainerOptions options;
  options.vocab_size = static_cast<std::size_t>(args.get_count("vocab-size", std::nullopt));
  options.byte_fallback = args.has("byte-fallback");
  options.sentence_markers = !args.has("no-sentence-markers");
  options.character_coverage = args.get_number("character-coverage", options.character_coverage);
  options.seed_size = static_cast<std::size_t>(args.get_count("seed-size", options.seed_size));
  const auto output = args.get("output");

  UnigramTrainer trainer(options);
  // Opened first, so a bad path fails before the training time is spent.
  std::ofstream file_out;
  if (output) {
    file_out.open(*output, std::ios::binary);
    if (!file_out) throw UsageError("cannot write " + *output);
  }
  const auto start = std::chrono::steady_clock::now();
  std::uint64_t bytes_read = 0;
  std::vector<std::string> inputs = args.positionals;
  if (inputs.empty()) inputs.push_back("-");
  for (const std::string& path : inputs) {
    if (path == "-") {
      bytes_read += stream_into(io.in, trainer);
      continue;
    }
    std::ifstream file(path, std::ios::binary);
    if (!file) throw UsageError("cannot open " + path);
    bytes_read += stream_into(file, trainer);
    if (file.bad()) throw UsageError("error while reading " + path);
  }
  const double read_seconds = seconds_since(start);

  const auto train_start = std::chrono::steady_clock::now();
  const UnigramResult result = trainer.train([&](const UnigramProgress& progress) {
    std::ostringstream line;
    line << std::fixed << std::setprecision(2) << seconds_since(train_start) << " s  ";
    switch (progress.phase) {
      case UnigramPhase::kSeeding: line << "finding seed pieces"; break;
      case UnigramPhase::kEm:
        line << "round " << progress.round << " EM " << progress.sub_iteration << ": " << progress.pieces
             << " pieces, objective " << std::setprecision(4) << progress.objective;
        break;
      case UnigramPhase::kPruning:
        line << "round " << progress.round << " pruned to " << progress.pieces << " pieces";
        break;
      case UnigramPhase::kFinishing:
        line << "choosing " << progress.target << " of " << progress.pieces << " pieces";
        break;
    }
    io.err << line.str() << "\n" << std::flush;
  });
  const double train_seconds = seconds_since(train_start);

  const std::string written = write_unigram_tokenizer_json(result);
  if (output) {
    file_out.write(written.data(), static_cast<std::streamsize>(written.size()));
    file_out.close();
    if (!file_out) throw UsageError("cannot write " + *output);
  } else {
    io.out << written << std::flush;
  }

  std::ostringstream summary;
  summary << std::fixed << std::setprecision(2);
  summary << "read " << bytes_read << " bytes in " << read_seconds << " s: " << result.total_words << " words, "
          << result.distinct_words << " distinct, " << result.characters << " characters kept, "
          << result.rare_characters << " left out\n";
  summary << "trained from " << result.seed_pieces << " seed pieces in " << result.rounds << " rounds, "
          << train_seconds << " s: vocabulary of " << result.vocab_size() << " pieces ("
          << unigram_stop_reason_text(result.stop_reason) << ")\n";
  if (result.stopped_early()) summary << "stopped early: asked for " << options.vocab_size << " pieces\n";
  if (output) summary << "wrote " << *output << "\n";
  io.err << summary.str();
  return kExitOk;
}

const Registration kTrainUnigram{
    {"train-unigram",
     "train-unigram --vocab-size N [--byte-fallback] [--character-coverage X] [--no-sentence-markers] "
     "[--seed-size N] [--output OUT] [FILE...]",
     "learn a SentencePiece Unigram vocabulary from FILEs (or stdin); writes tokenizer.json to OUT (or stdout)",
     &run_train_unigram}};

}  // namespace

}  // namespace tokenlab::cli
