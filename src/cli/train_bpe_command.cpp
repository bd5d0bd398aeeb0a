// tokenlab train-bpe: learn a byte-level BPE vocabulary from text files and
// write it as tokenizer.json (or a tiktoken rank file when the output name ends
// in .tiktoken).
//
//   tokenlab train-bpe --vocab-size 8000 --pretokenizer cl100k --output my.json corpus/*.txt
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
#include "tokenizer/train/bpe_trainer.h"
#include "tokenizer/errors.h"
#include "tokenizer/train/tokenizer_json_writer.h"

namespace tokenlab::cli {

namespace {

int run_train_bpe(const std::vector<std::string>& raw_args, Io io) {
  ArgSpec spec;
  spec.value_options = {"vocab-size", "pretokenizer", "min-frequency", "special", "output"};
  const ParsedArgs args = parse_args(raw_args, spec);

  BpeTrainerOptions options;
  options.vocab_size = static_cast<std::size_t>(args.get_count("vocab-size", std::nullopt));
  const auto pattern_name = args.get("pretokenizer");
  if (!pattern_name) throw UsageError("--pretokenizer is required (gpt2, cl100k, o200k, whitespace or none)");
  options.pretokenizer = split_pattern_from_name(*pattern_name);
  options.min_frequency = args.get_count("min-frequency", options.min_frequency);
  if (const auto found = args.options.find("special"); found != args.options.end()) {
    options.special_tokens = found->second;
  }
  const auto output = args.get("output");
  if (!output) throw UsageError("--output is required (a .json or .tiktoken file name)");
  const bool tiktoken = output->ends_with(".tiktoken");

  BpeTrainer trainer(options);
  // Opened first, so a bad path fails before the training time is spent.
  std::ofstream out(*output, std::ios::binary);
  if (!out) throw UsageError("cannot write " + *output);
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

  const auto merge_start = std::chrono::steady_clock::now();
  const BpeResult result = trainer.train();
  const double merge_seconds = seconds_since(merge_start);

  const std::string written = tiktoken ? write_tiktoken_ranks(result) : write_tokenizer_json(result);
  out.write(written.data(), static_cast<std::streamsize>(written.size()));
  out.close();
  if (!out) throw UsageError("cannot write " + *output);

  std::ostringstream summary;
  summary << std::fixed << std::setprecision(2);
  summary << "read " << bytes_read << " bytes in " << read_seconds << " s: " << result.total_pieces << " pieces, "
          << result.distinct_pieces << " distinct\n";
  summary << "merged " << result.merges.size() << " pairs in " << merge_seconds << " s: vocabulary of "
          << result.vocab_size() << " tokens (" << stop_reason_text(result.stop_reason) << ")\n";
  if (result.stopped_early()) {
    summary << "stopped early: asked for " << options.vocab_size << " tokens\n";
  }
  if (tiktoken && !result.special_tokens.empty()) {
    summary << "special tokens (not part of a .tiktoken file):";
    for (std::size_t i = 0; i < result.special_tokens.size(); ++i) {
      summary << " " << result.special_tokens[i] << "=" << result.tokens.size() + i;
    }
    summary << "\n";
  }
  summary << "wrote " << *output << "\n";
  io.err << summary.str();
  return kExitOk;
}

const Registration kTrainBpe{
    {"train-bpe",
     "train-bpe --vocab-size N --pretokenizer NAME [--min-frequency K] [--special TOKEN]... --output OUT [FILE...]",
     "learn a byte-level BPE vocabulary from FILEs (or stdin); OUT is tokenizer.json, or tiktoken ranks if it ends in .tiktoken",
     &run_train_bpe}};

}  // namespace

}  // namespace tokenlab::cli
