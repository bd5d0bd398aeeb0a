#include "tokenizer/hf/precompiled_normalizer.h"

#include "tokenizer/hf/normalizer_sources.h"
#include "tokenizer/unicode/grapheme_break.h"

namespace tokenlab {

template <class Source>
void PrecompiledNormalizer::run(const Source& source, NormalizedText& out) const {
  const std::string_view text = source.text;
  const auto size = static_cast<std::uint32_t>(text.size());
  out.clear();
  out.text.reserve(size);
  out.origins.reserve(size);
  // Bytes [copied, pos) pass through; they are copied in one go before the next replacement.
  std::uint32_t copied = 0;
  const auto replace = [&](std::uint32_t pos, std::uint32_t length, std::string_view replacement) {
    if (pos > copied) source.copy(copied, pos - copied, out);
    if (!replacement.empty()) out.append_replacement(replacement, source.origin(pos, length));
    copied = pos + length;
  };
  for (std::uint32_t pos = 0; pos < size;) {
    const std::uint32_t end = unicode::grapheme_end(text, pos);
    const std::uint32_t cluster = end - pos;
    const utf8::Decoded first = utf8::decode(text, pos);
    if (first.codepoint == utf8::kInvalidCodepoint) {  // a malformed byte, a cluster alone
      pos = end;
      continue;
    }
    const bool whole = cluster < kWholeClusterBytes;
    if (whole) {
      if (const auto match = charsmap_.shortest_match(text.substr(pos, cluster))) {
        replace(pos, cluster, match.replacement);
        pos = end;
        continue;
      }
      // One character: looked up already.
      if (first.length == cluster) {
        pos = end;
        continue;
      }
    }
    for (std::uint32_t at = pos; at < end;) {
      const utf8::Decoded unit = utf8::decode(text, at);  // valid: only a whole cluster can be malformed
      if (const auto match = charsmap_.shortest_match(text.substr(at, unit.length))) {
        replace(at, unit.length, match.replacement);
      }
      at += unit.length;
    }
    pos = end;
  }
  if (size > copied) source.copy(copied, size - copied, out);
}

void PrecompiledNormalizer::normalize(const NormalizedText& in, NormalizedText& out) const {
  run(normalizer_sources::AlignedSource(in), out);
}

void PrecompiledNormalizer::normalize_original(std::string_view text, std::uint32_t begin,
                                               NormalizedText& out) const {
  run(normalizer_sources::OriginalSource{text, begin}, out);
}

}  // namespace tokenlab
