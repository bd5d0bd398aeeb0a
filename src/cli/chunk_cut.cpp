#include "cli/chunk_cut.h"

#include <cstdint>

namespace tokenlab::cli {

namespace {

bool is_ascii_letter(unsigned char byte) { return (byte | 0x20) >= 'a' && (byte | 0x20) <= 'z'; }

// Unicode's White_Space characters outside ASCII (what `\s` matches), plus
// the format characters U+180E, U+200B and U+FEFF, which some engines have
// counted as spaces: kept out to be safe, never wrongly let in.
bool is_unicode_space(std::uint32_t code_point) {
  return code_point == 0x85 || code_point == 0xA0 || code_point == 0x1680 || code_point == 0x180E ||
         (code_point >= 0x2000 && code_point <= 0x200B) || code_point == 0x2028 || code_point == 0x2029 ||
         code_point == 0x202F || code_point == 0x205F || code_point == 0x3000 || code_point == 0xFEFF;
}

// The character at text[point] is well-formed and not whitespace. ASCII
// controls (below '!') and DEL count as unsafe too.
bool starts_non_space(std::string_view text, std::size_t point) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[point + i]); };
  const unsigned char lead = byte(0);
  if (lead < 0x80) return lead > ' ' && lead < 0x7F;
  std::size_t length = 0;
  std::uint32_t code_point = 0;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
    code_point = lead & 0x1F;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    code_point = lead & 0x0F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    code_point = lead & 0x07;
  } else {
    return false;
  }
  if (point + length > text.size()) return false;
  for (std::size_t i = 1; i < length; ++i) {
    if ((byte(i) & 0xC0) != 0x80) return false;
    code_point = (code_point << 6) | (byte(i) & 0x3F);
  }
  const bool overlong = (length == 3 && code_point < 0x800) || (length == 4 && code_point < 0x10000);
  const bool out_of_range = code_point > 0x10FFFF || (code_point >= 0xD800 && code_point <= 0xDFFF);
  return !overlong && !out_of_range && !is_unicode_space(code_point) && code_point >= 0xA0;
}

bool inside_special(std::string_view text, std::size_t point, const std::vector<std::string>& specials) {
  for (const std::string& special : specials) {
    for (std::size_t before = 1; before < special.size() && before <= point; ++before) {
      if (text.compare(point - before, special.size(), special) == 0) return true;
    }
  }
  return false;
}

}  // namespace

bool is_safe_cut(std::string_view text, std::size_t point) {
  if (point < 1 || point + 1 >= text.size()) return false;
  const auto at = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  // No lead byte just before may announce a sequence reaching the letter or
  // newline: a lenient decoder would take it into that sequence.
  for (std::size_t back = 1; back <= 3 && back < point; ++back) {
    const unsigned char byte = at(point - 1 - back);
    const std::size_t length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 1;
    if (length > back) return false;
  }
  // 1. [A-Za-z] | ' ' [A-Za-z]
  if (is_ascii_letter(at(point - 1)) && at(point) == ' ' && is_ascii_letter(at(point + 1))) return true;
  // 2. [!-~] '\n' | a character that is not whitespace, nor '/' (o200k's
  //    ` ?[^\s\p{L}\p{N}]+[\r\n/]*` takes a slash after the newlines)
  const bool lone_newline = point >= 2 && at(point - 1) == '\n' && at(point - 2) > ' ' && at(point - 2) < 0x7F;
  return lone_newline && at(point) != '/' && starts_non_space(text, point);
}

std::size_t last_safe_cut(std::string_view text, std::size_t from, std::size_t reserve,
                          const std::vector<std::string>& specials) {
  if (text.size() < reserve) return 0;
  for (std::size_t point = text.size() - reserve; point >= from && point > 0; --point) {
    // Tie-break: the last point wins, so chunks are as long as the window allows.
    if (is_safe_cut(text, point) && !inside_special(text, point, specials)) return point;
  }
  return 0;
}

}  // namespace tokenlab::cli
