#include "tokenizer/unicode/unicode_tables.h"

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "tokenizer/unicode/utf8.h"

namespace tokenlab::unicode {
namespace {

TEST_CASE("general categories of sample codepoints") {
  struct Sample {
    char32_t codepoint;
    Category category;
  };
  const Sample samples[] = {
      {U'A', Category::kLu},     {U'z', Category::kLl},      {0x00E9, Category::kLl},  // é
      {0x01C5, Category::kLt},   {0x02B0, Category::kLm},    {0x3005, Category::kLm},  // ǅ ʰ 々
      {0x05D0, Category::kLo},   {0x0301, Category::kMn},    {0x0903, Category::kMc},
      {0x20DD, Category::kMe},   {U'7', Category::kNd},      {0x0663, Category::kNd},
      {0x2167, Category::kNl},   {0x00BD, Category::kNo},    {U'_', Category::kPc},
      {U'-', Category::kPd},     {U'(', Category::kPs},      {U')', Category::kPe},
      {0x00AB, Category::kPi},   {0x00BB, Category::kPf},    {U'!', Category::kPo},
      {U'+', Category::kSm},     {U'$', Category::kSc},      {U'^', Category::kSk},
      {0x00A9, Category::kSo},   {0x1F600, Category::kSo},   {U' ', Category::kZs},
      {0x2028, Category::kZl},   {0x2029, Category::kZp},    {U'\n', Category::kCc},
      {0x200D, Category::kCf},   {0xFEFF, Category::kCf},    {0x0378, Category::kCn},
      {0x10FFFF, Category::kCn}, {0xFFFE, Category::kCn},
      // Members of UnicodeData.txt's First/Last ranges.
      {0x4E00, Category::kLo},   {0x9FFF, Category::kLo},    {0xAC00, Category::kLo},
      {0xD7A3, Category::kLo},   {0x20000, Category::kLo},   {0x2A6DF, Category::kLo},
      {0xD800, Category::kCs},   {0xDFFF, Category::kCs},    {0xE000, Category::kCo},
      {0xF0000, Category::kCo},  {0x10FFFD, Category::kCo},  {0x17000, Category::kLo},
  };
  for (const Sample& sample : samples) {
    CAPTURE(unsigned(sample.codepoint));
    CHECK(category_name(category(sample.codepoint)) == std::string(category_name(sample.category)));
  }
}

TEST_CASE("codepoints outside Unicode read as unassigned") {
  CHECK(category(0x110000) == Category::kCn);
  CHECK(category(utf8::kInvalidCodepoint) == Category::kCn);
  CHECK(flags(utf8::kInvalidCodepoint) == 0);
}

TEST_CASE("White_Space is its own property, not a category") {
  for (char32_t space : {0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000, 0x200A,
                         0x2028, 0x2029, 0x202F, 0x205F, 0x3000}) {
    CAPTURE(unsigned(space));
    CHECK(is_white_space(space));
    CHECK((flags(space) & kWhiteSpace) != 0);
  }
  // Controls that are not White_Space, format characters and the Mongolian
  // vowel separator (White_Space until Unicode 6.3).
  for (char32_t other : {0x00, 0x1C, 0x1F, 0x7F, 0x180E, 0x200B, 0x2060, 0xFEFF, 0x41}) {
    CAPTURE(unsigned(other));
    CHECK_FALSE(is_white_space(other));
  }
}

TEST_CASE("flags combine the category family and White_Space") {
  CHECK(flags(U'A') == (kLetter | kUppercaseLetter));
  CHECK(flags(U'a') == (kLetter | kLowercaseLetter));
  CHECK(flags(0x01C5) == (kLetter | kTitlecaseLetter));
  CHECK(flags(0x02B0) == (kLetter | kModifierLetter));
  CHECK(flags(0x4E2D) == (kLetter | kOtherLetter));
  CHECK(flags(0x0301) == kMark);
  CHECK(flags(0x2167) == kNumber);
  CHECK(flags(U',') == kPunctuation);
  CHECK(flags(U'+') == kSymbol);
  CHECK(flags(0x3000) == (kSeparator | kWhiteSpace));
  CHECK(flags(U'\t') == (kControl | kWhiteSpace));
  CHECK(flags(0x0085) == (kControl | kWhiteSpace));
  CHECK(flags(0x200D) == kFormat);
  CHECK(flags(0xE000) == 0);
}

// UCD lines hold fields separated by ';'; returns them without surrounding spaces.
std::vector<std::string> fields_of(const std::string& line) {
  std::vector<std::string> fields;
  std::stringstream stream(line.substr(0, line.find('#')));
  for (std::string field; std::getline(stream, field, ';');) {
    const auto first = field.find_first_not_of(' ');
    const auto last = field.find_last_not_of(' ');
    fields.push_back(first == std::string::npos ? "" : field.substr(first, last - first + 1));
  }
  return fields;
}

// Compares every codepoint with the Unicode Character Database the tables were
// generated from, when that version is installed (Debian's unicode-data).
TEST_CASE("the tables agree with the installed Unicode Character Database") {
  std::ifstream prop_list("/usr/share/unicode/PropList.txt");
  std::ifstream unicode_data("/usr/share/unicode/UnicodeData.txt");
  std::string first_line;
  if (!prop_list || !unicode_data || !std::getline(prop_list, first_line) ||
      first_line.find(std::string("PropList-") + kUnicodeVersion + ".txt") == std::string::npos) {
    MESSAGE("skipped: no Unicode " << kUnicodeVersion << " data in /usr/share/unicode");
    return;
  }

  std::vector<std::string> expected(0x110000, "Cn");
  char32_t range_start = 0;
  for (std::string line; std::getline(unicode_data, line);) {
    const std::vector<std::string> fields = fields_of(line);
    if (fields.size() < 3) FAIL("malformed UnicodeData.txt line: " << line);
    const char32_t codepoint = char32_t(std::stoul(fields[0], nullptr, 16));
    if (fields[1].ends_with(", First>")) {
      range_start = codepoint;
    } else if (fields[1].ends_with(", Last>")) {
      for (char32_t member = range_start; member <= codepoint; ++member) expected[member] = fields[2];
    } else {
      expected[codepoint] = fields[2];
    }
  }
  std::vector<bool> white_space(0x110000, false);
  for (std::string line; std::getline(prop_list, line);) {
    const std::vector<std::string> fields = fields_of(line);
    if (fields.size() < 2 || fields[1] != "White_Space") continue;
    const auto dots = fields[0].find("..");
    const char32_t first = char32_t(std::stoul(fields[0].substr(0, dots), nullptr, 16));
    const char32_t last =
        dots == std::string::npos ? first : char32_t(std::stoul(fields[0].substr(dots + 2), nullptr, 16));
    for (char32_t member = first; member <= last; ++member) white_space[member] = true;
  }

  int wrong = 0;
  for (char32_t codepoint = 0; codepoint < 0x110000; ++codepoint) {
    if (category_name(category(codepoint)) != expected[codepoint] ||
        is_white_space(codepoint) != white_space[codepoint]) {
      if (++wrong <= 10) {
        CAPTURE(unsigned(codepoint));
        CHECK(category_name(category(codepoint)) == expected[codepoint]);
        CHECK(is_white_space(codepoint) == white_space[codepoint]);
      }
    }
  }
  CHECK(wrong == 0);
}

}  // namespace
}  // namespace tokenlab::unicode
