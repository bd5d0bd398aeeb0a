// tokenlab encode | decode | count: ids on one line, exact bytes back, or a count;
// encode and count --jsonl do the same for each line of a JSON Lines file.
#include <charconv>
#include <fstream>
#include <ostream>

#include "cli/args.h"
#include "cli/command.h"
#include "cli/encode_json_lines.h"
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
  spec.switch_options.insert("jsonl");
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

// Streamed a line at a time, so input of any size needs memory for one line.
int run_json_lines(const ParsedArgs& args, JsonLinesOutput output, Io io) {
  auto tokenizer = load_tokenizer(args);
  std::ifstream file;
  std::istream& in = open_input(input_path(args), io.in, file);
  encode_json_lines(*tokenizer, encode_options(args), output, in, io.out);
  return kExitOk;
}

int run_encode(const std::vector<std::string>& raw_args, Io io) {
  const ParsedArgs args = parse_args(raw_args, encode_spec());
  if (args.has("jsonl")) return run_json_lines(args, JsonLinesOutput::kIds, io);
  auto tokenizer = load_tokenizer(args);
  const std::string text = single_input(args, io.in);
  const Encoding encoding = tokenizer->encode(text, encode_options(args));
  std::string line;
  line.reserve(encoding.size() * 6 + 1);
  char number[16];
  for (std::size_t i = 0; i < encoding.size(); ++i) {
    if (i > 0) line.push_back(' ');
    const auto result = std::to_chars(number, number + sizeof number, encoding.ids[i]);
    line.append(number, result.ptr);
  }
  line.push_back('\n');
  io.out << line;
  return kExitOk;
}

int run_count(const std::vector<std::string>& raw_args, Io io) {
  const ParsedArgs args = parse_args(raw_args, encode_spec());
  if (args.has("jsonl")) return run_json_lines(args, JsonLinesOutput::kCount, io);
  auto tokenizer = load_tokenizer(args);
  const std::string text = single_input(args, io.in);
  io.out << tokenizer->encode(text, encode_options(args)).size() << "\n";
  return kExitOk;
}

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
    {"encode", "encode --tokenizer NAME | --tokenizer-file FILE [--allow-special] [--no-add-special-tokens] [--jsonl] [FILE]",
     "print the token ids of FILE (or stdin) on one line.\n"
     "      --jsonl: FILE is JSON Lines, one JSON string per line (\"Hello world\"); each gets its ids as a\n"
     "      JSON array on its own line ([9906,1917]). An empty line, a line that is not JSON or JSON that is\n"
     "      not a string stops with an error naming the line (exit code 2), after the lines before it are\n"
     "      written. Strings must be well-formed Unicode: a lone surrogate (\"\\ud800\") is such an error",
     &run_encode}};
const Registration kDecode{{"decode", "decode --tokenizer NAME | --tokenizer-file FILE [FILE]",
                            "read token ids and write the exact bytes they stand for", &run_decode}};
const Registration kCount{
    {"count", "count --tokenizer NAME | --tokenizer-file FILE [--allow-special] [--no-add-special-tokens] [--jsonl] [FILE]",
     "print the number of tokens; --jsonl: one number per line of JSON Lines, as encode --jsonl", &run_count}};

}  // namespace

}  // namespace tokenlab::cli
