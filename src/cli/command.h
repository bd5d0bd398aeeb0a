// Subcommands of the `tokenlab` command-line tool register themselves here, so
// each lives in its own file (encode_command.cpp, train_bpe_command.cpp, ...).
//
//   static const tokenlab::cli::Registration kRegistration{
//       {"count", "count --tokenizer NAME [FILE]", "print the number of tokens", &run_count}};
//
// A command returns the process exit code: 0 success, 2 bad usage or bad input.
#pragma once

#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

namespace tokenlab::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitBadInput = 2;

struct Io {
  std::istream& in;
  std::ostream& out;
  std::ostream& err;
};

using CommandFunction = int (*)(const std::vector<std::string>& args, Io io);

struct Command {
  std::string_view name;
  std::string_view usage;
  std::string_view summary;
  CommandFunction run;
};

// Commands in name order.
const std::vector<Command>& commands();

struct Registration {
  explicit Registration(Command command);
};

}  // namespace tokenlab::cli
