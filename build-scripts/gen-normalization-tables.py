#!/usr/bin/python3
"""Generates src/tokenizer/unicode/normalization_tables.cpp from the Unicode Character Database.

These are the tables text normalizers need (BERT's lower-casing and accent
stripping, the normalization forms NFC, NFD, NFKC and NFKD): lower-case
mappings, canonical and compatibility decompositions, canonical compositions,
canonical combining classes, and the Cased / Case_Ignorable properties that
decide where a capital sigma is word-final.

The normalization forms follow Hugging Face tokenizers, whose Rust crate
(unicode-normalization-alignments 0.1.12) carries Unicode 9.0 tables: to it a
character assigned later (DerivedAge.txt) is a starter with no mapping, so
U+1DF9 (10.0, combining class 220) does not move before U+0301, and U+1FBF0
(13.0) keeps its compatibility mapping to "0" unapplied. The form tables are
therefore cut back to the characters Unicode 9.0 had (HF_UNICODE_VERSION).

Regenerate (Debian: apt-get install unicode-data), from the repository root:

    /usr/bin/python3 build-scripts/gen-normalization-tables.py

Options: --ucd DIR (default /usr/share/unicode) and --output FILE (default
src/tokenizer/unicode/normalization_tables.cpp next to this script). Standard library only.

Tables emitted (lookups in normalization_tables.h):
  kFlagBlockIndex / kFlagBlocks: one byte of flags per codepoint, two-stage
    (value(cp) = blocks[index[cp >> 8] << 8 | (cp & 255)]); the bits are the k*
    constants of normalization_tables.h.
  kSimpleLowercase: sorted (codepoint, lower-case codepoint) pairs from
    UnicodeData.txt field 13.
  kSpecialLowercase: the unconditional, language-independent entries of
    SpecialCasing.txt whose lower-case form is several codepoints (U+0130 ->
    U+0069 U+0307). Conditional entries (Final_Sigma, tr, lt, az) are left out:
    Final_Sigma is decided by the caller from context, the others need a locale.
  kDecompositions / kDecompositionPool: sorted (codepoint, offset, length) into
    a pool of codepoints holding the full canonical decomposition (applied
    recursively). Hangul syllables are left to the algorithm of Unicode 3.12.
  kCombiningClasses: sorted (codepoint, canonical combining class) for the
    codepoints whose class is not 0.
  kFormFlagBlockIndex / kFormFlagBlocks: the quick-check flags of the four
    normalization forms (kNotNfd, ..., kNonStarter), two-stage like the flags
    above, in the Unicode 9.0 view.
  kCompatibilityDecompositions / kCompatibilityDecompositionPool: the full
    compatibility decomposition of the characters where it differs from the
    full canonical one (U+FB01 -> U+0066 U+0069; U+1E9B -> U+0073 U+0307).
  kCompositions: sorted (first, second, composite) for the primary composites
    (canonical mappings of two codepoints not in Full_Composition_Exclusion).
    Hangul syllables are left to the algorithm.
"""

import argparse
import os
import sys

from ucd import (CODEPOINT_COUNT, emit_array, emit_two_stage, parse_range, property_members, read_lines,
                 two_stage, unicode_version, write_generated)
from ucd_forms import FormData, is_hangul_syllable

BLOCK_SHIFT = 8

# Must match normalization_tables.h.
CHANGES_WHEN_LOWERCASED = 1 << 0
DECOMPOSES = 1 << 1
CASED = 1 << 2
CASE_IGNORABLE = 1 << 3
REORDERS = 1 << 4
NONSPACING_MARK = 1 << 5

# The form flags; must match normalization_tables.h too.
NOT_NFD = 1 << 0
NOT_NFKD = 1 << 1
MAYBE_NOT_NFC = 1 << 2
MAYBE_NOT_NFKC = 1 << 3
NON_STARTER = 1 << 4

# The Unicode version of Hugging Face tokenizers' normalization tables: its
# crate, unicode-normalization-alignments 0.1.12, says UNICODE_VERSION (9, 0, 0),
# and the tokenizers npm package 0.23.2 measures so (U+1E94A, 9.0, class 7,
# moves before U+0301; U+1DF9, 10.0, class 220, stays after it).
HF_UNICODE_VERSION = (9, 0)

HANGUL_FIRST = 0xAC00
HANGUL_LAST = 0xD7A3


def unicode_data(ucd):
    """Per codepoint: general category, combining class, decomposition, simple lowercase."""
    categories = {}
    combining = {}
    decompositions = {}
    lowercase = {}
    range_start = None
    for fields in read_lines(os.path.join(ucd, "UnicodeData.txt")):
        codepoint, name, category = int(fields[0], 16), fields[1], fields[2]
        if name.endswith(", First>"):
            range_start = codepoint
            continue
        if name.endswith(", Last>"):
            for member in range(range_start, codepoint + 1):
                categories[member] = category
            range_start = None
            continue
        categories[codepoint] = category
        if int(fields[3]) != 0:
            combining[codepoint] = int(fields[3])
        decomposition = fields[5]
        if decomposition and not decomposition.startswith("<"):  # <tag> marks a compatibility mapping
            decompositions[codepoint] = [int(part, 16) for part in decomposition.split()]
        if fields[13]:
            lowercase[codepoint] = int(fields[13], 16)
    return categories, combining, decompositions, lowercase


def special_lowercase(ucd, simple_lowercase):
    """Unconditional SpecialCasing.txt entries whose lower case is several codepoints."""
    special = {}
    for fields in read_lines(os.path.join(ucd, "SpecialCasing.txt")):
        fields = [field for field in fields if field]
        if len(fields) != 4:  # a fifth field is a condition (Final_Sigma, a language)
            continue
        codepoint = int(fields[0], 16)
        lower = [int(part, 16) for part in fields[1].split()]
        if lower != [simple_lowercase.get(codepoint, codepoint)]:
            special[codepoint] = lower
    return special


def full_decomposition(codepoint, decompositions):
    parts = decompositions.get(codepoint)
    if parts is None:
        return [codepoint]
    return [piece for part in parts for piece in full_decomposition(part, decompositions)]


def form_flags(forms):
    """The quick-check flags of the normalization forms, per codepoint, in the view of forms."""
    flags = [0] * CODEPOINT_COUNT
    for codepoint in forms.known:
        if forms.decompose(codepoint, compatibility=False) != [codepoint]:
            flags[codepoint] |= NOT_NFD
        if forms.decompose(codepoint, compatibility=True) != [codepoint]:
            flags[codepoint] |= NOT_NFKD
        if forms.quick_check(codepoint, "NFC") != "Y":
            flags[codepoint] |= MAYBE_NOT_NFC
        if forms.quick_check(codepoint, "NFKC") != "Y":
            flags[codepoint] |= MAYBE_NOT_NFKC
        if forms.ccc(codepoint) != 0:
            flags[codepoint] |= NON_STARTER
    return flags


def check_form_flags(ucd, forms, flags):
    """Exits unless the flags agree with DerivedNormalizationProps.txt on the characters forms knows,
    and unless a starter that passes the quick check is a boundary: its decomposition starts with
    a starter that combines with nothing before it (the normalizers cut text into segments there)."""
    derived = {}
    for fields in read_lines(os.path.join(ucd, "DerivedNormalizationProps.txt")):
        if len(fields) >= 3 and fields[1] in ("NFD_QC", "NFKD_QC", "NFC_QC", "NFKC_QC"):
            first, last = parse_range(fields[0])
            for codepoint in range(first, last + 1):
                derived[(codepoint, fields[1])] = fields[2]
    bits = {"NFD_QC": NOT_NFD, "NFKD_QC": NOT_NFKD, "NFC_QC": MAYBE_NOT_NFC, "NFKC_QC": MAYBE_NOT_NFKC}
    for codepoint in forms.known:
        for name, bit in bits.items():
            if (derived.get((codepoint, name), "Y") != "Y") != bool(flags[codepoint] & bit):
                sys.exit(f"U+{codepoint:04X}: {name} differs from DerivedNormalizationProps.txt")
        for compatibility, bit in ((False, MAYBE_NOT_NFC), (True, MAYBE_NOT_NFKC)):
            if flags[codepoint] & (bit | NON_STARTER):
                continue
            head = forms.decompose(codepoint, compatibility)[0]
            if forms.ccc(head) != 0 or head in forms.combines_backward:
                sys.exit(f"U+{codepoint:04X} passes the quick check but is no segment boundary")


def emit_struct_array(out, c_type, name, rows, per_line=6):
    out.append(f"const {c_type} {name}[{len(rows)}] = {{")
    for start in range(0, len(rows), per_line):
        out.append("    " + " ".join("{" + ", ".join(row) + "}," for row in rows[start:start + per_line]))
    out.append("};")


def hex_codepoint(codepoint):
    return f"0x{codepoint:04X}"


def main():
    script_dir = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ucd", default="/usr/share/unicode")
    parser.add_argument("--output", default=os.path.join(script_dir, "..", "src", "tokenizer", "unicode",
                                                         "normalization_tables.cpp"))
    args = parser.parse_args()

    version = unicode_version(args.ucd, "DerivedCoreProperties.txt")
    categories, combining, decompositions, lowercase = unicode_data(args.ucd)
    cased = property_members(args.ucd, "DerivedCoreProperties.txt", "Cased")
    case_ignorable = property_members(args.ucd, "DerivedCoreProperties.txt", "Case_Ignorable")
    special = special_lowercase(args.ucd, lowercase)
    if sorted(special) != [0x0130]:
        sys.exit(f"SpecialCasing.txt: expected only U+0130 to lower-case to several codepoints, "
                 f"found {[hex(c) for c in special]}; check what the normalizers assume")

    full = {codepoint: full_decomposition(codepoint, decompositions) for codepoint in decompositions}
    longest = max(len(parts) for parts in full.values())

    flags = [0] * CODEPOINT_COUNT
    for codepoint, lower in lowercase.items():
        if lower != codepoint:
            flags[codepoint] |= CHANGES_WHEN_LOWERCASED
    for codepoint in special:
        flags[codepoint] |= CHANGES_WHEN_LOWERCASED
    for codepoint in full:
        flags[codepoint] |= DECOMPOSES
    for codepoint in range(HANGUL_FIRST, HANGUL_LAST + 1):
        flags[codepoint] |= DECOMPOSES
    for codepoint in cased:
        flags[codepoint] |= CASED
    for codepoint in case_ignorable:
        flags[codepoint] |= CASE_IGNORABLE
    for codepoint in combining:
        flags[codepoint] |= REORDERS
    for codepoint, category in categories.items():
        if category == "Mn":
            flags[codepoint] |= NONSPACING_MARK
    index, blocks = two_stage(flags, BLOCK_SHIFT)
    if len(blocks) >> BLOCK_SHIFT > 256:
        sys.exit("the flag index no longer fits in a byte")

    forms = FormData(args.ucd, HF_UNICODE_VERSION)
    for codepoint in forms.canonical:
        if not is_hangul_syllable(codepoint) and forms.decompose(codepoint, False) != full[codepoint]:
            sys.exit(f"U+{codepoint:04X}: its canonical decomposition changed since Unicode 9.0")
    flags_of_forms = form_flags(forms)
    check_form_flags(args.ucd, forms, flags_of_forms)
    form_index, form_blocks = two_stage(flags_of_forms, BLOCK_SHIFT)
    if len(form_blocks) >> BLOCK_SHIFT > 256:
        sys.exit("the form flag index no longer fits in a byte")
    compatibility = {}
    for codepoint in sorted(forms.known):
        parts = forms.decompose(codepoint, compatibility=True)
        if parts != forms.decompose(codepoint, compatibility=False):
            compatibility[codepoint] = parts
    longest_compatibility = max(len(parts) for parts in compatibility.values())

    simple_rows = [(hex_codepoint(c), hex_codepoint(lowercase[c]))
                   for c in sorted(lowercase) if lowercase[c] != c]
    special_rows = []
    for codepoint in sorted(special):
        parts = special[codepoint] + [0] * (3 - len(special[codepoint]))
        special_rows.append((hex_codepoint(codepoint), str(len(special[codepoint])),
                             "{" + ", ".join(hex_codepoint(part) for part in parts) + "}"))
    pool = []
    decomposition_rows = []
    for codepoint in sorted(full):
        decomposition_rows.append((hex_codepoint(codepoint), str(len(pool)), str(len(full[codepoint]))))
        pool.extend(full[codepoint])
    combining_rows = [(hex_codepoint(c), str(combining[c])) for c in sorted(combining)]
    compatibility_pool = []
    compatibility_rows = []
    for codepoint in sorted(compatibility):
        compatibility_rows.append((hex_codepoint(codepoint), str(len(compatibility_pool)),
                                   str(len(compatibility[codepoint]))))
        compatibility_pool.extend(compatibility[codepoint])
    composition_rows = [(hex_codepoint(first), hex_codepoint(second), hex_codepoint(composite))
                        for (first, second), composite in sorted(forms.composites.items())]
    form_version = ".".join(str(part) for part in HF_UNICODE_VERSION) + ".0"

    out = [
        "// GENERATED by build-scripts/gen-normalization-tables.py from the Unicode Character",
        f"// Database {version} (UnicodeData.txt, SpecialCasing.txt, DerivedCoreProperties.txt,",
        f"// CompositionExclusions.txt, DerivedAge.txt; the normalization forms as of {form_version}).",
        "// Do not edit; regenerate with",
        "//   /usr/bin/python3 build-scripts/gen-normalization-tables.py",
        "// Layout and lookup: see normalization_tables.h.",
        '#include "tokenizer/unicode/normalization_tables.h"',
        "",
        "namespace tokenlab::normalization {",
        "",
        f"static_assert(kChangesWhenLowercased == {CHANGES_WHEN_LOWERCASED} && kDecomposes == {DECOMPOSES} &&",
        f"              kCased == {CASED} && kCaseIgnorable == {CASE_IGNORABLE} && kReorders == {REORDERS} &&",
        f"              kNonspacingMark == {NONSPACING_MARK});",
        f"static_assert(kNotNfd == {NOT_NFD} && kNotNfkd == {NOT_NFKD} && kMaybeNotNfc == {MAYBE_NOT_NFC} &&",
        f"              kMaybeNotNfkc == {MAYBE_NOT_NFKC} && kNonStarter == {NON_STARTER});",
        f"static_assert(kMaxDecompositionLength >= {longest}, \"a decomposition is longer than the buffer\");",
        f"static_assert(kMaxCompatibilityDecompositionLength >= {longest_compatibility},",
        "              \"a compatibility decomposition is longer than the buffer\");",
        f"static_assert(detail::kFlagBlockShift == {BLOCK_SHIFT});",
        "",
        f'const char kNormalizationUnicodeVersion[] = "{version}";',
        f'const char kFormUnicodeVersion[] = "{form_version}";',
        "",
        "namespace detail {",
        "",
    ]
    emit_two_stage(out, index, blocks, BLOCK_SHIFT, "kFlagBlockIndex", "kFlagBlocks")
    out.append("")
    out.append(f"const std::size_t kSimpleLowercaseCount = {len(simple_rows)};")
    emit_struct_array(out, "CodepointPair", "kSimpleLowercase", simple_rows)
    out.append("")
    out.append(f"const std::size_t kSpecialLowercaseCount = {len(special_rows)};")
    emit_struct_array(out, "SpecialLowercase", "kSpecialLowercase", special_rows, per_line=1)
    out.append("")
    out.append(f"const std::size_t kDecompositionCount = {len(decomposition_rows)};")
    emit_struct_array(out, "Decomposition", "kDecompositions", decomposition_rows)
    out.append("")
    emit_array(out, "char32_t", "kDecompositionPool", [hex_codepoint(c) for c in pool], per_line=12)
    out.append("")
    out.append(f"const std::size_t kCombiningClassCount = {len(combining_rows)};")
    emit_struct_array(out, "CodepointPair", "kCombiningClasses", combining_rows, per_line=8)
    out.append("")
    emit_two_stage(out, form_index, form_blocks, BLOCK_SHIFT, "kFormFlagBlockIndex", "kFormFlagBlocks")
    out.append("")
    out.append(f"const std::size_t kCompatibilityDecompositionCount = {len(compatibility_rows)};")
    emit_struct_array(out, "Decomposition", "kCompatibilityDecompositions", compatibility_rows)
    out.append("")
    emit_array(out, "char32_t", "kCompatibilityDecompositionPool",
               [hex_codepoint(c) for c in compatibility_pool], per_line=12)
    out.append("")
    out.append(f"const std::size_t kCompositionCount = {len(composition_rows)};")
    emit_struct_array(out, "Composition", "kCompositions", composition_rows, per_line=4)
    write_generated(args.output, out, "tokenlab::normalization")


if __name__ == "__main__":
    main()
