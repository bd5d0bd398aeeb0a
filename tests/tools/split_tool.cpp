// Test helper for tests/parity/pretokenizer-regex.mjs: splits texts with the
// hand-written pre-tokenizers, or dumps the Unicode classes they use.
//
//   split_tool split PATTERN < records   records: [u32 length][bytes] ..., little-endian
//                                        prints per record: [u32 count][u32 begin, u32 end] * count
//   split_tool split-hf PATTERN          the same through a tokenizer.json Split step (the
//                                        splitter, or Oniguruma for text that needs Unicode 16.0)
//   split_tool split-oniguruma PATTERN   the same with Oniguruma running the pattern's expression
//   split_tool classes                   prints "unicode VERSION", then one line per codepoint
//                                        U+0000..U+10FFFF: its general category, and 1 if
//                                        White_Space, else 0 ("Lu 0")
//
// Example: a record "a b" with pattern gpt2 prints count 2, then 0 1, 1 3.
#include <cstdint>
#include <cstdio>
#include <exception>
#include <memory>
#include <string>
#include <vector>

#include "records.h"
#include "tokenizer/hf/split_step.h"
#include "tokenizer/pretokenize/pretokenizer.h"
#include "tokenizer/unicode/unicode_tables.h"

namespace {

using tokenlab::tools::write_u32;

enum class Splitter { kHandWritten, kHfStep, kOniguruma };

int split(Splitter splitter, const char* pattern_name) {
  const tokenlab::SplitPattern pattern = tokenlab::split_pattern_from_name(pattern_name);
  const tokenlab::SplitStep step =
      splitter == Splitter::kOniguruma
          ? tokenlab::SplitStep::regex(std::make_shared<const tokenlab::Regex>(tokenlab::split_pattern_regex(pattern)),
                                       tokenlab::SplitBehavior::kIsolated, false)
          : tokenlab::SplitStep::pattern(pattern);
  std::string text;
  std::vector<tokenlab::ByteSpan> pieces;
  while (tokenlab::tools::read_record(text, "split_tool")) {
    const auto length = static_cast<std::uint32_t>(text.size());
    pieces.clear();
    if (splitter == Splitter::kHandWritten) {
      tokenlab::pre_tokenize(pattern, text, pieces);
    } else {
      step.split(text, {0, length}, pieces);
    }
    write_u32(std::uint32_t(pieces.size()));
    for (const tokenlab::ByteSpan& piece : pieces) {
      write_u32(piece.begin);
      write_u32(piece.end);
    }
  }
  return 0;
}

int classes() {
  std::printf("unicode %s\n", tokenlab::unicode::kUnicodeVersion);
  for (char32_t codepoint = 0; codepoint < 0x110000; ++codepoint) {
    std::printf("%s %d\n", tokenlab::unicode::category_name(tokenlab::unicode::category(codepoint)),
                tokenlab::unicode::is_white_space(codepoint) ? 1 : 0);
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const std::string command = argc > 1 ? argv[1] : "";
    if (command == "split" && argc == 3) return split(Splitter::kHandWritten, argv[2]);
    if (command == "split-hf" && argc == 3) return split(Splitter::kHfStep, argv[2]);
    if (command == "split-oniguruma" && argc == 3) return split(Splitter::kOniguruma, argv[2]);
    if (command == "classes" && argc == 2) return classes();
    std::fprintf(stderr, "usage: split_tool split|split-hf|split-oniguruma PATTERN < records | split_tool classes\n");
    return 2;
  } catch (const std::exception& error) {
    std::fprintf(stderr, "split_tool: %s\n", error.what());
    return 1;
  }
}
