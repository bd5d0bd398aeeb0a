#include "tokenizer/hf/split_step.h"

#include <algorithm>

#include "tokenizer/bpe/short_bytes.h"
#include "tokenizer/unicode/hf_rust_tables.h"
#include "tokenizer/unicode/text_classes.h"
#include "tokenizer/unicode/unicode_versions.h"
#include "tokenizer/unicode/utf8.h"

namespace tokenlab {

namespace {

// BertPreTokenizer as the Rust library runs it: split at whitespace
// (char::is_whitespace, White_Space), which is removed, then isolate each
// punctuation character (ASCII punctuation or P* of Unicode 8.0); one pass
// gives the same pieces as /[^\s<punct>]+|[<punct>]/ with those classes.
void split_bert(std::string_view text, std::uint32_t offset, std::vector<ByteSpan>& pieces) {
  const auto size = static_cast<std::uint32_t>(text.size());
  std::uint32_t word_begin = 0;
  bool in_word = false;
  for (std::uint32_t pos = 0; pos < size;) {
    const utf8::Decoded unit = utf8::decode(text, pos);
    const bool space = hf_rust::is_white_space(unit.codepoint);
    const bool punctuation = !space && is_bert_punctuation(unit.codepoint);
    if (space || punctuation) {
      // [^\s<punct>]+ ends here
      if (in_word) pieces.push_back({offset + word_begin, offset + pos});
      in_word = false;
      // [<punct>]
      if (punctuation) pieces.push_back({offset + pos, offset + pos + unit.length});
    } else if (!in_word) {
      in_word = true;
      word_begin = pos;
    }
    pos += unit.length;
  }
  if (in_word) pieces.push_back({offset + word_begin, offset + size});
}

void split_before(std::string_view text, std::uint32_t offset, std::string_view marker, std::vector<ByteSpan>& pieces) {
  const auto size = static_cast<std::uint32_t>(text.size());
  std::uint32_t begin = 0;
  for (std::size_t found = text.find(marker, 1); found != std::string_view::npos;
       found = text.find(marker, found + marker.size())) {
    pieces.push_back({offset + begin, offset + static_cast<std::uint32_t>(found)});
    begin = static_cast<std::uint32_t>(found);
  }
  if (size > begin) pieces.push_back({offset + begin, offset + size});
}

// Rust's char::is_numeric: general categories Nd, Nl and No.
bool is_numeric(char32_t codepoint) {
  if (codepoint < 0x80) return codepoint >= '0' && codepoint <= '9';
  return (unicode::flags(codepoint) & unicode::kNumber) != 0;
}

// Hugging Face's is_punc: ASCII punctuation (symbols included) or P*, the set BERT uses.
bool is_punctuation(char32_t codepoint) { return is_bert_punctuation(codepoint); }

// True when text holds a character the splitters' tables and Unicode 16.0
// disagree on. Those all lie at U+0897 and above, so only characters of three
// or four UTF-8 bytes need decoding.
bool needs_unicode_16(std::string_view text) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t size = text.size();
  for (std::size_t pos = 0; pos < size;) {
    if (size - pos >= 8) {
      // No byte of the 8 has its top three bits set (none is 0xE0 or above):
      // within each byte, a left shift moves bit 6 and bit 5 under bit 7.
      const std::uint64_t word = short_bytes::load_u64(text.data() + pos);
      if ((word & (word << 1) & (word << 2) & 0x8080808080808080ull) == 0) {
        pos += 8;
        continue;
      }
    }
    if (bytes[pos] < 0xE0) {
      ++pos;
      continue;
    }
    const utf8::Decoded unit = utf8::decode(text, pos);
    if (unicode::changes_in_unicode_16(unit.codepoint)) return true;
    pos += unit.length;
  }
  return false;
}

bool has_regex(SplitPattern pattern) {
  return pattern != SplitPattern::kWhitespace && pattern != SplitPattern::kNone;
}

// Each character for which keep(c) holds is a match of its own.
template <class Predicate>
void match_characters(std::string_view text, Predicate keep, std::vector<ByteSpan>& matches) {
  const auto size = static_cast<std::uint32_t>(text.size());
  for (std::uint32_t pos = 0; pos < size;) {
    const utf8::Decoded unit = utf8::decode(text, pos);
    if (keep(unit.codepoint)) matches.push_back({pos, pos + unit.length});
    pos += unit.length;
  }
}

}  // namespace

SplitStep SplitStep::pattern(SplitPattern pattern) {
  SplitStep step;
  step.kind_ = Kind::kPattern;
  step.pattern_ = pattern;
  return step;
}

SplitStep SplitStep::regex(std::shared_ptr<const Regex> regex, SplitBehavior behavior, bool invert) {
  SplitStep step;
  step.kind_ = Kind::kRegex;
  step.regex_ = std::move(regex);
  step.behavior_ = behavior;
  step.invert_ = invert;
  return step;
}

SplitStep SplitStep::literal(std::string text, SplitBehavior behavior, bool invert) {
  SplitStep step;
  step.kind_ = Kind::kLiteral;
  step.text_ = std::move(text);
  step.behavior_ = behavior;
  step.invert_ = invert;
  return step;
}

SplitStep SplitStep::bert() {
  SplitStep step;
  step.kind_ = Kind::kBert;
  return step;
}

SplitStep SplitStep::before_each(std::string marker) {
  SplitStep step;
  step.kind_ = Kind::kBeforeEach;
  step.text_ = std::move(marker);
  return step;
}

SplitStep SplitStep::digits(bool individual) {
  SplitStep step;
  step.kind_ = Kind::kDigits;
  step.individual_ = individual;
  step.behavior_ = individual ? SplitBehavior::kIsolated : SplitBehavior::kContiguous;
  return step;
}

SplitStep SplitStep::punctuation(SplitBehavior behavior) {
  SplitStep step;
  step.kind_ = Kind::kPunctuation;
  step.behavior_ = behavior;
  return step;
}

void SplitStep::split(std::string_view text, ByteSpan piece, std::vector<ByteSpan>& pieces) const {
  if (piece.begin >= piece.end) return;
  const std::string_view part = text.substr(piece.begin, piece.end - piece.begin);
  switch (kind_) {
    case Kind::kPattern: {
      if (has_regex(pattern_) && needs_unicode_16(part)) {
        if (!regex_) regex_ = std::make_shared<const Regex>(split_pattern_regex(pattern_));
        break;  // Isolated matches of the same expression, below
      }
      const std::size_t first = pieces.size();
      pre_tokenize(pattern_, part, pieces);
      for (std::size_t i = first; i < pieces.size(); ++i) {
        pieces[i].begin += piece.begin;
        pieces[i].end += piece.begin;
      }
      return;
    }
    case Kind::kBert: return split_bert(part, piece.begin, pieces);
    case Kind::kBeforeEach: return split_before(part, piece.begin, text_, pieces);
    default: break;
  }
  matches_.clear();
  find_matches(part, matches_);
  // Mark every byte of the part: the matches, and the gaps between them.
  marked_.clear();
  std::uint32_t covered = 0;
  for (const ByteSpan match : matches_) {
    if (match.begin > covered) marked_.push_back({{covered, match.begin}, invert_});
    marked_.push_back({match, !invert_});
    covered = match.end;
  }
  const auto size = static_cast<std::uint32_t>(part.size());
  if (covered < size) marked_.push_back({{covered, size}, invert_});
  apply_behavior(piece.begin, pieces);
}

void SplitStep::find_matches(std::string_view part, std::vector<ByteSpan>& matches) const {
  switch (kind_) {
    case Kind::kPattern:
    case Kind::kRegex: return regex_->find_all(part, matches);
    case Kind::kLiteral: {
      // An empty pattern matches nothing: the whole part stays one piece.
      if (text_.empty()) return;
      for (std::size_t found = part.find(text_); found != std::string_view::npos;
           found = part.find(text_, found + text_.size())) {
        matches.push_back({static_cast<std::uint32_t>(found), static_cast<std::uint32_t>(found + text_.size())});
      }
      return;
    }
    case Kind::kDigits: return match_characters(part, is_numeric, matches);
    case Kind::kPunctuation: return match_characters(part, is_punctuation, matches);
    default: return;
  }
}

void SplitStep::apply_behavior(std::uint32_t offset, std::vector<ByteSpan>& pieces) const {
  const auto emit = [&](ByteSpan span) {
    if (span.begin < span.end) pieces.push_back({offset + span.begin, offset + span.end});
  };
  switch (behavior_) {
    case SplitBehavior::kIsolated:
      for (const Marked& marked : marked_) emit(marked.span);
      return;
    case SplitBehavior::kRemoved:
      for (const Marked& marked : marked_) {
        if (!marked.match) emit(marked.span);
      }
      return;
    default: break;
  }
  // The merging behaviours grow a current piece and emit it when one starts.
  // MergedWithPrevious: a match joins the piece before it, unless that one
  // ended in a match too. MergedWithNext: the same from the right. Contiguous:
  // neighbours with the same mark join.
  const std::size_t first = pieces.size();
  bool has_current = false;
  ByteSpan current{0, 0};
  bool previous_match = false;
  const auto step = [&](const Marked& marked, bool joins) {
    if (has_current && joins) {
      current.begin = std::min(current.begin, marked.span.begin);
      current.end = std::max(current.end, marked.span.end);
    } else {
      if (has_current) emit(current);
      current = marked.span;
      has_current = true;
    }
    previous_match = marked.match;
  };
  if (behavior_ == SplitBehavior::kMergedWithNext) {
    for (auto it = marked_.rbegin(); it != marked_.rend(); ++it) step(*it, it->match && !previous_match);
    if (has_current) emit(current);
    std::reverse(pieces.begin() + static_cast<std::ptrdiff_t>(first), pieces.end());
    return;
  }
  for (const Marked& marked : marked_) {
    step(marked, behavior_ == SplitBehavior::kContiguous ? marked.match == previous_match
                                                          : marked.match && !previous_match);
  }
  if (has_current) emit(current);
}

}  // namespace tokenlab
