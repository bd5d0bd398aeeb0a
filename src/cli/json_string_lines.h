// Reads JSON Lines whose every line is one JSON string, a line at a time, into
// one reused buffer:
//
//   "Hello world"\n"caf\u00e9"\n   -> next() gives "Hello world", then "café", then false
//
// Each line is decoded by nlohmann::json, so the text is always well-formed
// UTF-8: escapes are decoded, surrogate pairs joined, and a lone surrogate
// ("\ud800", "\udc00") or a raw ill-formed UTF-8 byte is an error, which is
// what nlohmann::json does with them (RFC 8259 leaves their meaning open).
// Passing a lone surrogate on as WTF-8 bytes or U+FFFD would quietly encode
// something other than the input; arbitrary bytes go through the plain, non-JSON
// mode instead. A final line needs no newline; a "\r" before the newline is JSON
// whitespace. An empty line is an error: JSON Lines has no blank lines, and
// skipping one would shift every later output line against its input.
#pragma once

#include <cstddef>
#include <iosfwd>
#include <string>
#include <string_view>

namespace tokenlab::cli {

class JsonStringLines {
 public:
  explicit JsonStringLines(std::istream& in) : in_(in) {}

  // The next line's string, valid until the next call; false at end of input.
  // Throws UsageError "line N: ..." (1-based) for an empty line, a line that is
  // not JSON, or JSON that is not a string; and for a failed read.
  bool next(std::string_view& text);

 private:
  std::istream& in_;
  std::string line_;
  std::string text_;
  std::size_t line_number_ = 0;
};

}  // namespace tokenlab::cli
