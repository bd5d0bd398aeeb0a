#include "tokenizer/hf/pre_tokenizer.h"

#include "tokenizer/unicode/text_classes.h"
#include "tokenizer/unicode/utf8.h"

namespace tokenlab {

namespace {

// BertPreTokenizer, transformers.js's /[^\s<punct>]+|[<punct>]/gu: whitespace
// separates and is dropped; every punctuation character is a piece of its own.
void split_bert(std::string_view text, std::vector<ByteSpan>& pieces) {
  const auto size = static_cast<std::uint32_t>(text.size());
  std::uint32_t word_begin = 0;
  bool in_word = false;
  for (std::uint32_t pos = 0; pos < size;) {
    const utf8::Decoded unit = utf8::decode(text, pos);
    const bool space = is_js_space(unit.codepoint);
    const bool punctuation = !space && is_bert_punctuation(unit.codepoint);
    if (space || punctuation) {
      // [^\s<punct>]+ ends here
      if (in_word) pieces.push_back({word_begin, pos});
      in_word = false;
      // [<punct>]
      if (punctuation) pieces.push_back({pos, pos + unit.length});
    } else if (!in_word) {
      in_word = true;
      word_begin = pos;
    }
    pos += unit.length;
  }
  if (in_word) pieces.push_back({word_begin, size});
}

// Metaspace with split: a piece starts at every replacement (Hugging Face's
// MergedWithNext behaviour), so "▁a▁▁b" -> "▁a" "▁" "▁b".
void split_before(std::string_view text, std::string_view replacement, std::vector<ByteSpan>& pieces) {
  const auto size = static_cast<std::uint32_t>(text.size());
  std::uint32_t begin = 0;
  for (std::size_t found = text.find(replacement, 1); found != std::string_view::npos;
       found = text.find(replacement, found + replacement.size())) {
    pieces.push_back({begin, static_cast<std::uint32_t>(found)});
    begin = static_cast<std::uint32_t>(found);
  }
  if (size > begin) pieces.push_back({begin, size});
}

}  // namespace

HfPreTokenizer HfPreTokenizer::pattern(SplitPattern pattern, bool byte_level, bool add_prefix_space) {
  HfPreTokenizer result;
  result.split_ = Split::kPattern;
  result.pattern_ = pattern;
  result.byte_level_ = byte_level;
  result.add_prefix_space_ = add_prefix_space;
  return result;
}

HfPreTokenizer HfPreTokenizer::bert() {
  HfPreTokenizer result;
  result.split_ = Split::kBert;
  return result;
}

HfPreTokenizer HfPreTokenizer::metaspace(std::string replacement, Prepend prepend, bool split) {
  HfPreTokenizer result;
  result.split_ = Split::kMetaspace;
  result.replacement_ = std::move(replacement);
  result.prepend_ = prepend;
  result.metaspace_split_ = split;
  return result;
}

void HfPreTokenizer::rewrite(NormalizedText& segment, bool at_text_start) const {
  if (segment.empty()) return;
  if (add_prefix_space_ && segment.text[0] != ' ') {
    NormalizedText prefixed;
    const std::uint32_t at = segment.origins[0].begin;
    prefixed.append_replacement(" ", {at, at});
    prefixed.append_from(segment, 0, segment.size());
    segment = std::move(prefixed);
  }
  if (split_ != Split::kMetaspace) return;
  NormalizedText replaced;
  for (std::uint32_t pos = 0; pos < segment.size(); ++pos) {
    if (segment.text[pos] == ' ') {
      replaced.append_replacement(replacement_, segment.origins[pos]);
    } else {
      replaced.append_from(segment, pos, 1);
    }
  }
  const bool prepend = replaced.text.compare(0, replacement_.size(), replacement_) != 0 &&
                       (prepend_ == Prepend::kAlways || (prepend_ == Prepend::kFirst && at_text_start));
  if (prepend) {
    segment.clear();
    const std::uint32_t at = replaced.origins[0].begin;
    segment.append_replacement(replacement_, {at, at});
    segment.append_from(replaced, 0, replaced.size());
  } else {
    segment = std::move(replaced);
  }
}

void HfPreTokenizer::split(std::string_view text, std::vector<ByteSpan>& pieces) const {
  if (text.empty()) return;
  switch (split_) {
    case Split::kNone:
      pieces.push_back({0, static_cast<std::uint32_t>(text.size())});
      return;
    case Split::kPattern:
      pre_tokenize(pattern_, text, pieces);
      return;
    case Split::kBert:
      split_bert(text, pieces);
      return;
    case Split::kMetaspace:
      if (metaspace_split_) {
        split_before(text, replacement_, pieces);
      } else {
        pieces.push_back({0, static_cast<std::uint32_t>(text.size())});
      }
      return;
  }
}

}  // namespace tokenlab
