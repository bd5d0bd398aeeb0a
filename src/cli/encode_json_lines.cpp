#include "cli/encode_json_lines.h"

#include <charconv>
#include <ostream>
#include <string>
#include <string_view>

#include "cli/json_string_lines.h"

namespace tokenlab::cli {

namespace {

// Output is gathered into one buffer and handed to the stream in blocks: for
// millions of short lines, a stream call (let alone a flush) per line would
// cost more than the encoding.
constexpr std::size_t kBlockBytes = 1 << 16;

void append_number(std::string& block, std::size_t value) {
  char digits[24];
  const auto result = std::to_chars(digits, digits + sizeof digits, value);
  block.append(digits, result.ptr);
}

void write(std::ostream& out, std::string& block) {
  out.write(block.data(), static_cast<std::streamsize>(block.size()));
  block.clear();
}

}  // namespace

void encode_json_lines(Tokenizer& tokenizer, const EncodeOptions& options, JsonLinesOutput output,
                       std::istream& in, std::ostream& out) {
  JsonStringLines lines(in);
  Encoding encoding;
  std::string block;
  block.reserve(kBlockBytes * 2);
  std::string_view text;
  try {
    while (lines.next(text)) {
      tokenizer.encode(text, options, encoding);
      if (output == JsonLinesOutput::kCount) {
        append_number(block, encoding.size());
      } else {
        block.push_back('[');
        for (std::size_t i = 0; i < encoding.size(); ++i) {
          if (i > 0) block.push_back(',');
          append_number(block, encoding.ids[i]);
        }
        block.push_back(']');
      }
      block.push_back('\n');
      if (block.size() >= kBlockBytes) write(out, block);
    }
  } catch (...) {
    // The lines before a bad one are complete and correct; let them out.
    write(out, block);
    throw;
  }
  write(out, block);
}

}  // namespace tokenlab::cli
