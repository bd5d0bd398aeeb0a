#include "tokenizer/hf/sentencepiece_normalizer.h"

#include <algorithm>

#include "tokenizer/hf/normalizer_sources.h"

namespace tokenlab {

namespace {

constexpr std::string_view kReplacementCharacter = "\uFFFD";

}  // namespace

SentencePieceNormalizer::SentencePieceNormalizer(PrecompiledCharsmap charsmap,
                                                 SentencePieceNormalizerOptions options)
    : charsmap_(std::move(charsmap)), options_(std::move(options)), symbols_by_byte_(256) {
  for (const std::string& symbol : options_.user_defined_symbols) {
    if (!symbol.empty()) symbols_by_byte_[static_cast<unsigned char>(symbol[0])].push_back(symbol);
  }
  for (auto& symbols : symbols_by_byte_) {
    std::stable_sort(symbols.begin(), symbols.end(),
                     [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  }
}

std::uint32_t SentencePieceNormalizer::user_symbol_length(std::string_view text, std::uint32_t pos) const {
  for (const std::string& symbol : symbols_by_byte_[static_cast<unsigned char>(text[pos])]) {
    if (text.substr(pos, symbol.size()) == symbol) return static_cast<std::uint32_t>(symbol.size());
  }
  return 0;
}

SentencePieceNormalizer::Piece SentencePieceNormalizer::next_piece(std::string_view text, std::uint32_t pos) const {
  if (const std::uint32_t length = user_symbol_length(text, pos)) return {text.substr(pos, length), length, true};
  if (const auto match = charsmap_.longest_match(text.substr(pos))) return {match.replacement, match.length, false};
  const utf8::Decoded unit = utf8::decode(text, pos);
  // SentencePiece's decoder and utf8::decode reject the same sequences
  // (overlong forms, surrogates, values past U+10FFFF); a rejected byte is
  // consumed alone and reads as U+FFFD.
  if (unit.codepoint == utf8::kInvalidCodepoint) return {kReplacementCharacter, 1, false};
  return {text.substr(pos, unit.length), unit.length, true};
}

template <class Source>
void SentencePieceNormalizer::run(const Source& source, NormalizedText& out) const {
  const std::string_view text = source.text;
  const auto size = static_cast<std::uint32_t>(text.size());
  out.clear();
  std::uint32_t pos = 0;
  // Leading whitespace: every piece that is exactly " ".
  if (options_.remove_extra_whitespaces) {
    while (pos < size) {
      const Piece piece = next_piece(text, pos);
      if (piece.text != " ") break;
      pos += piece.length;
    }
  }
  if (pos == size) return;  // nothing, or whitespace only: no dummy prefix either
  out.text.reserve((size - pos) * 3 / 2);
  out.origins.reserve((size - pos) * 3 / 2);
  const std::string_view space = options_.escape_whitespaces ? kSpaceSymbol : std::string_view(" ");
  if (options_.add_dummy_prefix && !options_.treat_whitespace_as_suffix) {
    out.append_replacement(space, source.point(pos));
  }
  // After a space, a replacement's leading spaces go (remove_extra_whitespaces only).
  bool after_space = options_.remove_extra_whitespaces;
  while (pos < size) {
    const Piece piece = next_piece(text, pos);
    std::string_view kept = piece.text;
    if (after_space) kept.remove_prefix(std::min(kept.find_first_not_of(' '), kept.size()));
    if (!kept.empty()) {
      // Copied text keeps its bytes' origins; a replacement maps to what it replaced.
      const auto offset = static_cast<std::uint32_t>(piece.copied ? kept.data() - text.data() : 0);
      const ByteSpan origin = source.origin(pos, piece.length);
      const auto append = [&](std::size_t at, std::size_t length) {
        if (piece.copied) {
          source.copy(offset + static_cast<std::uint32_t>(at), static_cast<std::uint32_t>(length), out);
        } else {
          out.append_replacement(kept.substr(at, length), origin);
        }
      };
      for (std::size_t at = 0; at < kept.size();) {
        const std::size_t next_space = options_.escape_whitespaces ? kept.find(' ', at) : std::string_view::npos;
        const std::size_t run_end = next_space == std::string_view::npos ? kept.size() : next_space;
        append(at, run_end - at);
        if (run_end == kept.size()) break;
        out.append_replacement(kSpaceSymbol, piece.copied ? source.origin(offset + static_cast<std::uint32_t>(run_end), 1)
                                                          : origin);
        at = run_end + 1;
      }
      after_space = kept.back() == ' ';
    }
    pos += piece.length;
    if (!options_.remove_extra_whitespaces) after_space = false;
  }
  ByteSpan suffix_origin = source.point(size);
  if (options_.remove_extra_whitespaces) {
    while (out.text.size() >= space.size() && std::string_view(out.text).substr(out.text.size() - space.size()) == space) {
      const std::size_t length = out.text.size() - space.size();
      suffix_origin = {out.origins[length].begin, out.origins[length].begin};
      out.text.resize(length);
      out.origins.resize(length);
    }
  }
  if (options_.add_dummy_prefix && options_.treat_whitespace_as_suffix) {
    // Never before the end of what is kept: a replacement's trailing space may share its origin.
    if (!out.empty() && suffix_origin.begin < out.origins.back().end) {
      suffix_origin = {out.origins.back().end, out.origins.back().end};
    }
    out.append_replacement(space, suffix_origin);
  }
}

void SentencePieceNormalizer::normalize(const NormalizedText& in, NormalizedText& out) const {
  run(normalizer_sources::AlignedSource(in), out);
}

void SentencePieceNormalizer::normalize_original(std::string_view text, std::uint32_t begin,
                                                 NormalizedText& out) const {
  run(normalizer_sources::OriginalSource{text, begin}, out);
}

}  // namespace tokenlab
