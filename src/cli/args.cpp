#include "cli/args.h"

#include <charconv>
#include <fstream>
#include <iterator>
#include <sstream>

#include "tokenizer/errors.h"

namespace tokenlab::cli {

std::optional<std::string> ParsedArgs::get(const std::string& name) const {
  const auto found = options.find(name);
  if (found == options.end() || found->second.empty()) return std::nullopt;
  return found->second.back();
}

std::string ParsedArgs::get_or(const std::string& name, const std::string& fallback) const {
  return get(name).value_or(fallback);
}

double ParsedArgs::get_number(const std::string& name, double fallback) const {
  const auto text = get(name);
  if (!text) return fallback;
  double value = 0;
  const auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (error != std::errc{} || end != text->data() + text->size()) {
    throw UsageError("--" + name + " expects a number, got \"" + *text + "\"");
  }
  return value;
}

std::uint64_t ParsedArgs::get_count(const std::string& name, std::optional<std::uint64_t> fallback) const {
  const auto text = get(name);
  if (!text) {
    if (fallback) return *fallback;
    throw UsageError("--" + name + " is required");
  }
  std::uint64_t value = 0;
  const auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (error != std::errc{} || end != text->data() + text->size()) {
    throw UsageError("--" + name + " expects a non-negative integer, got \"" + *text + "\"");
  }
  return value;
}

ParsedArgs parse_args(const std::vector<std::string>& args, const ArgSpec& spec) {
  ParsedArgs parsed;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg.size() < 2 || arg[0] != '-' || arg == "-") {
      parsed.positionals.push_back(arg);
      continue;
    }
    if (arg == "--") {
      parsed.positionals.insert(parsed.positionals.end(), args.begin() + static_cast<long>(i) + 1, args.end());
      break;
    }
    std::string name = arg.substr(arg[1] == '-' ? 2 : 1);
    std::optional<std::string> inline_value;
    if (const auto equals = name.find('='); equals != std::string::npos) {
      inline_value = name.substr(equals + 1);
      name.resize(equals);
    }
    if (spec.switch_options.count(name) && !inline_value) {
      parsed.switches.insert(name);
    } else if (spec.value_options.count(name)) {
      if (!inline_value && i + 1 >= args.size()) throw UsageError("option --" + name + " needs a value");
      parsed.options[name].push_back(inline_value ? *inline_value : args[++i]);
    } else {
      throw UsageError("unknown option " + arg);
    }
  }
  return parsed;
}

std::string read_input(const std::string& path, std::istream& stdin_stream) {
  if (path.empty() || path == "-") {
    std::ostringstream buffer;
    buffer << stdin_stream.rdbuf();
    return std::move(buffer).str();
  }
  std::ifstream file(path, std::ios::binary);
  if (!file) throw UsageError("cannot open " + path);
  return std::string(std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>());
}

std::istream& open_input(const std::string& path, std::istream& stdin_stream, std::ifstream& file) {
  if (path.empty() || path == "-") return stdin_stream;
  file.open(path, std::ios::binary);
  if (!file) throw UsageError("cannot open " + path);
  return file;
}

}  // namespace tokenlab::cli
