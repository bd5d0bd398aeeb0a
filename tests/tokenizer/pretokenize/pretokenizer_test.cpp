#include "tokenizer/pretokenize/pretokenizer.h"

#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

#include "tokenizer/errors.h"
#include "tokenizer/unicode/unicode_tables.h"
#include "tokenizer/unicode/utf8.h"

namespace tokenlab {
namespace {

// The pieces of text, each in brackets: "[Hello][ world]". Checks on the way
// that they are non-empty, in order and, except for kWhitespace, cover the text.
std::string split(SplitPattern pattern, std::string_view text) {
  std::vector<ByteSpan> pieces;
  pre_tokenize(pattern, text, pieces);
  std::string joined;
  std::uint32_t previous_end = 0;
  for (const ByteSpan& piece : pieces) {
    CHECK(piece.begin < piece.end);
    CHECK(piece.end <= text.size());
    if (pattern == SplitPattern::kWhitespace) {
      CHECK(piece.begin >= previous_end);
    } else {
      CHECK(piece.begin == previous_end);
    }
    previous_end = piece.end;
    joined += '[';
    joined += text.substr(piece.begin, piece.end - piece.begin);
    joined += ']';
  }
  if (pattern != SplitPattern::kWhitespace) CHECK(previous_end == text.size());
  return joined;
}

constexpr SplitPattern kRegexPatterns[] = {SplitPattern::kGpt2, SplitPattern::kCl100k, SplitPattern::kQwen2,
                                           SplitPattern::kO200k};

TEST_CASE("qwen2 is cl100k with digits one at a time") {
  CHECK(split(SplitPattern::kQwen2, "in 2024, it's") == "[in][ ][2][0][2][4][,][ it]['s]");
  CHECK(split(SplitPattern::kCl100k, "in 2024, it's") == "[in][ ][202][4][,][ it]['s]");
}

TEST_CASE("DeepSeek V3's splits keep the text no alternative matches as a piece of its own") {
  CHECK(split(SplitPattern::kDeepSeekDigits, "ab12345c") == "[ab][123][45][c]");
  CHECK(split(SplitPattern::kDeepSeekCjk, "ab\xe6\xbc\xa2\xe5\xad\x97\xe3\x81\x8b" "cd") ==
        "[ab][\xe6\xbc\xa2\xe5\xad\x97\xe3\x81\x8b][cd]");
  // .hello: punctuation then ASCII letters; "12" matches nothing (a digit is no word unit): a gap.
  CHECK(split(SplitPattern::kDeepSeekWords, ".hello world!\n 12 x") == "[.hello][ world][!\n][ ][12][ x]");
  CHECK(split(SplitPattern::kDeepSeekWords, "12") == "[12]");
}

TEST_CASE("gpt2 splits words, numbers, punctuation and spaces like GPT-2's regex") {
  CHECK(split(SplitPattern::kGpt2, "Hello world's  end") == "[Hello][ world]['s][ ][ end]");
  CHECK(split(SplitPattern::kGpt2, "   x") == "[  ][ x]");
  CHECK(split(SplitPattern::kGpt2, "12345 x 3.14") == "[12345][ x][ 3][.][14]");
  CHECK(split(SplitPattern::kGpt2, "a  \n b") == "[a][  \n][ b]");
  CHECK(split(SplitPattern::kGpt2, "\t\tx") == "[\t][\t][x]");
  CHECK(split(SplitPattern::kGpt2, "x  ") == "[x][  ]");
  CHECK(split(SplitPattern::kGpt2, "?!  ...hi") == "[?!][ ][ ...][hi]");
}

TEST_CASE("gpt2 contractions are case-sensitive") {
  CHECK(split(SplitPattern::kGpt2, "'s'S'\xC5\xBF're'Re'll'LL've'vE'm'M'd'D't'T") ==
        "['s]['][S]['][\xC5\xBF]['re]['][Re]['ll]['][LL]['ve]['][vE]['m]['][M]['d]['][D]['t]['][T]");
  CHECK(split(SplitPattern::kGpt2, "I'M DON'T") == "[I]['][M][ DON]['][T]");
  SUBCASE("punctuation before an apostrophe takes it along") {
    CHECK(split(SplitPattern::kGpt2, "?'s") == "[?'][s]");
  }
}

TEST_CASE("cl100k and o200k contractions match in every case, including long s") {
  for (SplitPattern pattern : {SplitPattern::kCl100k, SplitPattern::kO200k}) {
    CAPTURE(split_pattern_name(pattern));
    CHECK(split(pattern, "x's") == (pattern == SplitPattern::kCl100k ? "[x]['s]" : "[x's]"));
  }
  CHECK(split(SplitPattern::kCl100k, "'s'S'\xC5\xBF'Re'rE'LL'lL'vE'M'D'T") ==
        "['s]['S]['\xC5\xBF]['Re]['rE]['LL]['lL]['vE]['M]['D]['T]");
  SUBCASE("KELVIN SIGN folds to k, which no contraction has") {
    CHECK(split(SplitPattern::kCl100k, "'\xE2\x84\xAA") == "['\xE2\x84\xAA]");
  }
  SUBCASE("o200k attaches contractions to the word before them") {
    CHECK(split(SplitPattern::kO200k, "don't DON'T I'M x'S'\xC5\xBF") ==
          "[don't][ DON'T][ I'M][ x'S]['\xC5\xBF]");
  }
}

TEST_CASE("numbers split into groups of at most three digits in cl100k and o200k") {
  for (SplitPattern pattern : {SplitPattern::kCl100k, SplitPattern::kO200k}) {
    CAPTURE(split_pattern_name(pattern));
    CHECK(split(pattern, "1") == "[1]");
    CHECK(split(pattern, "12") == "[12]");
    CHECK(split(pattern, "123") == "[123]");
    CHECK(split(pattern, "1234") == "[123][4]");
    CHECK(split(pattern, "12345") == "[123][45]");
    CHECK(split(pattern, "123456") == "[123][456]");
    CHECK(split(pattern, "1234567") == "[123][456][7]");
    CHECK(split(pattern, "x 42") == "[x][ ][42]");
    // Arabic-Indic digits, superscript two and a Roman numeral are all \p{N}.
    CHECK(split(pattern, "\xD9\xA1\xD9\xA2\xC2\xB2\xE2\x85\xA7") == "[\xD9\xA1\xD9\xA2\xC2\xB2][\xE2\x85\xA7]");
  }
  CHECK(split(SplitPattern::kGpt2, " 1234567") == "[ 1234567]");
}

TEST_CASE("cl100k keeps newlines with the whitespace before them") {
  CHECK(split(SplitPattern::kCl100k, "hello\n\n\n x  ") == "[hello][\n\n\n][ x][  ]");
  CHECK(split(SplitPattern::kCl100k, "a \n b") == "[a][ \n][ b]");
  CHECK(split(SplitPattern::kCl100k, "x\r\n\r\n  y") == "[x][\r\n\r\n][ ][ y]");
  CHECK(split(SplitPattern::kCl100k, "x\n \n  \ty") == "[x][\n \n][  ][\ty]");
  CHECK(split(SplitPattern::kCl100k, "\t\tx") == "[\t][\tx]");
  CHECK(split(SplitPattern::kCl100k, "!!\n\nx") == "[!!\n\n][x]");
  CHECK(split(SplitPattern::kCl100k, ".hello ..hello") == "[.hello][ ..][hello]");
  CHECK(split(SplitPattern::kCl100k, "a/\n/b") == "[a][/\n][/b]");
}

TEST_CASE("o200k splits words at case changes") {
  CHECK(split(SplitPattern::kO200k, "HelloWorld HTMLParser aBc CamelCase's") ==
        "[Hello][World][ HTMLParser][ a][Bc][ Camel][Case's]");
  CHECK(split(SplitPattern::kO200k, "a/\n/b") == "[a][/\n/][b]");
  CHECK(split(SplitPattern::kO200k, "hello\n\n world") == "[hello][\n\n][ world]");
  SUBCASE("titlecase and modifier letters") {
    // U+01C5 (Lt) starts a word; U+02B0 (Lm) belongs to both word classes, so
    // the first alternative ends after the last one, before the capital.
    CHECK(split(SplitPattern::kO200k, "\xC7\x85" "emo \xCA\xB0\xCA\xB0" "A") ==
          "[\xC7\x85" "emo][ \xCA\xB0\xCA\xB0][A]");
  }
  SUBCASE("a mark can be the prefix or, failing that, the word") {
    // U+0301 is neither letter nor number, so it can be the optional prefix;
    // before "A!" both alternatives fail with it as prefix, and the first one
    // then matches the mark alone.
    CHECK(split(SplitPattern::kO200k, "\xCC\x81" "A!") == "[\xCC\x81][A][!]");
    CHECK(split(SplitPattern::kO200k, " \xCC\x81x") == "[ \xCC\x81x]");
  }
}

TEST_CASE("combining marks, CJK and emoji group like the regex classes say") {
  const std::string decomposed = "cafe\xCC\x81";  // e + COMBINING ACUTE ACCENT
  CHECK(split(SplitPattern::kGpt2, decomposed) == "[cafe][\xCC\x81]");
  CHECK(split(SplitPattern::kCl100k, decomposed) == "[cafe][\xCC\x81]");
  CHECK(split(SplitPattern::kO200k, decomposed) == "[cafe\xCC\x81]");

  const std::string cjk = "\xE4\xB8\xAD\xE6\x96\x87 \xE3\x83\x86\xE3\x82\xB9\xE3\x83\x88";  // 中文 テスト
  for (SplitPattern pattern : kRegexPatterns) {
    CAPTURE(split_pattern_name(pattern));
    CHECK(split(pattern, cjk) == "[\xE4\xB8\xAD\xE6\x96\x87][ \xE3\x83\x86\xE3\x82\xB9\xE3\x83\x88]");
  }

  // Thumbs up + skin tone, then woman + ZWJ + laptop: symbols, modifiers and a
  // format character, all [^\s\p{L}\p{N}].
  const std::string thumbs = "\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD";
  const std::string coder = "\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x92\xBB";
  for (SplitPattern pattern : kRegexPatterns) {
    CAPTURE(split_pattern_name(pattern));
    CHECK(split(pattern, thumbs + " ok " + coder + "!") == "[" + thumbs + "][ ok][ " + coder + "!]");
  }
}

TEST_CASE("Unicode whitespace is \\s, and look-alikes are not") {
  // NO-BREAK SPACE and IDEOGRAPHIC SPACE are White_Space; ZERO WIDTH SPACE and
  // the BOM are not, so they group like punctuation.
  CHECK(split(SplitPattern::kGpt2, "a\xC2\xA0\xC2\xA0" "b") == "[a][\xC2\xA0][\xC2\xA0][b]");
  CHECK(split(SplitPattern::kCl100k, "a\xE3\x80\x80" "b") == "[a][\xE3\x80\x80" "b]");
  CHECK(split(SplitPattern::kGpt2, "a\xE2\x80\x8B" "b") == "[a][\xE2\x80\x8B][b]");
  CHECK(split(SplitPattern::kGpt2, "a \xEF\xBB\xBF") == "[a][ \xEF\xBB\xBF]");
  // NEXT LINE (U+0085) is White_Space but not [\r\n].
  CHECK(split(SplitPattern::kCl100k, "a\xC2\x85\xC2\x85" "b") == "[a][\xC2\x85][\xC2\x85" "b]");
}

TEST_CASE("malformed UTF-8 bytes group like punctuation") {
  CHECK(split(SplitPattern::kGpt2, "a\xFF" "b") == "[a][\xFF][b]");
  CHECK(split(SplitPattern::kGpt2, " \xFF\xFE") == "[ \xFF\xFE]");
  CHECK(split(SplitPattern::kCl100k, "a\xFF" "b") == "[a][\xFF" "b]");
  CHECK(split(SplitPattern::kO200k, "a\xFF" "b") == "[a][\xFF" "b]");
  // A truncated three-byte sequence is two malformed units.
  CHECK(split(SplitPattern::kCl100k, "\xE2\x82x") == "[\xE2\x82][x]");
  CHECK(split(SplitPattern::kO200k, "\xE2\x82x") == "[\xE2\x82][x]");
  CHECK(split(SplitPattern::kWhitespace, "\xFF \xC0\xAF") == "[\xFF][\xC0\xAF]");
}

TEST_CASE("empty text has no pieces") {
  for (SplitPattern pattern : {SplitPattern::kGpt2, SplitPattern::kCl100k, SplitPattern::kO200k,
                               SplitPattern::kWhitespace, SplitPattern::kNone}) {
    CAPTURE(split_pattern_name(pattern));
    CHECK(split(pattern, "") == "");
  }
  CHECK(split(SplitPattern::kWhitespace, " \t\n\xE3\x80\x80") == "");
}

TEST_CASE("whitespace splitting keeps the runs between Unicode whitespace") {
  CHECK(split(SplitPattern::kWhitespace, "  a b\t\ncd  ") == "[a][b][cd]");
  CHECK(split(SplitPattern::kWhitespace, "x\xE3\x80\x80y\xE2\x80\x8Bz") == "[x][y\xE2\x80\x8Bz]");
  CHECK(split(SplitPattern::kNone, " a b ") == "[ a b ]");
}

TEST_CASE("pieces are appended to the output") {
  std::vector<ByteSpan> pieces;
  pre_tokenize(SplitPattern::kGpt2, "a b", pieces);
  pre_tokenize(SplitPattern::kGpt2, "c", pieces);
  REQUIRE(pieces.size() == 3);
  CHECK(pieces[1].begin == 1);
  CHECK(pieces[1].end == 3);
  CHECK(pieces[2].begin == 0);
  CHECK(pieces[2].end == 1);
}

TEST_CASE("pieces cover every hard text exactly, in order") {
  const std::vector<std::string> texts = {
      "",
      " ",
      "\n",
      "'",
      "''s",
      "   \t\t\n\r\n \xC2\xA0x",
      "x\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x92\xBB\xF0\x9F\x8F\xBD 1234567890 \xD9\xA1\xD9\xA2",
      "\xCC\x81\xCC\x81" "A\xCC\x81" "a\xCA\xB0" "B'\xC5\xBF",
      "\xFF\xFE\xE2\x82\xF0\x9F\x98 \xED\xA0\x80\xC0\xAF\xF4\x90\x80\x80",
      "path/to/file.txt\r\n\r\n  // comment\n\tint x = 42;  ",
  };
  for (SplitPattern pattern : {SplitPattern::kGpt2, SplitPattern::kCl100k, SplitPattern::kO200k,
                               SplitPattern::kWhitespace, SplitPattern::kNone}) {
    for (const std::string& text : texts) {
      CAPTURE(split_pattern_name(pattern));
      CAPTURE(text);
      std::vector<ByteSpan> pieces;
      pre_tokenize(pattern, text, pieces);
      std::string rebuilt;
      std::uint32_t previous_end = 0;
      for (const ByteSpan& piece : pieces) {
        REQUIRE(piece.begin < piece.end);
        REQUIRE(piece.begin >= previous_end);
        REQUIRE(piece.end <= text.size());
        rebuilt += text.substr(piece.begin, piece.end - piece.begin);
        if (pattern == SplitPattern::kWhitespace) {
          // Skipped bytes are whitespace; kept units are not.
          for (std::size_t pos = previous_end; pos < piece.begin;) {
            const utf8::Decoded unit = utf8::decode(text, pos);
            CHECK(unicode::is_white_space(unit.codepoint));
            pos += unit.length;
          }
          for (std::size_t pos = piece.begin; pos < piece.end;) {
            const utf8::Decoded unit = utf8::decode(text, pos);
            CHECK_FALSE(unicode::is_white_space(unit.codepoint));
            pos += unit.length;
          }
        } else {
          CHECK(piece.begin == previous_end);
        }
        previous_end = piece.end;
      }
      if (pattern != SplitPattern::kWhitespace) CHECK(rebuilt == text);
    }
  }
}

TEST_CASE("split patterns are found by name or by their regular expression") {
  SUBCASE("names") {
    CHECK(split_pattern_from_name("gpt2") == SplitPattern::kGpt2);
    CHECK(split_pattern_from_name("r50k_base") == SplitPattern::kGpt2);
    CHECK(split_pattern_from_name("p50k") == SplitPattern::kGpt2);
    CHECK(split_pattern_from_name("cl100k_base") == SplitPattern::kCl100k);
    CHECK(split_pattern_from_name("llama3") == SplitPattern::kCl100k);
    CHECK(split_pattern_from_name("o200k") == SplitPattern::kO200k);
    CHECK(split_pattern_from_name("whitespace") == SplitPattern::kWhitespace);
    CHECK(split_pattern_from_name("none") == SplitPattern::kNone);
  }
  SUBCASE("regular expressions") {
    CHECK(split_pattern_from_name(
              R"('s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+)") ==
          SplitPattern::kGpt2);
    CHECK(split_pattern_from_name(
              R"((?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+)") ==
          SplitPattern::kCl100k);
    CHECK(split_pattern_from_name(
              R"([^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?|[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n/]*|\s*[\r\n]+|\s+(?!\S)|\s+)") ==
          SplitPattern::kO200k);
  }
  SUBCASE("canonical names round-trip") {
    for (SplitPattern pattern : {SplitPattern::kGpt2, SplitPattern::kCl100k, SplitPattern::kO200k,
                                 SplitPattern::kWhitespace, SplitPattern::kNone}) {
      CHECK(split_pattern_from_name(split_pattern_name(pattern)) == pattern);
    }
  }
  SUBCASE("anything else is an error naming the supported patterns") {
    CHECK_THROWS_AS(split_pattern_from_name("GPT2"), UsageError);
    CHECK_THROWS_AS(split_pattern_from_name(R"(\w+|\s+)"), UsageError);
    // cl100k's pattern with a trailing-whitespace alternative added: not the same splits.
    CHECK_THROWS_AS(
        split_pattern_from_name(
            R"('(?i:[sdmt]|ll|ve|re)|[^\r\n\p{L}\p{N}]?+\p{L}++|\p{N}{1,3}+| ?[^\s\p{L}\p{N}]++[\r\n]*+|\s++$|\s*[\r\n]|\s+(?!\S)|\s)"),
        UsageError);
    try {
      split_pattern_from_name("bert");
      FAIL("no exception");
    } catch (const UsageError& error) {
      const std::string message = error.what();
      CHECK(message.find("\"bert\"") != std::string::npos);
      CHECK(message.find("cl100k") != std::string::npos);
      CHECK(message.find("o200k") != std::string::npos);
    }
  }
}

}  // namespace
}  // namespace tokenlab
