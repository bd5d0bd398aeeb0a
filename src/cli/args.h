// A small command-line parser shared by the subcommands: "--name value" options,
// "--flag" switches, repeatable options and positional arguments.
//
//   parse({"--tokenizer", "cl100k_base", "in.txt"}, {{"tokenizer"}}) ->
//       options {"tokenizer": ["cl100k_base"]}, positionals {"in.txt"}
#pragma once

#include <cstdint>
#include <iosfwd>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace tokenlab::cli {

struct ParsedArgs {
  std::map<std::string, std::vector<std::string>> options;
  std::set<std::string> switches;
  std::vector<std::string> positionals;

  // The last value of an option, if given.
  std::optional<std::string> get(const std::string& name) const;
  std::string get_or(const std::string& name, const std::string& fallback) const;
  bool has(const std::string& name) const { return switches.count(name) > 0; }
  double get_number(const std::string& name, double fallback) const;  // throws UsageError
  // A whole number of at least 0; without the option, fallback, or a UsageError
  // ("--vocab-size is required") when there is none.
  std::uint64_t get_count(const std::string& name, std::optional<std::uint64_t> fallback) const;
};

struct ArgSpec {
  std::set<std::string> value_options;  // take a value: --name VALUE or --name=VALUE
  std::set<std::string> switch_options; // no value: --name
};

// Throws tokenlab::UsageError on an unknown option or a missing value.
ParsedArgs parse_args(const std::vector<std::string>& args, const ArgSpec& spec);

// Reads a whole file (or stdin when path is empty or "-") as bytes. Throws UsageError naming the path.
std::string read_input(const std::string& path, std::istream& stdin_stream);

// The same choice as a stream, for input read a line at a time: stdin_stream, or
// file opened on path. Throws UsageError naming the path.
std::istream& open_input(const std::string& path, std::istream& stdin_stream, std::ifstream& file);

}  // namespace tokenlab::cli
