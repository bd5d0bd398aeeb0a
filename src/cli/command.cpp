#include "cli/command.h"

#include <algorithm>

namespace tokenlab::cli {

namespace {

// A function-local static, so registrations from other files' static
// initialisers never run before the vector exists.
std::vector<Command>& registry() {
  static std::vector<Command> commands;
  return commands;
}

}  // namespace

const std::vector<Command>& commands() { return registry(); }

Registration::Registration(Command command) {
  auto& all = registry();
  all.push_back(command);
  std::sort(all.begin(), all.end(), [](const Command& a, const Command& b) { return a.name < b.name; });
}

}  // namespace tokenlab::cli
