#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "tokenizer/hf/added_vocabulary.h"

using namespace tokenlab;

namespace {

std::string describe(std::string_view text, const std::vector<AddedTokenMatcher::Segment>& segments) {
  std::string out;
  for (const auto& segment : segments) {
    if (!out.empty()) out += "|";
    if (segment.id != kNoRank) out.append("#").append(std::to_string(segment.id)).append(":");
    out += text.substr(segment.begin, segment.end - segment.begin);
  }
  return out;
}

std::string split(const AddedTokenMatcher& matcher, std::string_view text) {
  std::vector<AddedTokenMatcher::Segment> segments;
  matcher.split(text, segments);
  return describe(text, segments);
}

AddedToken token(std::string content, TokenId id) {
  AddedToken result;
  result.content = std::move(content);
  result.id = id;
  return result;
}

}  // namespace

TEST_CASE("added tokens split text leftmost first, longest at a position") {
  AddedTokenMatcher matcher;
  matcher.add(token("<s>", 1));
  matcher.add(token("</s>", 2));
  matcher.add(token("<s>x", 3));
  CHECK(split(matcher, "a<s>b</s>") == "a|#1:<s>|b|#2:</s>");
  CHECK(split(matcher, "<s>xy") == "#3:<s>x|y");
  CHECK(split(matcher, "<s><s>") == "#1:<s>|#1:<s>");
  CHECK(split(matcher, "plain") == "plain");
  CHECK(split(matcher, "").empty());
  CHECK(split(AddedTokenMatcher(), "a<s>") == "a<s>");
}

TEST_CASE("lstrip and rstrip take the neighbouring whitespace into the token") {
  AddedTokenMatcher matcher;
  AddedToken mask = token("[MASK]", 4);
  mask.lstrip = true;
  mask.rstrip = true;
  matcher.add(mask);
  CHECK(split(matcher, "a \u00a0[MASK]  b") == "a|#4: \u00a0[MASK]  |b");
  CHECK(split(matcher, "[MASK]") == "#4:[MASK]");
}

TEST_CASE("single_word tokens count only between non-word characters; stripping takes White_Space") {
  AddedTokenMatcher matcher;
  matcher.add({.content = "qzq", .id = 7, .single_word = true});
  matcher.add({.content = "<l>", .id = 8, .lstrip = true});
  const auto ids = [&](std::string_view text) {
    std::vector<AddedTokenMatcher::Segment> segments;
    matcher.split(text, segments);
    std::string shown;
    for (const auto& segment : segments) {
      shown += segment.id == kNoRank ? "[" + std::string(text.substr(segment.begin, segment.end - segment.begin)) + "]"
                                     : "<" + std::to_string(segment.id) + ">";
    }
    return shown;
  };
  CHECK(ids("a qzq b") == "[a ]<7>[ b]");
  CHECK(ids("aqzq b") == "[aqzq b]");        // a letter before it
  CHECK(ids("qzq_") == "[qzq_]");            // _ is a word character
  CHECK(ids("\xc3\xa9qzq") == "[\xc3\xa9qzq]");  // so is é
  CHECK(ids("\xc2\xb2qzq") == "[\xc2\xb2]<7>");  // superscript two (No) is not
  CHECK(ids("-qzq-") == "[-]<7>[-]");
  // U+0085 is White_Space (the Rust library strips it); U+FEFF is not.
  CHECK(ids("a\xc2\x85<l>") == "[a]<8>");
  CHECK(ids("a\xef\xbb\xbf<l>") == "[a\xef\xbb\xbf]<8>");
}

TEST_CASE("added tokens sharing their first bytes: the longest at a position, the first added of equal ones") {
  AddedTokenMatcher matcher;
  matcher.add(token("\n", 1));
  matcher.add(token("\n\n\n", 3));
  matcher.add(token("\n\n", 2));
  matcher.add(token("<unused1>", 10));
  matcher.add(token("<unused12>", 11));
  matcher.add(token("<unused1>", 12));  // the same content again: the first keeps it
  CHECK(split(matcher, "a\n\n\n\n\nb") == "a|#3:\n\n\n|#2:\n\n|b");
  // "<unused12" then "3": no token ends there, and the walk from each later "<" finds none either.
  CHECK(split(matcher, "<unused1><unused12><unused123><unused1>") ==
        "#10:<unused1>|#11:<unused12>|<unused123>|#10:<unused1>");
  CHECK(split(matcher, "<unuse") == "<unuse");
}

TEST_CASE("added tokens are found at every offset from 8-byte words, with few or many first bytes") {
  // One first byte, four (the scan tests 8 bytes at a time against each), and
  // six (a byte at a time). "=" and "?" sit just above "<" and ">": bytes
  // that the word test may flag next to a real match.
  const std::vector<std::vector<std::string>> sets = {
      {"<|a|>"}, {"<|a|>", "[b]", "{c}", "\n\n"}, {"<|a|>", "[b]", "{c}", "\n\n", "~d", "^e"}};
  for (const auto& contents : sets) {
    AddedTokenMatcher matcher;
    for (std::size_t i = 0; i < contents.size(); ++i) matcher.add(token(contents[i], static_cast<TokenId>(i + 1)));
    for (std::size_t gap = 0; gap < 20; ++gap) {
      for (const std::string& content : contents) {
        const std::string before(gap, gap % 2 ? '=' : 'x');
        const std::string text = before + content + "=?" + content + std::string(gap % 9, '?');
        const std::string id = std::to_string(&content - contents.data() + 1);
        std::string expected = before.empty() ? "" : before + "|";
        expected += "#" + id + ":" + content + "|=?|#" + id + ":" + content;
        if (gap % 9) expected += "|" + std::string(gap % 9, '?');
        CAPTURE(text);
        CHECK(split(matcher, text) == expected);
      }
    }
  }
  AddedTokenMatcher matcher;
  matcher.add(token("<|a|>", 1));
  CHECK(split(matcher, std::string(64, '<')) == std::string(64, '<'));
  CHECK(split(matcher, "no token in this longer line of text at all") == "no token in this longer line of text at all");
}
