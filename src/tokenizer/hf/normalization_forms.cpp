// normalize_form (declared in normalizer.h): NFC, NFD, NFKC and NFKD as
// Hugging Face tokenizers computes them.
//
// Text is cut into segments, each starting at a boundary: a starter that
// passes the form's quick check (UAX #15: combining class 0, and NFC_QC etc.
// Yes), which nothing before it can reorder past or compose with; the
// generator checks that of every such character. A segment holding no
// flagged character and no combining marks out of order is normalized
// already and is copied; the others are decomposed, put in canonical order
// and, for NFC and NFKC, composed again. So text that is already normalized,
// nearly all text, costs one pass of flag lookups.
//
//   NFC "e\u0301 x" -> segments "e\u0301" (composed to "é") and " x" (copied)
//
// Alignments: a decomposed character's parts each map to the whole character;
// a composed one maps to the span of everything it was composed from; the
// rest keeps its bytes' origins. Then origins must stay in order, since a
// token's span runs from its first byte's origin to its last byte's: where
// reordering or composing put them out of order, the characters involved
// share one span that covers them all.
//
//   NFC "x\u0301\u0323" -> "x\u0323\u0301": x keeps [0, 1), both marks get [1, 5)
//
// (Hugging Face aligns a composed character to its first part alone and
// reordered marks by position, so "é" from "e\u0301" covers only the "e".)
#include <algorithm>
#include <vector>

#include "tokenizer/hf/normalizer.h"
#include "tokenizer/unicode/normalization_tables.h"

namespace tokenlab {

namespace {

struct FormTraits {
  std::uint8_t suspect;  // the quick-check flag: the character may change or combine
  bool compatibility;
  bool composes;
};

constexpr FormTraits traits_of(NormalizationForm form) {
  switch (form) {
    case NormalizationForm::kNfc: return {normalization::kMaybeNotNfc, false, true};
    case NormalizationForm::kNfd: return {normalization::kNotNfd, false, false};
    case NormalizationForm::kNfkc: return {normalization::kMaybeNotNfkc, true, true};
    case NormalizationForm::kNfkd: return {normalization::kNotNfkd, true, false};
  }
  return {normalization::kNotNfd, false, false};
}

struct Segment {
  std::uint32_t begin;
  std::uint32_t end;
};

// The first segment at or after pos (a boundary) that the form may change;
// {size, size} when there is none.
Segment find_suspect_segment(std::string_view text, std::uint32_t pos, FormTraits traits) {
  const auto size = static_cast<std::uint32_t>(text.size());
  std::uint32_t boundary = pos;
  std::uint8_t last_class = 0;
  bool suspect = false;
  while (pos < size) {
    if (static_cast<unsigned char>(text[pos]) < 0x80) {  // ASCII: always a boundary
      if (suspect) return {boundary, pos};
      do ++pos;
      while (pos < size && static_cast<unsigned char>(text[pos]) < 0x80);
      boundary = pos - 1;
      last_class = 0;
      continue;
    }
    const utf8::Decoded unit = utf8::decode(text, pos);
    const std::uint8_t flags = normalization::form_flags(unit.codepoint);  // 0 for a malformed byte
    if (!(flags & (traits.suspect | normalization::kNonStarter))) {
      if (suspect) return {boundary, pos};
      boundary = pos;
      last_class = 0;
    } else if (flags & traits.suspect) {
      suspect = true;
    } else {
      const std::uint8_t combining_class = normalization::form_combining_class(unit.codepoint);
      if (combining_class < last_class) suspect = true;  // marks out of canonical order
      last_class = combining_class;
    }
    pos += unit.length;
  }
  return suspect ? Segment{boundary, size} : Segment{size, size};
}

// A character of a segment on its way through decomposition and composition.
struct Part {
  static constexpr std::uint32_t kMixedSource = 0xFFFFFFFF;

  char32_t codepoint;
  std::uint8_t combining_class;
  ByteSpan origin;
  std::uint32_t source;  // where the input character it came from starts, or kMixedSource
};

// Canonical composition as the Rust crate does it (the Unicode Standard, 3.11): each
// character composes with the last starter unless a character between them
// has a combining class >= its own (any, for a starter).
void compose(std::vector<Part>& parts) {
  constexpr std::size_t kNoStarter = static_cast<std::size_t>(-1);
  std::size_t starter = kNoStarter;
  int last_class = -1;  // of the last character kept since the starter; -1: none
  std::size_t kept = 0;
  for (const Part& part : parts) {
    if (starter != kNoStarter && last_class < part.combining_class) {
      if (const char32_t composite = normalization::primary_composite(parts[starter].codepoint, part.codepoint)) {
        Part& composee = parts[starter];
        composee.codepoint = composite;
        composee.origin = {std::min(composee.origin.begin, part.origin.begin),
                           std::max(composee.origin.end, part.origin.end)};
        if (composee.source != part.source) composee.source = Part::kMixedSource;
        continue;
      }
    }
    if (part.combining_class == 0) {
      starter = kept;
      last_class = -1;
    } else if (starter != kNoStarter) {
      last_class = part.combining_class;
    }
    parts[kept++] = part;
  }
  parts.resize(kept);
}

// A run of parts that share one origin once out-of-order origins are merged.
struct OriginGroup {
  std::size_t first;  // its first part
  ByteSpan origin;
};

// Gives parts whose origins are out of order (a begin or an end below the one
// before) their common span: pool adjacent violators, as in isotonic regression.
void put_origins_in_order(std::vector<Part>& parts, std::vector<OriginGroup>& groups) {
  const auto in_order = [](ByteSpan a, ByteSpan b) { return a.begin <= b.begin && a.end <= b.end; };
  groups.clear();
  for (std::size_t i = 0; i < parts.size(); ++i) {
    OriginGroup group{i, parts[i].origin};
    while (!groups.empty() && !in_order(groups.back().origin, group.origin)) {
      const ByteSpan before = groups.back().origin;
      group = {groups.back().first,
               {std::min(before.begin, group.origin.begin), std::max(before.end, group.origin.end)}};
      groups.pop_back();
    }
    groups.push_back(group);
  }
  for (std::size_t g = 0; g < groups.size(); ++g) {
    const std::size_t end = g + 1 < groups.size() ? groups[g + 1].first : parts.size();
    if (end - groups[g].first == 1) continue;
    for (std::size_t i = groups[g].first; i < end; ++i) {
      parts[i].origin = groups[g].origin;
      parts[i].source = Part::kMixedSource;  // not even an unchanged one keeps its bytes' origins
    }
  }
}

struct Scratch {
  std::vector<Part> parts;
  std::vector<OriginGroup> groups;
};

void normalize_segment(const NormalizedText& in, Segment segment, FormTraits traits, Scratch& scratch,
                       NormalizedText& out) {
  std::vector<Part>& parts = scratch.parts;
  parts.clear();
  char32_t decomposition[normalization::kMaxCompatibilityDecompositionLength];
  for (std::uint32_t pos = segment.begin; pos < segment.end;) {
    const utf8::Decoded unit = utf8::decode(in.text, pos);
    const ByteSpan origin = in.unit_origin(pos, unit.length);
    const std::size_t count = normalization::form_decomposition(unit.codepoint, traits.compatibility, decomposition);
    for (std::size_t i = 0; i < count; ++i) {
      parts.push_back({decomposition[i], normalization::form_combining_class(decomposition[i]), origin, pos});
    }
    pos += unit.length;
  }
  // Canonical order: each run of non-starters sorted stably by combining class.
  for (auto run = parts.begin(); run != parts.end();) {
    if (run->combining_class == 0) {
      ++run;
      continue;
    }
    const auto run_end = std::find_if(run, parts.end(), [](const Part& part) { return part.combining_class == 0; });
    std::stable_sort(run, run_end, [](const Part& a, const Part& b) { return a.combining_class < b.combining_class; });
    run = run_end;
  }
  if (traits.composes) compose(parts);
  put_origins_in_order(parts, scratch.groups);
  for (const Part& part : parts) {
    // A character that came out as it went in keeps its bytes' own origins.
    if (part.source != Part::kMixedSource) {
      const utf8::Decoded unit = utf8::decode(in.text, part.source);
      if (unit.codepoint == part.codepoint) {
        out.append_from(in, part.source, unit.length);
        continue;
      }
    }
    out.append_codepoint(part.codepoint, part.origin);
  }
}

}  // namespace

bool passes_quick_check(std::string_view text, NormalizationForm form) {
  return find_suspect_segment(text, 0, traits_of(form)).begin == text.size();
}

void normalize_form(const NormalizedText& in, NormalizedText& out, NormalizationForm form) {
  out.clear();
  out.text.reserve(in.text.size());
  out.origins.reserve(in.origins.size());
  const FormTraits traits = traits_of(form);
  Scratch scratch;
  std::uint32_t copied = 0;
  for (Segment segment = find_suspect_segment(in.text, 0, traits); segment.begin < in.size();
       segment = find_suspect_segment(in.text, copied, traits)) {
    out.append_from(in, copied, segment.begin - copied);
    normalize_segment(in, segment, traits, scratch, out);
    copied = segment.end;
  }
  out.append_from(in, copied, in.size() - copied);
}

}  // namespace tokenlab
