// tokenlab: tokenize, train vocabularies and embeddings from the command line.
#include <iostream>
#include <string>
#include <vector>

#include "cli/command.h"
#include "tokenizer/errors.h"

namespace {

void print_usage(std::ostream& out) {
  out << "usage: tokenlab COMMAND [OPTIONS]\n\ncommands:\n";
  for (const auto& command : tokenlab::cli::commands()) {
    out << "  " << command.usage << "\n      " << command.summary << "\n";
  }
}

}  // namespace

int main(int argc, char** argv) {
  using namespace tokenlab::cli;
  std::ios::sync_with_stdio(false);
  if (argc < 2 || std::string(argv[1]) == "--help" || std::string(argv[1]) == "-h") {
    print_usage(argc < 2 ? std::cerr : std::cout);
    return argc < 2 ? kExitBadInput : kExitOk;
  }
  const std::string name = argv[1];
  const std::vector<std::string> args(argv + 2, argv + argc);
  for (const auto& command : commands()) {
    if (command.name != name) continue;
    try {
      return command.run(args, Io{std::cin, std::cout, std::cerr});
    } catch (const tokenlab::Error& error) {
      std::cerr << "tokenlab " << name << ": " << error.what() << "\n";
      return kExitBadInput;
    } catch (const std::bad_alloc&) {
      std::cerr << "tokenlab " << name << ": out of memory\n";
      return kExitBadInput;
    }
  }
  std::cerr << "tokenlab: unknown command \"" << name << "\"\n";
  print_usage(std::cerr);
  return kExitBadInput;
}
