#include "tokenizer/normalizer.h"

#include "tokenizer/errors.h"
#include "tokenizer/unicode_tables.h"

namespace tokenlab {

void SequenceNormalizer::normalize(const NormalizedText& in, NormalizedText& out) const {
  if (steps_.empty()) {
    out = in;
    return;
  }
  // Alternate between out and a scratch buffer so the last step writes out.
  NormalizedText scratch;
  const NormalizedText* source = &in;
  for (std::size_t i = 0; i < steps_.size(); ++i) {
    const bool last_writes_out = (steps_.size() - i) % 2 == 1;
    NormalizedText& target = last_writes_out ? out : scratch;
    steps_[i]->normalize(*source, target);
    source = &target;
  }
}

void PrependNormalizer::normalize(const NormalizedText& in, NormalizedText& out) const {
  out.clear();
  if (in.empty()) return;
  const std::uint32_t at = in.origins[0].begin;
  out.append_replacement(prefix_, {at, at});
  out.append_from(in, 0, in.size());
}

ReplaceNormalizer::ReplaceNormalizer(std::string pattern, std::string content)
    : pattern_(std::move(pattern)), content_(std::move(content)) {
  if (pattern_.empty()) throw UsageError("Replace normalizer: the pattern is empty");
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

void LowercaseNormalizer::normalize(const NormalizedText& in, NormalizedText& out) const { lowercase_text(in, out); }

void NfdNormalizer::normalize(const NormalizedText& in, NormalizedText& out) const {
  decompose_text(in, out, /*drop_nonspacing_marks=*/false);
}

void StripAccentsNormalizer::normalize(const NormalizedText& in, NormalizedText& out) const {
  out.clear();
  for (std::uint32_t pos = 0; pos < in.size();) {
    const utf8::Decoded unit = utf8::decode(in.text, pos);
    if (!(unicode::flags(unit.codepoint) & unicode::kMark)) out.append_from(in, pos, unit.length);
    pos += unit.length;
  }
}

}  // namespace tokenlab
