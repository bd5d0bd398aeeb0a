// Exception types for bad input. Every message carries its context (file kind
// and line, offending token id, tokenizer name) so callers can show it as-is.
#pragma once

#include <stdexcept>
#include <string>

namespace tokenlab {

// Base for every error the engine reports about its input.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A vocabulary or tokenizer file could not be parsed ("tiktoken line 12: ...").
class VocabError : public Error {
 public:
  using Error::Error;
};

// A request the engine cannot serve: unknown tokenizer name, id out of range,
// unsupported pattern or component.
class UsageError : public Error {
 public:
  using Error::Error;
};

// Long work stopped because the caller asked it to.
class Cancelled : public Error {
 public:
  Cancelled() : Error("cancelled") {}
};

}  // namespace tokenlab
