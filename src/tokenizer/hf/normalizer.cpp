#include "tokenizer/hf/normalizer.h"

#include <algorithm>

#include "tokenizer/errors.h"
#include "tokenizer/unicode/hf_rust_tables.h"
#include "tokenizer/unicode/unicode_tables.h"

namespace tokenlab {

void Normalizer::normalize_original(std::string_view text, std::uint32_t begin, NormalizedText& out) const {
  original_.assign_original(text, begin);
  normalize(original_, out);
}

void SequenceNormalizer::run_from(std::size_t first, const NormalizedText& in, NormalizedText& out) const {
  // Alternate between the scratch buffers so that the last step writes out.
  const NormalizedText* source = &in;
  for (std::size_t i = first; i < steps_.size(); ++i) {
    NormalizedText& target = i + 1 == steps_.size() ? out : scratch_[i % 2];
    steps_[i]->normalize(*source, target);
    source = &target;
  }
}

void SequenceNormalizer::normalize(const NormalizedText& in, NormalizedText& out) const {
  if (steps_.empty()) {
    out = in;
    return;
  }
  run_from(0, in, out);
}

void SequenceNormalizer::normalize_original(std::string_view text, std::uint32_t begin, NormalizedText& out) const {
  if (steps_.empty()) {
    out.assign_original(text, begin);
    return;
  }
  if (steps_.size() == 1) {
    steps_[0]->normalize_original(text, begin, out);
    return;
  }
  steps_[0]->normalize_original(text, begin, first_);
  run_from(1, first_, out);
}

bool SequenceNormalizer::space_rewrite(SpaceRewrite& rewrite) const {
  for (const auto& step : steps_) {
    if (!step->space_rewrite(rewrite)) return false;
  }
  return true;
}

bool PrependNormalizer::space_rewrite(SpaceRewrite& rewrite) const {
  // Text the steps before leave non-empty stays so: the prefix goes first.
  if (rewrite.space.empty()) return false;
  rewrite.prefix.insert(0, prefix_);
  return true;
}

void PrependNormalizer::normalize(const NormalizedText& in, NormalizedText& out) const {
  out.clear();
  if (in.empty()) return;
  const std::uint32_t at = in.origins[0].begin;
  out.append_replacement(prefix_, {at, at});
  out.append_from(in, 0, in.size());
}

void PrependNormalizer::normalize_original(std::string_view text, std::uint32_t begin, NormalizedText& out) const {
  out.clear();
  if (text.empty()) return;
  out.append_replacement(prefix_, {begin, begin});
  out.append_original(text, begin);
}

ReplaceNormalizer::ReplaceNormalizer(std::string pattern, std::string content)
    : pattern_(std::move(pattern)), content_(std::move(content)) {
  if (pattern_.empty()) throw UsageError("Replace normalizer: the pattern is empty");
}

bool ReplaceNormalizer::space_rewrite(SpaceRewrite& rewrite) const {
  if (pattern_ != " " || content_.empty()) return false;
  // A space byte is a whole character in UTF-8, so replacing each one in the
  // prefix and in the space's replacement is replacing each one in the text.
  for (std::string* part : {&rewrite.prefix, &rewrite.space}) {
    std::string replaced;
    for (const char byte : *part) {
      if (byte == ' ') {
        replaced += content_;
      } else {
        replaced += byte;
      }
    }
    *part = std::move(replaced);
  }
  return true;
}

void ReplaceNormalizer::normalize(const NormalizedText& in, NormalizedText& out) const {
  out.clear();
  out.text.reserve(in.text.size());
  out.origins.reserve(in.origins.size());
  const std::string_view text = in.text;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t found = text.find(pattern_, pos);
    const std::size_t copy_end = found == std::string_view::npos ? text.size() : found;
    out.append_from(in, static_cast<std::uint32_t>(pos), static_cast<std::uint32_t>(copy_end - pos));
    if (found == std::string_view::npos) break;
    // An empty content removes the match; no byte then maps to its span.
    if (!content_.empty()) {
      out.append_replacement(content_, in.original_span(static_cast<std::uint32_t>(found),
                                                        static_cast<std::uint32_t>(found + pattern_.size())));
    }
    pos = found + pattern_.size();
  }
}

void ReplaceNormalizer::normalize_original(std::string_view text, std::uint32_t begin, NormalizedText& out) const {
  out.clear();
  out.text.reserve(text.size());
  out.origins.reserve(text.size());
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t found = text.find(pattern_, pos);
    const std::size_t copy_end = found == std::string_view::npos ? text.size() : found;
    out.append_original(text.substr(pos, copy_end - pos), begin + static_cast<std::uint32_t>(pos));
    if (found == std::string_view::npos) break;
    if (!content_.empty()) {
      const auto at = begin + static_cast<std::uint32_t>(found);
      out.append_replacement(content_, {at, at + static_cast<std::uint32_t>(pattern_.size())});
    }
    pos = found + pattern_.size();
  }
}

void RegexReplaceNormalizer::normalize(const NormalizedText& in, NormalizedText& out) const {
  out.clear();
  matches_.clear();
  regex_->find_all(in.text, matches_);
  std::uint32_t copied = 0;
  for (const ByteSpan match : matches_) {
    out.append_from(in, copied, match.begin - copied);
    if (!content_.empty()) {
      // An empty match inserts the content where it is, covering nothing.
      const std::uint32_t at = match.begin < in.size() ? in.origins[match.begin].begin
                                                        : (in.empty() ? 0 : in.origins.back().end);
      out.append_replacement(content_, match.begin < match.end ? in.original_span(match.begin, match.end)
                                                                 : ByteSpan{at, at});
    }
    copied = match.end;
  }
  out.append_from(in, copied, in.size() - copied);
}

void LowercaseNormalizer::normalize(const NormalizedText& in, NormalizedText& out) const {
  strip_and_lowercase(in, out, false, true);
}

void UnicodeFormNormalizer::normalize(const NormalizedText& in, NormalizedText& out) const {
  normalize_form(in, out, form_);
}

void UnicodeFormNormalizer::normalize_original(std::string_view text, std::uint32_t begin,
                                               NormalizedText& out) const {
  // Normalized already, as nearly all text is for NFC: one pass, no scratch copy.
  if (passes_quick_check(text, form_)) {
    out.assign_original(text, begin);
    return;
  }
  Normalizer::normalize_original(text, begin, out);
}

std::pair<std::uint32_t, std::uint32_t> StripNormalizer::kept(std::string_view text) const {
  const auto size = static_cast<std::uint32_t>(text.size());
  std::uint32_t first = 0;
  std::uint32_t last = 0;  // the end of the last character that is not White_Space
  bool seen = !left_;      // a character that is not White_Space, or nothing to strip on the left
  for (std::uint32_t pos = 0; pos < size;) {
    const utf8::Decoded unit = utf8::decode(text, pos);
    pos += unit.length;
    if (unicode::is_white_space(unit.codepoint)) {
      if (!seen) first = pos;
      continue;
    }
    seen = true;
    last = pos;
    if (!right_) break;
  }
  return {first, right_ ? std::max(first, last) : size};
}

void StripNormalizer::normalize(const NormalizedText& in, NormalizedText& out) const {
  const auto [first, second] = kept(in.text);
  out.clear();
  out.append_from(in, first, second - first);
}

void StripNormalizer::normalize_original(std::string_view text, std::uint32_t begin, NormalizedText& out) const {
  const auto [first, second] = kept(text);
  out.assign_original(text.substr(first, second - first), begin + first);
}

void StripAccentsNormalizer::normalize(const NormalizedText& in, NormalizedText& out) const {
  out.clear();
  for (std::uint32_t pos = 0; pos < in.size();) {
    const utf8::Decoded unit = utf8::decode(in.text, pos);
    // The marks of Unicode 9.0, as the Rust library's is_combining_mark: a mark assigned since stays.
    if (!hf_rust::is_combining_mark(unit.codepoint)) out.append_from(in, pos, unit.length);
    pos += unit.length;
  }
}

}  // namespace tokenlab
