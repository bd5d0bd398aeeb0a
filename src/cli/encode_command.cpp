// tokenlab encode | decode | count: ids on one line, exact bytes back, or a count;
// encode and count --jsonl do the same for each line of a JSON Lines file.
// encode and count read their input in chunks on --threads N threads
// (encode_chunks.h) and print their timing with --timing.
#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <ostream>

#include "cli/args.h"
#include "cli/command.h"
#include "cli/encode_chunks.h"
#include "cli/encode_json_lines.h"
#include "cli/encoder_set.h"
#include "cli/load_tokenizer.h"
#include "tokenizer/errors.h"

namespace tokenlab::cli {

namespace {

ArgSpec tokenizer_spec() {
  ArgSpec spec;
  add_tokenizer_options(spec);
  spec.switch_options.insert({"allow-special", "no-add-special-tokens"});
  return spec;
}

ArgSpec encode_spec() {
  ArgSpec spec = tokenizer_spec();
  spec.switch_options.insert({"jsonl", "timing"});
  spec.value_options.insert({"threads", "repeat", "chunk-bytes"});
  return spec;
}

// --allow-special: text spelling a special token becomes that token.
// --no-add-special-tokens: no BOS / [CLS] ... [SEP] around the text (Hugging Face tokenizers).
EncodeOptions encode_options(const ParsedArgs& args) {
  EncodeOptions options;
  options.allow_special = args.has("allow-special");
  options.add_special_tokens = !args.has("no-add-special-tokens");
  return options;
}

std::string input_path(const ParsedArgs& args) {
  if (args.positionals.size() > 1) throw UsageError("expected at most one FILE");
  return args.positionals.empty() ? "" : args.positionals[0];
}

std::string single_input(const ParsedArgs& args, std::istream& in) { return read_input(input_path(args), in); }

double seconds_between(std::chrono::steady_clock::time_point from, std::chrono::steady_clock::time_point to) {
  return std::chrono::duration<double>(to - from).count();
}

// The smallest nonzero step of the steady clock seen in a few hundred readings,
// so a reader of --timing can refuse a time shorter than the clock can tell.
double clock_resolution() {
  double smallest = 1;
  for (int sample = 0; sample < 200; ++sample) {
    const auto first = std::chrono::steady_clock::now();
    auto next = std::chrono::steady_clock::now();
    while (next == first) next = std::chrono::steady_clock::now();
    smallest = std::min(smallest, seconds_between(first, next));
  }
  return smallest;
}

// --timing prints one line to stderr, in seconds measured inside the process
// on the steady clock: "load" from the start of the command to the encoders
// loaded, "encode" reading, encoding and writing the whole input. With
// --repeat N the input is encoded N times in the process: "encode" is the
// first (cold) pass, "warm" the best of the others, whose output is dropped.
//
// "resolution" is clock_resolution()'s.
//
//   timing: load 0.0251 s, encode 0.1032 s, bytes 4000000, tokens 1115050, threads 1, resolution 2.0e-08 s
//   timing: load 0.0251 s, encode 0.1032 s, warm 0.0950 s, bytes 4000000, tokens 1115050, threads 2, resolution 2.0e-08 s
int run_encoding(const std::vector<std::string>& raw_args, bool count, Io io) {
  const auto started = std::chrono::steady_clock::now();
  const ParsedArgs args = parse_args(raw_args, encode_spec());
  const EncodeOptions options = encode_options(args);
  const bool json_lines = args.has("jsonl");
  const std::uint64_t threads = args.get_count("threads", 1);
  if (threads < 1 || threads > 256) throw UsageError("--threads must be from 1 to 256");
  const std::uint64_t repeat = args.get_count("repeat", 1);
  if (repeat < 1) throw UsageError("--repeat must be at least 1");
  const std::uint64_t chunk_bytes = args.get_count("chunk-bytes", kDefaultChunkBytes);
  if (chunk_bytes < 64 || chunk_bytes > (std::uint64_t{1} << 30)) throw UsageError("--chunk-bytes must be from 64 to 2^30");
  const std::string path = input_path(args);
  if (repeat > 1 && (path.empty() || path == "-")) throw UsageError("--repeat needs a FILE (stdin is read once)");
  EncoderSet encoders = load_encoder_set(args, options, threads, json_lines);
  const auto loaded = std::chrono::steady_clock::now();

  EncodeTotals totals;
  double cold_seconds = 0;
  double warm_seconds = 0;
  for (std::uint64_t pass = 0; pass < repeat; ++pass) {
    const auto pass_started = std::chrono::steady_clock::now();
    std::ifstream file;
    std::istream& in = open_input(path, io.in, file);
    const bool write = pass == 0;
    totals = json_lines ? encode_json_lines(encoders, options, count ? JsonLinesOutput::kCount : JsonLinesOutput::kIds,
                                            in, io.out, write)
                        : encode_chunks(encoders, options, count ? TextOutput::kCount : TextOutput::kIds, in, io.out, write,
                                        static_cast<std::size_t>(chunk_bytes));
    if (write) io.out.flush();
    const double seconds = seconds_between(pass_started, std::chrono::steady_clock::now());
    if (pass == 0) cold_seconds = seconds;
    else if (pass == 1 || seconds < warm_seconds) warm_seconds = seconds;
  }
  if (args.has("timing")) {
    char line[256];
    const int length = repeat > 1
        ? std::snprintf(line, sizeof line, "timing: load %.6f s, encode %.6f s, warm %.6f s, bytes %zu, tokens %zu, threads %zu, resolution %.1e s\n",
                        seconds_between(started, loaded), cold_seconds, warm_seconds, totals.bytes, totals.tokens,
                        encoders.tokenizers.size(), clock_resolution())
        : std::snprintf(line, sizeof line, "timing: load %.6f s, encode %.6f s, bytes %zu, tokens %zu, threads %zu, resolution %.1e s\n",
                        seconds_between(started, loaded), cold_seconds, totals.bytes, totals.tokens,
                        encoders.tokenizers.size(), clock_resolution());
    io.err.write(line, length);
    io.err.flush();
  }
  return kExitOk;
}

int run_encode(const std::vector<std::string>& raw_args, Io io) { return run_encoding(raw_args, false, io); }

int run_count(const std::vector<std::string>& raw_args, Io io) { return run_encoding(raw_args, true, io); }

std::vector<TokenId> parse_ids(std::string_view text) {
  std::vector<TokenId> ids;
  std::size_t pos = 0;
  while (true) {
    pos = text.find_first_not_of(" \t\r\n,", pos);
    if (pos == std::string_view::npos) break;
    std::size_t end = text.find_first_of(" \t\r\n,", pos);
    if (end == std::string_view::npos) end = text.size();
    TokenId id = 0;
    const auto [parsed_end, error] = std::from_chars(text.data() + pos, text.data() + end, id);
    if (error != std::errc{} || parsed_end != text.data() + end) {
      throw UsageError("\"" + std::string(text.substr(pos, std::min<std::size_t>(end - pos, 24))) +
                       "\" is not a token id (expected non-negative integers separated by spaces)");
    }
    ids.push_back(id);
    pos = end;
  }
  return ids;
}

int run_decode(const std::vector<std::string>& raw_args, Io io) {
  const ParsedArgs args = parse_args(raw_args, tokenizer_spec());
  auto tokenizer = load_tokenizer(args);
  const std::vector<TokenId> ids = parse_ids(single_input(args, io.in));
  const std::string bytes = tokenizer->decode(ids);
  io.out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  return kExitOk;
}

const Registration kEncode{
    {"encode", "encode --tokenizer NAME | --tokenizer-file FILE [--allow-special] [--no-add-special-tokens] [--jsonl]\n"
     "      [--threads N] [--timing] [--repeat N] [FILE]",
     "print the token ids of FILE (or stdin) on one line.\n"
     "      The tiktoken encodings read FILE in chunks cut where the ids cannot change, so memory stays\n"
     "      small for any size; other tokenizers read it whole.\n"
     "      --threads N: encode chunks (or --jsonl lines) on N threads; the output is the same.\n"
     "      --timing: print \"timing: load S s, encode S s, bytes B, tokens T, threads N, resolution S s\"\n"
     "      to stderr (seconds inside the process). --repeat N: encode FILE N times, the first written; --timing\n"
     "      adds \"warm S s\", the best of the later passes. --chunk-bytes N: chunks of about N bytes\n"
     "      (default 262144).\n"
     "      --jsonl: FILE is JSON Lines, one JSON string per line (\"Hello world\"); each gets its ids as a\n"
     "      JSON array on its own line ([9906,1917]). An empty line, a line that is not JSON or JSON that is\n"
     "      not a string stops with an error naming the line (exit code 2), after the lines before it are\n"
     "      written. Strings must be well-formed Unicode: a lone surrogate (\"\\ud800\") is such an error",
     &run_encode}};
const Registration kDecode{{"decode", "decode --tokenizer NAME | --tokenizer-file FILE [FILE]",
                            "read token ids and write the exact bytes they stand for", &run_decode}};
const Registration kCount{
    {"count", "count --tokenizer NAME | --tokenizer-file FILE [--allow-special] [--no-add-special-tokens] [--jsonl]\n"
     "      [--threads N] [--timing] [--repeat N] [FILE]",
     "print the number of tokens; --jsonl: one number per line of JSON Lines, as encode --jsonl;\n"
     "      --threads, --timing and --repeat as for encode", &run_count}};

}  // namespace

}  // namespace tokenlab::cli
