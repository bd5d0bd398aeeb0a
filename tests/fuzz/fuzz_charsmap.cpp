// Fuzzes SentencePiece's precompiled charsmaps: parsing arbitrary bytes, and
// both normalizers over arbitrary text with whatever parsed.
//
// Input: byte 0 holds SentencePiece's switches (bit 0 add_dummy_prefix, 1
// remove_extra_whitespaces, 2 escape_whitespaces, 3 treat_whitespace_as_suffix);
// bytes 1..2 (little-endian) are the charsmap's length, capped by what is
// there; then the charsmap; the rest is the text, malformed UTF-8 included.
//
// A charsmap either parses or is a VocabError; never a crash or a read out of
// bounds (the sanitizers watch). A parsed one must give, at every position of
// the text, matches of growing length within the text, the shortest first and
// the longest last, with replacements of UTF-8 and no NUL. Both normalizers
// must give the same text and origins from original bytes as from their
// identity alignment, one origin per byte, inside the text and never going
// backwards; Precompiled with no rule matching anywhere must leave the text
// alone; SentencePiece with remove_extra_whitespaces must have its prefix or
// suffix and no space symbol at the end besides, nor a space at the start
// (spaces not escaped). The grapheme cuts must cover the text in growing steps.
#include <cstdint>
#include <string_view>

#include "normalizer_checks.h"
#include "property.h"
#include "tokenizer/errors.h"
#include "tokenizer/hf/precompiled_normalizer.h"
#include "tokenizer/hf/sentencepiece_normalizer.h"
#include "tokenizer/unicode/grapheme_break.h"
#include "tokenizer/unicode/utf8.h"

namespace {

using tokenlab::NormalizedText;

bool starts_with(std::string_view text, std::string_view prefix) { return text.substr(0, prefix.size()) == prefix; }
bool ends_with(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  tokenlab::fuzz::FuzzInput input(data, size);
  const std::uint8_t switches = input.take_byte();
  const std::size_t wanted = input.take_byte() | static_cast<std::size_t>(input.take_byte()) << 8;
  const std::string_view rest = input.rest();
  const std::string_view bytes = rest.substr(0, wanted);
  const std::string_view text = rest.substr(bytes.size());

  for (std::uint32_t pos = 0; pos < text.size();) {
    const std::uint32_t end = tokenlab::unicode::grapheme_end(text, pos);
    FUZZ_CHECK(end > pos && end <= text.size(), "a grapheme cut out of order");
    pos = end;
  }

  tokenlab::PrecompiledCharsmap charsmap;
  try {
    charsmap = tokenlab::PrecompiledCharsmap::parse(bytes);
  } catch (const tokenlab::VocabError&) {
    return 0;
  }
  FUZZ_CHECK(charsmap.empty() == bytes.empty(), "a charsmap with bytes parsed as none");

  bool any_match = false;
  for (std::size_t pos = 0; pos < text.size(); ++pos) {
    const std::string_view key = text.substr(pos);
    const auto matches = charsmap.common_prefix_search(key);
    for (std::size_t i = 0; i < matches.size(); ++i) {
      FUZZ_CHECK(matches[i].length >= 1 && matches[i].length <= key.size(), "a match longer than its key");
      FUZZ_CHECK(i == 0 || matches[i - 1].length < matches[i].length, "matches not shortest first");
      FUZZ_CHECK(tokenlab::utf8::is_valid(matches[i].replacement), "a replacement that is not UTF-8");
      FUZZ_CHECK(matches[i].replacement.find('\0') == std::string_view::npos, "a replacement holding NUL");
    }
    const auto shortest = charsmap.shortest_match(key);
    const auto longest = charsmap.longest_match(key);
    FUZZ_CHECK(matches.empty() == !shortest && matches.empty() == !longest, "search and match disagree");
    if (!matches.empty()) {
      any_match = true;
      FUZZ_CHECK(shortest.length == matches.front().length && shortest.replacement == matches.front().replacement,
                 "the shortest match is not the first");
      FUZZ_CHECK(longest.length == matches.back().length && longest.replacement == matches.back().replacement,
                 "the longest match is not the last");
    }
  }

  const tokenlab::PrecompiledNormalizer precompiled(charsmap);
  const NormalizedText hugging_face = tokenlab::fuzz::normalized_both_ways(precompiled, text);
  if (!any_match) FUZZ_CHECK(hugging_face.text == text, "Precompiled changed text no rule matches");

  tokenlab::SentencePieceNormalizerOptions options;
  options.add_dummy_prefix = switches & 1;
  options.remove_extra_whitespaces = switches & 2;
  options.escape_whitespaces = switches & 4;
  options.treat_whitespace_as_suffix = switches & 8;
  const tokenlab::SentencePieceNormalizer sentence_piece(charsmap, options);
  const NormalizedText out = tokenlab::fuzz::normalized_both_ways(sentence_piece, text);
  if (options.remove_extra_whitespaces) {
    const std::string_view space = options.escape_whitespaces ? tokenlab::SentencePieceNormalizer::kSpaceSymbol : " ";
    std::string_view body = out.text;
    const bool prefix = options.add_dummy_prefix && !options.treat_whitespace_as_suffix && !body.empty();
    const bool suffix = options.add_dummy_prefix && options.treat_whitespace_as_suffix && !body.empty();
    if (prefix) {
      FUZZ_CHECK(starts_with(body, space), "no dummy prefix");
      body.remove_prefix(space.size());
    }
    if (suffix) {
      FUZZ_CHECK(ends_with(body, space), "no dummy suffix");
      body.remove_suffix(space.size());
    }
    FUZZ_CHECK(!ends_with(body, space), "a trailing space symbol left");
    if (!options.escape_whitespaces) FUZZ_CHECK(!starts_with(body, " "), "a leading space left");
  }
  return 0;
}
