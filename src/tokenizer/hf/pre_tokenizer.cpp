#include "tokenizer/hf/pre_tokenizer.h"

#include "tokenizer/unicode/utf8.h"

namespace tokenlab {

HfPreTokenizer HfPreTokenizer::steps(std::vector<SplitStep> steps, bool byte_level, bool add_prefix_space) {
  HfPreTokenizer result;
  result.steps_ = std::move(steps);
  result.byte_level_ = byte_level;
  result.add_prefix_space_ = add_prefix_space;
  return result;
}

HfPreTokenizer HfPreTokenizer::metaspace(std::string replacement, Prepend prepend, bool split) {
  HfPreTokenizer result;
  result.metaspace_ = true;
  result.replacement_ = std::move(replacement);
  result.prepend_ = prepend;
  if (split) result.steps_.push_back(SplitStep::before_each(result.replacement_));
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
  if (!metaspace_) return;
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
  const ByteSpan whole{0, static_cast<std::uint32_t>(text.size())};
  if (steps_.empty()) {
    pieces.push_back(whole);
    return;
  }
  if (steps_.size() == 1) {
    steps_[0].split(text, whole, pieces);
    return;
  }
  // Each step splits every piece of the one before; the last writes pieces.
  std::vector<ByteSpan>* current = &between_[0];
  current->assign(1, whole);
  for (std::size_t i = 0; i < steps_.size(); ++i) {
    const bool last = i + 1 == steps_.size();
    std::vector<ByteSpan>& next = last ? pieces : between_[current == &between_[0] ? 1 : 0];
    if (!last) next.clear();
    for (const ByteSpan piece : *current) steps_[i].split(text, piece, next);
    current = &next;
  }
}

}  // namespace tokenlab
