// Hand-written pre-tokenizers (see pretokenizer.h). For each regex pattern one
// function returns the end of the piece starting at a given byte, trying the
// alternatives in order and backtracking where the regex engine would; the
// splitter then starts the next piece there. This reproduces find_iter of a
// leftmost-first engine (tiktoken's fancy-regex, Hugging Face's onig) because
// the tiktoken patterns match at every position, so pieces never leave gaps.
// DeepSeek V3's do not: where no alternative matches, the splitter moves one
// unit on, and the units skipped become a piece of their own.
//
//   gpt2 on "a   x": at 0, " ?\p{L}+" matches "a"; at 1, no alternative before
//   "\s+(?!\S)" matches, and it gives back the last space: "  "; at 3, " x".
//
// Why not a regex engine: std::regex has no Unicode classes such as \p{L}, and
// even a JIT-compiled engine (V8's) runs these patterns a few times slower.
// Performance notes:
//  - Each unit (codepoint, or malformed byte) is classified into a Class byte:
//    ASCII by one table load, anything else by decoding it and reading the
//    two-stage Unicode table. The last non-ASCII unit decoded is remembered,
//    because the unit that ends one piece starts the next.
//  - Pieces are spans into the input: no allocation besides the output vector.
//  - Class tests and matchers are lambdas, so every loop is inlined.
//  - Runs of ASCII letters (most of a word) are skipped 8 bytes at a time
//    (skip_run): a per-byte loop of class lookups was a third of the
//    pre-tokenizer's instructions on English.
#include "tokenizer/pretokenize/pretokenizer.h"

#include <array>
#include <bit>
#include <cassert>
#include <cstddef>
#include <cstring>
#include <limits>
#include <string>

#include "tokenizer/errors.h"
#include "tokenizer/unicode/unicode_tables.h"
#include "tokenizer/unicode/utf8.h"

namespace tokenlab {
namespace {

// What the patterns ask of a unit, one bit per regex class. Malformed bytes
// have none of these bits, like an unassigned codepoint.
using Class = std::uint8_t;
constexpr Class kLetter = 1 << 0;     // \p{L}
constexpr Class kNumber = 1 << 1;     // \p{N}
constexpr Class kSpace = 1 << 2;      // \s, which is Unicode White_Space
constexpr Class kNewline = 1 << 3;    // [\r\n]
constexpr Class kUpperish = 1 << 4;   // [\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}] (o200k)
constexpr Class kLowerish = 1 << 5;   // [\p{Ll}\p{Lm}\p{Lo}\p{M}] (o200k)
constexpr Class kMark = 1 << 6;       // \p{M} (DeepSeek V3)
constexpr Class kPunctSymbol = 1 << 7;  // [\p{P}\p{S}] (DeepSeek V3)

// Class tests, as lambdas so that each instantiates its own inlined loop.
constexpr auto is_letter = [](Class c) { return (c & kLetter) != 0; };
constexpr auto is_number = [](Class c) { return (c & kNumber) != 0; };
constexpr auto is_space = [](Class c) { return (c & kSpace) != 0; };
constexpr auto is_not_space = [](Class c) { return (c & kSpace) == 0; };
constexpr auto is_upperish = [](Class c) { return (c & kUpperish) != 0; };
constexpr auto is_lowerish = [](Class c) { return (c & kLowerish) != 0; };
// [^\s\p{L}\p{N}]
constexpr auto is_other = [](Class c) { return (c & (kLetter | kNumber | kSpace)) == 0; };
// [^\r\n\p{L}\p{N}]
constexpr auto is_prefix = [](Class c) { return (c & (kLetter | kNumber | kNewline)) == 0; };
// DeepSeek V3: [\p{L}\p{M}], [\p{P}\p{S}] and [^\r\n\p{L}\p{P}\p{S}]
constexpr auto is_letter_or_mark = [](Class c) { return (c & (kLetter | kMark)) != 0; };
constexpr auto is_punct_symbol = [](Class c) { return (c & kPunctSymbol) != 0; };
constexpr auto is_word_prefix = [](Class c) { return (c & (kLetter | kPunctSymbol | kNewline)) == 0; };

constexpr Class class_of_property(std::uint8_t property) {
  const unicode::Flags flags = unicode::property_flags(property);
  Class c = 0;
  if (flags & unicode::kLetter) c |= kLetter;
  if (flags & unicode::kNumber) c |= kNumber;
  if (flags & unicode::kWhiteSpace) c |= kSpace;
  if (flags & (unicode::kUppercaseLetter | unicode::kTitlecaseLetter | unicode::kModifierLetter |
               unicode::kOtherLetter | unicode::kMark)) {
    c |= kUpperish;
  }
  if (flags & (unicode::kLowercaseLetter | unicode::kModifierLetter | unicode::kOtherLetter |
               unicode::kMark)) {
    c |= kLowerish;
  }
  if (flags & unicode::kMark) c |= kMark;
  if (flags & (unicode::kPunctuation | unicode::kSymbol)) c |= kPunctSymbol;
  return c;
}

// Property bytes are below 64 (5 bits of category, 1 of White_Space).
constexpr std::array<Class, 64> kClassOfProperty = [] {
  std::array<Class, 64> classes{};
  for (unsigned property = 0; property < classes.size(); ++property) {
    classes[property] = class_of_property(std::uint8_t(property));
  }
  return classes;
}();

// Classes of the ASCII bytes, read from the Unicode table once.
const std::array<Class, 128>& ascii_classes() {
  static const std::array<Class, 128> classes = [] {
    std::array<Class, 128> result{};
    for (char32_t byte = 0; byte < result.size(); ++byte) {
      result[byte] = kClassOfProperty[unicode::property_byte(byte)];
    }
    result['\r'] |= kNewline;
    result['\n'] |= kNewline;
    return result;
  }();
  return classes;
}

struct Unit {
  Class cls;
  std::uint32_t length;  // bytes
};

// Walks the text unit by unit; positions are byte offsets.
class Scanner {
 public:
  explicit Scanner(std::string_view text)
      : text_(text),
        bytes_(reinterpret_cast<const unsigned char*>(text.data())),
        size_(std::uint32_t(text.size())),
        ascii_(ascii_classes()) {}

  std::uint32_t size() const { return size_; }
  unsigned char byte(std::uint32_t pos) const { return bytes_[pos]; }
  bool byte_is(std::uint32_t pos, unsigned char value) const {
    return pos < size_ && bytes_[pos] == value;
  }

  // The unit starting at pos < size(). Both paths are forced inline: at -O3
  // GCC otherwise stops inlining them once pre_tokenize has grown large, which
  // halves the speed.
  [[gnu::always_inline]] Unit at(std::uint32_t pos) {
    const unsigned char lead = bytes_[pos];
    if (lead < 0x80) return {ascii_[lead], 1};
    return non_ascii_at(pos);
  }

  // The end of the run of units from pos that pass test.
  template <class Test>
  std::uint32_t skip(std::uint32_t pos, Test test) {
    while (pos < size_) {
      const Unit unit = at(pos);
      if (!test(unit.cls)) break;
      pos += unit.length;
    }
    return pos;
  }

  // skip(pos, test) for a test whose ASCII members are exactly the bytes b
  // with lo <= (b | fold) <= hi (letters: 'a'..'z' with fold 0x20): those
  // are skipped 8 at a time, and a non-ASCII byte hands the run on to skip.
  template <class Test>
  std::uint32_t skip_run(std::uint32_t pos, unsigned char lo, unsigned char hi, unsigned char fold, Test test) {
    pos = skip_ascii_range(pos, lo, hi, fold);
    return pos < size_ && bytes_[pos] >= 0x80 ? skip(pos, test) : pos;
  }

  // Like skip, but takes at most max_units units.
  template <class Test>
  std::uint32_t skip_at_most(std::uint32_t pos, int max_units, Test test) {
    for (; max_units > 0 && pos < size_; --max_units) {
      const Unit unit = at(pos);
      if (!test(unit.cls)) break;
      pos += unit.length;
    }
    return pos;
  }

 private:
  // The end of the run from pos of ASCII bytes b with lo <= (b | fold) <= hi.
  // Eight bytes at a time: a byte's high bit in ge_lo says b | fold >= lo, in
  // gt_hi that it is > hi (lo >= 0x20 and hi < 0x7F, so an ASCII byte never
  // carries into its neighbour; a byte >= 0x80 may, but only into bytes after
  // it, and the run ends at the first byte outside it anyway).
  std::uint32_t skip_ascii_range(std::uint32_t pos, unsigned char lo, unsigned char hi, unsigned char fold) const {
    constexpr std::uint64_t kOnes = 0x0101010101010101ull;
    constexpr std::uint64_t kHigh = kOnes * 0x80;
    while (pos + 8 <= size_) {
      std::uint64_t word;
      std::memcpy(&word, bytes_ + pos, sizeof word);
      const std::uint64_t folded = word | kOnes * fold;
      const std::uint64_t ge_lo = folded + kOnes * (0x80 - lo);
      const std::uint64_t gt_hi = folded + kOnes * (0x80 - (hi + 1));
      const std::uint64_t outside = ~(ge_lo & ~gt_hi & ~word) & kHigh;
      if (outside != 0) return pos + static_cast<std::uint32_t>(std::countr_zero(outside) / 8);
      pos += 8;
    }
    for (; pos < size_; ++pos) {
      const unsigned folded = bytes_[pos] | fold;
      if (bytes_[pos] >= 0x80 || folded < lo || folded > hi) break;
    }
    return pos;
  }

  [[gnu::always_inline]] Unit non_ascii_at(std::uint32_t pos) {
    if (pos != cached_pos_) {
      const utf8::Decoded decoded = utf8::decode(text_, pos);
      cached_ = {kClassOfProperty[unicode::property_byte(decoded.codepoint)], decoded.length};
      cached_pos_ = pos;
    }
    return cached_;
  }

  std::string_view text_;
  const unsigned char* bytes_;
  std::uint32_t size_;
  const std::array<Class, 128>& ascii_;
  std::uint32_t cached_pos_ = std::numeric_limits<std::uint32_t>::max();
  Unit cached_{0, 1};
};

enum class Case { kSensitive, kInsensitive };

// 's|'t|'re|'ve|'m|'ll|'d after the apostrophe at pos: the bytes matched
// (with the apostrophe), 0 if none. Case-insensitively (regex (?i:...), simple
// case folding) s also matches S and U+017F LATIN SMALL LETTER LONG S; the other
// letters fold only to their capitals. (U+212A KELVIN SIGN folds to k, which no
// contraction has.)
std::uint32_t contraction_length_after_apostrophe(const Scanner& text, std::uint32_t pos,
                                                  Case letter_case) {
  const bool fold = letter_case == Case::kInsensitive;
  auto letter_at = [&](std::uint32_t at, char lower) {
    return text.byte_is(at, lower) || (fold && text.byte_is(at, lower - 'a' + 'A'));
  };
  if (letter_at(pos + 1, 's') || letter_at(pos + 1, 't') || letter_at(pos + 1, 'm') ||
      letter_at(pos + 1, 'd')) {
    return 2;
  }
  if (fold && text.byte_is(pos + 1, 0xC5) && text.byte_is(pos + 2, 0xBF)) return 3;  // 'ſ
  if ((letter_at(pos + 1, 'r') || letter_at(pos + 1, 'v')) && letter_at(pos + 2, 'e')) return 3;
  if (letter_at(pos + 1, 'l') && letter_at(pos + 2, 'l')) return 3;
  return 0;
}

// 's|'t|'re|'ve|'m|'ll|'d at pos: the bytes matched, 0 if none. Most pieces
// do not start with an apostrophe, so that test stays inline.
inline std::uint32_t contraction_length(const Scanner& text, std::uint32_t pos, Case letter_case) {
  return text.byte_is(pos, '\'') ? contraction_length_after_apostrophe(text, pos, letter_case) : 0;
}

// For a piece starting with whitespace: \s*[\r\n]+ (when with_newline_run),
// then \s+(?!\S), then \s+.
std::uint32_t whitespace_piece_end(Scanner& text, std::uint32_t start, bool with_newline_run) {
  std::uint32_t end = start;         // end of the whitespace run
  std::uint32_t last_start = start;  // start of its last unit
  std::uint32_t newline_end = start; // end of its last \r or \n
  while (end < text.size()) {
    const Unit unit = text.at(end);
    if (!is_space(unit.cls)) break;
    last_start = end;
    end += unit.length;
    if (unit.cls & kNewline) newline_end = end;
  }
  // \s*[\r\n]+ : \s* takes the whole run, then gives units back until [\r\n]+
  // can start, so the match ends right after the run's last newline.
  if (with_newline_run && newline_end > start) return newline_end;
  // \s+(?!\S) : the whole run at the end of the text; before a non-space, the
  // run minus its last unit (which then prefixes the next piece, as in " x"),
  // which needs a run of two units or more.
  if (end == text.size()) return end;
  if (last_start > start) return last_start;
  // \s+ : a single whitespace unit before a non-space.
  return end;
}

std::uint32_t gpt2_piece_end(Scanner& text, std::uint32_t start) {
  // 's|'t|'re|'ve|'m|'ll|'d
  if (const std::uint32_t length = contraction_length(text, start, Case::kSensitive)) {
    return start + length;
  }
  // The next three alternatives take their optional space only when a non-space
  // follows it; with a space (or nothing) after it, each fails both ways.
  std::uint32_t body = start;
  Unit lead = text.at(start);
  if (text.byte(start) == ' ' && start + 1 < text.size()) {
    const Unit next = text.at(start + 1);
    if (!is_space(next.cls)) {
      body = start + 1;
      lead = next;
    }
  }
  //  ?\p{L}+
  if (is_letter(lead.cls)) return text.skip_run(body, 'a', 'z', 0x20, is_letter);
  //  ?\p{N}+
  if (is_number(lead.cls)) return text.skip_run(body, '0', '9', 0, is_number);
  //  ?[^\s\p{L}\p{N}]+
  if (is_other(lead.cls)) return text.skip(body, is_other);
  // \s+(?!\S)|\s+
  return whitespace_piece_end(text, start, false);
}

// cl100k's expression; Qwen 2's differs only in taking digits one at a time,
// so its splitter is this one with kExtraDigits 0.
template <std::uint32_t kExtraDigits>
std::uint32_t cl100k_piece_end(Scanner& text, std::uint32_t start) {
  // (?i:'s|'t|'re|'ve|'m|'ll|'d)
  if (const std::uint32_t length = contraction_length(text, start, Case::kInsensitive)) {
    return start + length;
  }
  const Unit first = text.at(start);
  const std::uint32_t after_first = start + first.length;
  // [^\r\n\p{L}\p{N}]?\p{L}+ without the prefix (a letter is not a prefix)
  if (is_letter(first.cls)) return text.skip_run(after_first, 'a', 'z', 0x20, is_letter);
  const bool has_next = after_first < text.size();
  const Unit next = has_next ? text.at(after_first) : Unit{0, 0};
  // [^\r\n\p{L}\p{N}]?\p{L}+ with the prefix
  if (is_prefix(first.cls) && has_next && is_letter(next.cls)) {
    return text.skip_run(after_first + next.length, 'a', 'z', 0x20, is_letter);
  }
  // \p{N}{1,3} (cl100k), \p{N} (Qwen 2)
  if (is_number(first.cls)) return kExtraDigits == 0 ? after_first : text.skip_at_most(after_first, kExtraDigits, is_number);
  //  ?[^\s\p{L}\p{N}]+[\r\n]*
  const bool spaced_other = text.byte(start) == ' ' && has_next && is_other(next.cls);
  if (is_other(first.cls) || spaced_other) {
    std::uint32_t end = text.skip(spaced_other ? after_first : start, is_other);
    while (text.byte_is(end, '\r') || text.byte_is(end, '\n')) ++end;
    return end;
  }
  // \s*[\r\n]+|\s+(?!\S)|\s+
  return whitespace_piece_end(text, start, true);
}

// [\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?
// from pos: the end of the match, 0 if there is none.
std::uint32_t o200k_lower_word_end(Scanner& text, std::uint32_t pos) {
  // Lm, Lo and M are in both classes. The star takes the whole run of its
  // class; if no Ll follows, it gives units back until the plus can match, so
  // the plus takes the run's last Lm/Lo/M unit alone (anything after it in the
  // run is Lu or Lt, which the plus cannot take).
  std::uint32_t shared_end = 0;  // end of the run's last Lm/Lo/M unit
  while (pos < text.size()) {
    const Unit unit = text.at(pos);
    if (!is_upperish(unit.cls)) break;
    pos += unit.length;
    if (is_lowerish(unit.cls)) shared_end = pos;
  }
  if (pos < text.size() && is_lowerish(text.at(pos).cls)) {
    pos = text.skip_run(pos, 'a', 'z', 0, is_lowerish);
  } else if (shared_end != 0) {
    pos = shared_end;
  } else {
    return 0;
  }
  return pos + contraction_length(text, pos, Case::kInsensitive);
}

// [\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?
// from pos: the end of the match, 0 if there is none. Neither loop needs to
// give anything back: what follows them cannot fail.
std::uint32_t o200k_upper_word_end(Scanner& text, std::uint32_t pos) {
  std::uint32_t end = text.skip_run(pos, 'A', 'Z', 0, is_upperish);
  if (end == pos) return 0;
  end = text.skip_run(end, 'a', 'z', 0, is_lowerish);
  return end + contraction_length(text, end, Case::kInsensitive);
}

std::uint32_t o200k_piece_end(Scanner& text, std::uint32_t start) {
  const Unit first = text.at(start);
  const std::uint32_t after_first = start + first.length;
  const bool prefixed = is_prefix(first.cls);
  // The first two alternatives start with [^\r\n\p{L}\p{N}]?, tried with the
  // prefix unit, then without it (which can only succeed if it is a mark: marks
  // are neither letters nor numbers, yet belong to both word classes).
  // [^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?
  if (prefixed) {
    if (const std::uint32_t end = o200k_lower_word_end(text, after_first)) return end;
  }
  if (const std::uint32_t end = o200k_lower_word_end(text, start)) return end;
  // [^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?
  if (prefixed) {
    if (const std::uint32_t end = o200k_upper_word_end(text, after_first)) return end;
  }
  if (const std::uint32_t end = o200k_upper_word_end(text, start)) return end;
  // \p{N}{1,3}
  if (is_number(first.cls)) return text.skip_at_most(after_first, 2, is_number);
  //  ?[^\s\p{L}\p{N}]+[\r\n/]*
  const bool spaced_other =
      text.byte(start) == ' ' && after_first < text.size() && is_other(text.at(after_first).cls);
  if (is_other(first.cls) || spaced_other) {
    std::uint32_t end = text.skip(spaced_other ? after_first : start, is_other);
    while (text.byte_is(end, '\r') || text.byte_is(end, '\n') || text.byte_is(end, '/')) ++end;
    return end;
  }
  // \s*[\r\n]+|\s+(?!\S)|\s+
  return whitespace_piece_end(text, start, true);
}

// DeepSeek V3's third Split; 0 where no alternative matches at start.
std::uint32_t deepseek_word_end(Scanner& text, std::uint32_t start) {
  const unsigned char lead = text.byte(start);
  const Unit first = text.at(start);
  const std::uint32_t after_first = start + first.length;
  const bool has_next = after_first < text.size();
  const Unit next = has_next ? text.at(after_first) : Unit{0, 0};
  const auto ascii_letter = [](unsigned char byte) { return (byte | 0x20) >= 'a' && (byte | 0x20) <= 'z'; };
  // [!"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~][A-Za-z]+ : every ASCII punctuation or symbol
  const bool ascii_punct = lead > 0x20 && lead < 0x7F && !ascii_letter(lead) && !(lead >= '0' && lead <= '9');
  if (ascii_punct && has_next && ascii_letter(text.byte(after_first))) {
    std::uint32_t end = after_first + 1;
    while (end < text.size() && ascii_letter(text.byte(end))) ++end;
    return end;
  }
  // [^\r\n\p{L}\p{P}\p{S}]?[\p{L}\p{M}]+ : with the prefix unit, then without it
  // (a mark is both a prefix and a word unit, and either way the run is the same).
  if (is_word_prefix(first.cls) && has_next && is_letter_or_mark(next.cls)) {
    return text.skip(after_first + next.length, is_letter_or_mark);
  }
  if (is_letter_or_mark(first.cls)) return text.skip(after_first, is_letter_or_mark);
  //  ?[\p{P}\p{S}]+[\r\n]*
  const bool spaced = lead == ' ' && has_next && is_punct_symbol(next.cls);
  if (spaced || is_punct_symbol(first.cls)) {
    std::uint32_t end = text.skip(spaced ? after_first : start, is_punct_symbol);
    while (text.byte_is(end, '\r') || text.byte_is(end, '\n')) ++end;
    return end;
  }
  // \s*[\r\n]+|\s+(?!\S)|\s+
  if (is_space(first.cls)) return whitespace_piece_end(text, start, true);
  return 0;
}

// Pieces of a pattern that can fail to match: piece_end returns 0 there, the
// unit is skipped, and the units skipped before a match are a piece.
template <class PieceEnd>
void split_with_gaps(std::string_view text, PieceEnd piece_end, std::vector<ByteSpan>& pieces) {
  Scanner scanner(text);
  std::uint32_t gap = 0;  // where the text no alternative matched begins
  for (std::uint32_t start = 0; start < scanner.size();) {
    const std::uint32_t end = piece_end(scanner, start);
    if (end == 0) {
      start += scanner.at(start).length;
      continue;
    }
    if (gap < start) pieces.push_back({gap, start});
    pieces.push_back({start, end});
    start = gap = end;
  }
  if (gap < scanner.size()) pieces.push_back({gap, scanner.size()});
}

// [一-龥぀-ゟ゠-ヿ]+ : U+4E00..U+9FA5 and U+3040..U+30FF, all three bytes in UTF-8.
void split_deepseek_cjk(std::string_view text, std::vector<ByteSpan>& pieces) {
  const auto size = static_cast<std::uint32_t>(text.size());
  const auto in_class = [](char32_t c) { return (c >= 0x4E00 && c <= 0x9FA5) || (c >= 0x3040 && c <= 0x30FF); };
  std::uint32_t gap = 0;
  for (std::uint32_t pos = 0; pos < size;) {
    // Only lead bytes E3 (kana) and E4..E9 (the ideographs) can start the class.
    const auto lead = static_cast<unsigned char>(text[pos]);
    const utf8::Decoded unit = lead >= 0xE3 && lead <= 0xE9 ? utf8::decode(text, pos) : utf8::Decoded{0, 0};
    if (!in_class(unit.codepoint)) {
      pos += lead < 0x80 ? 1 : utf8::decode(text, pos).length;
      continue;
    }
    std::uint32_t end = pos + unit.length;
    while (end < size) {
      const utf8::Decoded more = utf8::decode(text, end);
      if (!in_class(more.codepoint)) break;
      end += more.length;
    }
    if (gap < pos) pieces.push_back({gap, pos});
    pieces.push_back({pos, end});
    pos = gap = end;
  }
  if (gap < size) pieces.push_back({gap, size});
}

template <class PieceEnd>
void split_pieces(std::string_view text, PieceEnd piece_end, std::vector<ByteSpan>& pieces) {
  Scanner scanner(text);
  for (std::uint32_t start = 0; start < scanner.size();) {
    const std::uint32_t end = piece_end(scanner, start);
    assert(end > start && end <= scanner.size());
    pieces.push_back({start, end});
    start = end;
  }
}

// Runs of non-whitespace units; the whitespace between them is dropped.
void split_whitespace(std::string_view text, std::vector<ByteSpan>& pieces) {
  Scanner scanner(text);
  std::uint32_t pos = scanner.skip(0, is_space);
  while (pos < scanner.size()) {
    const std::uint32_t end = scanner.skip(pos, is_not_space);
    pieces.push_back({pos, end});
    pos = scanner.skip(end, is_space);
  }
}

struct NamedPattern {
  std::string_view name;
  SplitPattern pattern;
};

constexpr NamedPattern kPatternNames[] = {
    {"gpt2", SplitPattern::kGpt2},          {"r50k", SplitPattern::kGpt2},
    {"r50k_base", SplitPattern::kGpt2},     {"p50k", SplitPattern::kGpt2},
    {"p50k_base", SplitPattern::kGpt2},     {"cl100k", SplitPattern::kCl100k},
    {"cl100k_base", SplitPattern::kCl100k}, {"llama3", SplitPattern::kCl100k},
    {"o200k", SplitPattern::kO200k},        {"o200k_base", SplitPattern::kO200k},
    {"qwen2", SplitPattern::kQwen2},        {"deepseek-digits", SplitPattern::kDeepSeekDigits},
    {"deepseek-cjk", SplitPattern::kDeepSeekCjk}, {"deepseek-words", SplitPattern::kDeepSeekWords},
    {"whitespace", SplitPattern::kWhitespace}, {"none", SplitPattern::kNone},
};

// The regular expressions as tokenizer files spell them.
constexpr NamedPattern kPatternRegexes[] = {
    // GPT-2's encoder.py, tiktoken's gpt2/r50k_base/p50k_base.
    {R"('s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+)",
     SplitPattern::kGpt2},
    // Python tiktoken's faster, equivalent spelling of the same.
    {R"('(?:[sdmt]|ll|ve|re)| ?\p{L}++| ?\p{N}++| ?[^\s\p{L}\p{N}]++|\s++$|\s+(?!\S)|\s)",
     SplitPattern::kGpt2},
    // cl100k_base; LLaMA 3's tokenizer.json has the same.
    {R"((?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+)",
     SplitPattern::kCl100k},
    // Qwen 2, 2.5 and 3.
    {R"((?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+)",
     SplitPattern::kQwen2},
    // DeepSeek V3's three, as its tokenizer.json spells them.
    {R"(\p{N}{1,3})", SplitPattern::kDeepSeekDigits},
    {"[\u4E00-\u9FA5\u3040-\u309F\u30A0-\u30FF]+", SplitPattern::kDeepSeekCjk},
    {"[!\"#$%&'()*+,\\-./:;<=>?@\\[\\\\\\]^_`{|}~][A-Za-z]+|[^\r\n\\p{L}\\p{P}\\p{S}]?[\\p{L}\\p{M}]+| ?[\\p{P}\\p{S}]+[\r\n]*|\\s*[\r\n]+|\\s+(?!\\S)|\\s+",
     SplitPattern::kDeepSeekWords},
    // o200k_base.
    {R"([^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?|[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n/]*|\s*[\r\n]+|\s+(?!\S)|\s+)",
     SplitPattern::kO200k},
};

}  // namespace

void pre_tokenize(SplitPattern pattern, std::string_view text, std::vector<ByteSpan>& pieces) {
  if (text.size() > std::numeric_limits<std::uint32_t>::max()) {
    throw UsageError("pre-tokenizer: text of " + std::to_string(text.size()) +
                     " bytes is longer than the 4 GiB byte offsets can address");
  }
  switch (pattern) {
    // Lambdas rather than function pointers, so each loop inlines its matcher.
    case SplitPattern::kGpt2:
      return split_pieces(text, [](Scanner& s, std::uint32_t at) { return gpt2_piece_end(s, at); }, pieces);
    case SplitPattern::kCl100k:
      return split_pieces(text, [](Scanner& s, std::uint32_t at) { return cl100k_piece_end<2>(s, at); }, pieces);
    case SplitPattern::kQwen2:
      return split_pieces(text, [](Scanner& s, std::uint32_t at) { return cl100k_piece_end<0>(s, at); }, pieces);
    case SplitPattern::kO200k:
      return split_pieces(text, [](Scanner& s, std::uint32_t at) { return o200k_piece_end(s, at); }, pieces);
    case SplitPattern::kDeepSeekDigits:
      return split_with_gaps(
          text, [](Scanner& s, std::uint32_t at) {
            const Unit unit = s.at(at);
            return is_number(unit.cls) ? s.skip_at_most(at + unit.length, 2, is_number) : 0;
          },
          pieces);
    case SplitPattern::kDeepSeekCjk: return split_deepseek_cjk(text, pieces);
    case SplitPattern::kDeepSeekWords:
      return split_with_gaps(text, [](Scanner& s, std::uint32_t at) { return deepseek_word_end(s, at); }, pieces);
    case SplitPattern::kWhitespace: return split_whitespace(text, pieces);
    case SplitPattern::kNone:
      if (!text.empty()) pieces.push_back({0, std::uint32_t(text.size())});
      return;
  }
  throw UsageError("pre-tokenizer: unknown split pattern");
}

SplitPattern split_pattern_from_name(std::string_view name_or_regex) {
  for (const NamedPattern& entry : kPatternNames) {
    if (entry.name == name_or_regex) return entry.pattern;
  }
  for (const NamedPattern& entry : kPatternRegexes) {
    if (entry.name == name_or_regex) return entry.pattern;
  }
  constexpr std::size_t kShown = 80;
  std::string shown(name_or_regex.substr(0, kShown));
  if (name_or_regex.size() > kShown) shown += "...";
  throw UsageError("unsupported pre-tokenizer pattern \"" + shown +
                   "\"; supported: gpt2 (also r50k, p50k), cl100k (also llama3), qwen2, o200k, "
                   "whitespace, none, or the exact regular expression of gpt2, cl100k, qwen2 or o200k");
}

std::optional<SplitPattern> split_pattern_for_regex(std::string_view regex) {
  for (const NamedPattern& entry : kPatternRegexes) {
    if (entry.name == regex) return entry.pattern;
  }
  return std::nullopt;
}

std::string_view split_pattern_regex(SplitPattern pattern) {
  for (const NamedPattern& entry : kPatternRegexes) {
    if (entry.pattern == pattern) return entry.name;
  }
  return {};
}

std::string_view split_pattern_name(SplitPattern pattern) {
  switch (pattern) {
    case SplitPattern::kGpt2: return "gpt2";
    case SplitPattern::kCl100k: return "cl100k";
    case SplitPattern::kQwen2: return "qwen2";
    case SplitPattern::kDeepSeekDigits: return "deepseek-digits";
    case SplitPattern::kDeepSeekCjk: return "deepseek-cjk";
    case SplitPattern::kDeepSeekWords: return "deepseek-words";
    case SplitPattern::kO200k: return "o200k";
    case SplitPattern::kWhitespace: return "whitespace";
    case SplitPattern::kNone: return "none";
  }
  throw UsageError("pre-tokenizer: unknown split pattern");
}

}  // namespace tokenlab
