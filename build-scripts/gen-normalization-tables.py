#!/usr/bin/python3
"""Generates src/tokenizer/unicode/normalization_tables.cpp from the Unicode Character Database.

These are the tables text normalizers need (BERT's lower-casing and accent
stripping, Unicode NFD): lower-case mappings, canonical decompositions,
canonical combining classes, and the Cased / Case_Ignorable properties that
decide where a capital sigma is word-final.

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
"""

import argparse
import os
import sys

from ucd import (CODEPOINT_COUNT, emit_array, emit_two_stage, property_members, read_lines, two_stage,
                 unicode_version, write_generated)

BLOCK_SHIFT = 8

# Must match normalization_tables.h.
CHANGES_WHEN_LOWERCASED = 1 << 0
DECOMPOSES = 1 << 1
CASED = 1 << 2
CASE_IGNORABLE = 1 << 3
REORDERS = 1 << 4
NONSPACING_MARK = 1 << 5

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

    out = [
        "// GENERATED by build-scripts/gen-normalization-tables.py from the Unicode Character",
        f"// Database {version} (UnicodeData.txt, SpecialCasing.txt, DerivedCoreProperties.txt).",
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
        f"static_assert(kMaxDecompositionLength >= {longest}, \"a decomposition is longer than the buffer\");",
        f"static_assert(detail::kFlagBlockShift == {BLOCK_SHIFT});",
        "",
        f'const char kNormalizationUnicodeVersion[] = "{version}";',
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
    write_generated(args.output, out, "tokenlab::normalization")


if __name__ == "__main__":
    main()
