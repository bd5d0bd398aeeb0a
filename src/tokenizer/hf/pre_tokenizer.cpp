#include "tokenizer/hf/pre_tokenizer.h"

#include <algorithm>

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
  result.add_metaspace(std::move(replacement), prepend, split);
  return result;
}

void HfPreTokenizer::add_metaspace(std::string replacement, Prepend prepend, bool split) {
  metaspaces_.push_back({steps_.size(), replacement, prepend});
  // Rust: split(replacement, MergedWithNext) right after the rewrite.
  if (split) steps_.push_back(SplitStep::before_each(std::move(replacement)));
}

void HfPreTokenizer::pre_tokenize(NormalizedText& segment, bool at_text_start, std::vector<ByteSpan>& pieces) const {
  if (segment.empty()) return;
  if (add_prefix_space_ && segment.text[0] != ' ') {
    NormalizedText prefixed;
    const std::uint32_t at = segment.origins[0].begin;
    prefixed.append_replacement(" ", {at, at});
    prefixed.append_from(segment, 0, segment.size());
    segment = std::move(prefixed);
  }
  if (metaspaces_.empty()) {
    split(segment.text, pieces);
    return;
  }
  std::vector<ByteSpan>& current = between_[0];
  current.assign(1, ByteSpan{0, segment.size()});
  std::size_t step = 0;
  for (const Metaspace& metaspace : metaspaces_) {
    run_steps(segment.text, step, metaspace.before_step, current);
    rewrite_pieces(metaspace, metaspace.before_step == 0, at_text_start, segment, current);
    step = metaspace.before_step;
  }
  run_steps(segment.text, step, steps_.size(), current);
  pieces.insert(pieces.end(), current.begin(), current.end());
}

void HfPreTokenizer::run_steps(std::string_view text, std::size_t first, std::size_t last,
                               std::vector<ByteSpan>& current) const {
  std::vector<ByteSpan>& next = between_[1];
  for (std::size_t i = first; i < last; ++i) {
    next.clear();
    for (const ByteSpan piece : current) steps_[i].split(text, piece, next);
    current.swap(next);
  }
}

void HfPreTokenizer::rewrite_pieces(const Metaspace& metaspace, bool whole_segment, bool at_text_start,
                                    NormalizedText& segment, std::vector<ByteSpan>& pieces) const {
  NormalizedText& out = rewritten_;
  out.clear();
  const std::string& replacement = metaspace.replacement;
  const std::string_view text(segment.text);
  for (ByteSpan& piece : pieces) {
    const std::uint32_t begin = out.size();
    const std::string_view part = text.substr(piece.begin, piece.end - piece.begin);
    // Rust replaces first, then asks whether the piece starts with the replacement.
    const bool starts_with_replacement = part[0] == ' ' || part.starts_with(replacement);
    // A whole segment starts the text when the segment does; a piece a step
    // cut out, when its first byte comes from offset 0 (Rust's offsets_original).
    const bool at_start = whole_segment ? at_text_start : segment.origins[piece.begin].begin == 0;
    if (!starts_with_replacement &&
        (metaspace.prepend == Prepend::kAlways || (metaspace.prepend == Prepend::kFirst && at_start))) {
      const std::uint32_t at = segment.origins[piece.begin].begin;
      out.append_replacement(replacement, {at, at});
    }
    for (std::uint32_t pos = piece.begin; pos < piece.end;) {
      if (segment.text[pos] == ' ') {
        out.append_replacement(replacement, segment.origins[pos]);
        ++pos;
        continue;
      }
      const std::size_t space = text.find(' ', pos);
      const auto run_end = static_cast<std::uint32_t>(std::min<std::size_t>(space, piece.end));
      out.append_from(segment, pos, run_end - pos);
      pos = run_end;
    }
    piece = {begin, out.size()};
  }
  std::swap(segment, out);
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
