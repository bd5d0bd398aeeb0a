// grapheme_end: the rules of UAX #29 (Unicode 17.0) read forwards from a
// boundary. Every rule that looks further left than one character (GB9c,
// GB11, GB12 and GB13) only looks at characters of the same cluster, since
// what lies between is Extend or ZWJ, which nothing breaks before; so three
// small states, reset at each boundary, stand for the left context.
#include "tokenizer/unicode/grapheme_break.h"

#include "tokenizer/unicode/utf8.h"

namespace tokenlab::unicode {

namespace {

using Break = GraphemeBreak;

// GB9c: how much of "Consonant [Extend Linker]* Linker [Extend Linker]*" the
// cluster ends with.
enum class Conjunct : std::uint8_t { kNone, kConsonant, kConsonantLinker };
// GB11: how much of "ExtPict Extend* ZWJ" the cluster ends with.
enum class Emoji : std::uint8_t { kNone, kPictograph, kPictographZwj };

struct State {
  Break last;
  Conjunct conjunct;
  Emoji emoji;
  bool odd_regional;  // GB12, GB13: the cluster ends with an odd run of regional indicators
};

bool is_control(Break value) { return value == Break::kControl || value == Break::kCr || value == Break::kLf; }

// True when no boundary falls between the cluster so far and next.
bool joins(const State& state, const GraphemeProperties& next) {
  const Break before = state.last;
  const Break after = next.cluster_break;
  if (before == Break::kCr && after == Break::kLf) return true;  // GB3
  if (is_control(before) || is_control(after)) return false;     // GB4, GB5
  if (before == Break::kL &&
      (after == Break::kL || after == Break::kV || after == Break::kLv || after == Break::kLvt)) {
    return true;  // GB6
  }
  if ((before == Break::kLv || before == Break::kV) && (after == Break::kV || after == Break::kT)) return true;  // GB7
  if ((before == Break::kLvt || before == Break::kT) && after == Break::kT) return true;                      // GB8
  if (after == Break::kExtend || after == Break::kZwj) return true;  // GB9
  if (after == Break::kSpacingMark) return true;                     // GB9a
  if (before == Break::kPrepend) return true;                        // GB9b
  if (next.conjunct_break == IndicConjunctBreak::kConsonant && state.conjunct == Conjunct::kConsonantLinker) {
    return true;  // GB9c
  }
  if (next.extended_pictographic && state.emoji == Emoji::kPictographZwj) return true;  // GB11
  if (after == Break::kRegionalIndicator && before == Break::kRegionalIndicator && state.odd_regional) {
    return true;  // GB12, GB13
  }
  return false;  // GB999
}

// The state once next ends the cluster.
void advance(State& state, const GraphemeProperties& next) {
  switch (next.conjunct_break) {
    case IndicConjunctBreak::kConsonant: state.conjunct = Conjunct::kConsonant; break;
    case IndicConjunctBreak::kLinker:
      if (state.conjunct != Conjunct::kNone) state.conjunct = Conjunct::kConsonantLinker;
      break;
    case IndicConjunctBreak::kExtend: break;  // keeps what came before
    case IndicConjunctBreak::kNone: state.conjunct = Conjunct::kNone; break;
  }
  if (next.extended_pictographic) {
    state.emoji = Emoji::kPictograph;
  } else if (state.emoji == Emoji::kPictograph && next.cluster_break == Break::kExtend) {
    // Extend* after the pictograph
  } else if (state.emoji == Emoji::kPictograph && next.cluster_break == Break::kZwj) {
    state.emoji = Emoji::kPictographZwj;
  } else {
    state.emoji = Emoji::kNone;
  }
  const bool regional = next.cluster_break == Break::kRegionalIndicator;
  state.odd_regional = regional && !(state.last == Break::kRegionalIndicator && state.odd_regional);
  state.last = next.cluster_break;
}

}  // namespace

std::uint32_t grapheme_end(std::string_view text, std::uint32_t pos) {
  const auto size = static_cast<std::uint32_t>(text.size());
  const auto byte = [&](std::uint32_t at) { return static_cast<unsigned char>(text[at]); };
  // Printable ASCII before ASCII or the end: a cluster of one byte, the common case.
  if (byte(pos) >= 0x20 && byte(pos) < 0x7F && (pos + 1 == size || byte(pos + 1) < 0x80)) return pos + 1;

  utf8::Decoded unit = utf8::decode(text, pos);
  const GraphemeProperties first = grapheme_properties(unit.codepoint);
  State state{Break::kOther, Conjunct::kNone, Emoji::kNone, false};
  advance(state, first);
  std::uint32_t end = pos + unit.length;
  while (end < size) {
    unit = utf8::decode(text, end);
    const GraphemeProperties next = grapheme_properties(unit.codepoint);
    if (!joins(state, next)) break;
    advance(state, next);
    end += unit.length;
  }
  return end;
}

}  // namespace tokenlab::unicode
