#!/usr/bin/python3
"""Generates src/tokenizer/unicode/hf_rust_tables.cpp: Unicode as Hugging Face tokenizers' Rust library sees it.

BERT's normalizer and pre-tokenizer, and the Punctuation pre-tokenizer, ask
two sources about characters, each with its own Unicode version. Measured
against the tokenizers npm package 0.23.2 on every code point
(tests/parity/bert-parity.test.mjs):

  the unicode_categories crate (0.1.1): is_other, is_mark_nonspacing and
    is_punctuation read the general categories of Unicode 8.0. A character
    assigned since is none of them, and the few that later versions moved
    keep their 8.0 category (CATEGORY_CHANGES). is_other means Cc, Cf or Co
    only: unassigned characters (Cn) are not "other" there, so BERT's
    clean_text keeps them.
  the unicode-normalization-alignments crate (0.1.12): is_combining_mark,
    which the StripAccents normalizer removes, reads the general categories
    M (Mn, Mc, Me) of Unicode 9.0, with the three characters 9.0 classed
    otherwise than today (MARK_CATEGORY_CHANGES).
  Rust's standard library: char::to_lowercase follows Unicode 17.0 (the
    capitals of Beria Erfe, new in 17.0, lower-case); char::is_whitespace is
    White_Space, the same set from Unicode 6.3 to 17.0.

Debian's UCD (15.0) is the source: categories come from UnicodeData.txt cut
back to the characters DerivedAge.txt dates 8.0 or earlier, and lower-case
mappings are Debian's plus those of characters assigned after it
(LOWERCASE_ADDITIONS, from Unicode 16.0's and 17.0's UnicodeData.txt). The
lower-case table holds only the additions: the lookup falls back to
normalization_tables.h, generated from the same UnicodeData.txt.

Regenerate (Debian: apt-get install unicode-data), from the repository root:

    /usr/bin/python3 build-scripts/gen-hf-rust-tables.py

Options: --ucd DIR (default /usr/share/unicode) and --output FILE (default
src/tokenizer/unicode/hf_rust_tables.cpp next to this script). Standard library only.

Tables emitted (lookups in hf_rust_tables.h):
  kFlagBlockIndex / kFlagBlocks: one byte of flags per codepoint, two-stage
    (value(cp) = blocks[index[cp >> 8] << 8 | (cp & 255)]); the bits are the k*
    constants of hf_rust_tables.h.
  kLowercaseAdditions: sorted (codepoint, lower-case codepoint) pairs that
    Rust's char::to_lowercase has and Debian's UnicodeData.txt lacks.
"""

import argparse
import os
import sys

from ucd import (CODEPOINT_COUNT, emit_two_stage, property_members, read_lines, two_stage, unicode_version,
                 write_generated)
from ucd_forms import assigned_ages

BLOCK_SHIFT = 8

# Must match hf_rust_tables.h.
OTHER = 1 << 0
NONSPACING_MARK = 1 << 1
PUNCTUATION = 1 << 2
WHITE_SPACE = 1 << 3
CHANGES_WHEN_LOWERCASED = 1 << 4
COMBINING_MARK = 1 << 5

# The Unicode version of unicode_categories 0.1.1's tables.
CATEGORY_VERSION = (8, 0)

# Characters of Unicode 8.0 whose general category changed since, among those
# where it decides one of the classes above: their category in 8.0 (and today's).
CATEGORY_CHANGES = {
    0x1734: "Mn",   # HANUNOO SIGN PAMUDPOD (Mc today)
    0x1885: "Lo",   # MONGOLIAN LETTER ALI GALI BALUDA (Mn today)
    0x1886: "Lo",   # MONGOLIAN LETTER ALI GALI THREE BALUDA (Mn today)
    0xA9BD: "Mc",   # JAVANESE CONSONANT SIGN KERET (Mn today)
    0x111C9: "Po",  # SHARADA SANDHI MARK (Mn today)
    0x166D: "Po",   # CANADIAN SYLLABICS CHI SIGN (So today)
}

# The Unicode version of unicode-normalization-alignments 0.1.12's is_combining_mark.
MARK_CATEGORY_VERSION = (9, 0)

# Characters of Unicode 9.0 whose general category moved into or out of M
# since: their category in 9.0 (and today's).
MARK_CATEGORY_CHANGES = {
    0x1CF2: "Mc",   # VEDIC SIGN ARDHAVISARGA (Lo today)
    0x1CF3: "Mc",   # VEDIC SIGN ROTATED ARDHAVISARGA (Lo today)
    0x111C9: "Po",  # SHARADA SANDHI MARK (Mn today)
}

# The Unicode version of Rust's char::to_lowercase in the reference's build.
LOWERCASE_VERSION = (17, 0)

# Lower-case mappings of the capitals Unicode assigned after 15.0, up to
# LOWERCASE_VERSION: (version, first capital, last capital, lower case of the
# first); a range maps capital by capital.
LOWERCASE_ADDITIONS = [
    ((16, 0), 0x1C89, 0x1C89, 0x1C8A),    # CYRILLIC CAPITAL LETTER TJE
    ((16, 0), 0xA7CB, 0xA7CB, 0x0264),    # LATIN CAPITAL LETTER RAMS HORN
    ((16, 0), 0xA7CC, 0xA7CC, 0xA7CD),    # LATIN CAPITAL LETTER S WITH DIAGONAL STROKE
    ((16, 0), 0xA7DA, 0xA7DA, 0xA7DB),    # LATIN CAPITAL LETTER LAMBDA
    ((16, 0), 0xA7DC, 0xA7DC, 0x019B),    # LATIN CAPITAL LETTER LAMBDA WITH STROKE
    ((16, 0), 0x10D50, 0x10D65, 0x10D70),  # GARAY CAPITAL LETTER A .. OLD NA
    ((17, 0), 0xA7CE, 0xA7CE, 0xA7CF),    # LATIN CAPITAL LETTER PHARYNGEAL VOICED FRICATIVE
    ((17, 0), 0xA7D2, 0xA7D2, 0xA7D3),    # LATIN CAPITAL LETTER DOUBLE THORN
    ((17, 0), 0xA7D4, 0xA7D4, 0xA7D5),    # LATIN CAPITAL LETTER DOUBLE WYNN
    ((17, 0), 0x16EA0, 0x16EB8, 0x16EBB),  # BERIA ERFE CAPITAL LETTER ARKAB .. AY
]

ASCII_PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"


def general_categories(ucd):
    """The general category of every codepoint ("Cn" when unlisted); ranges are First/Last line pairs."""
    categories = ["Cn"] * CODEPOINT_COUNT
    range_start = None
    for fields in read_lines(os.path.join(ucd, "UnicodeData.txt")):
        codepoint, name, category = int(fields[0], 16), fields[1], fields[2]
        if name.endswith(", First>"):
            range_start = codepoint
            continue
        first = range_start if name.endswith(", Last>") else codepoint
        for member in range(first, codepoint + 1):
            categories[member] = category
    return categories


def simple_lowercase(ucd):
    """Codepoint -> lower-case codepoint, from UnicodeData.txt field 13."""
    return {int(fields[0], 16): int(fields[13], 16) for fields in read_lines(os.path.join(ucd, "UnicodeData.txt"))
            if fields[13]}


def special_lowercase(ucd):
    """The codepoints with an unconditional lower case of several codepoints in SpecialCasing.txt."""
    special = set()
    for fields in read_lines(os.path.join(ucd, "SpecialCasing.txt")):
        fields = [field for field in fields if field]
        if len(fields) == 4 and len(fields[1].split()) > 1:  # a fifth field is a condition
            special.add(int(fields[0], 16))
    return special


def lowercase_additions(ucd_version, lowercase):
    """The additions Debian's data lacks; exits when it has one and maps it otherwise."""
    additions = {}
    for version, first, last, lower in LOWERCASE_ADDITIONS:
        for codepoint in range(first, last + 1):
            expected = lower + codepoint - first
            if version <= ucd_version:
                if lowercase.get(codepoint) != expected:
                    sys.exit(f"U+{codepoint:04X}: UnicodeData.txt does not lower-case it as Unicode {version} does")
            elif codepoint in lowercase:
                sys.exit(f"U+{codepoint:04X}: assigned in the UCD, though Unicode {version} is newer")
            else:
                additions[codepoint] = expected
    return additions


def main():
    script_dir = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ucd", default="/usr/share/unicode")
    parser.add_argument("--output", default=os.path.join(script_dir, "..", "src", "tokenizer", "unicode",
                                                         "hf_rust_tables.cpp"))
    args = parser.parse_args()

    version = unicode_version(args.ucd, "PropList.txt")
    ucd_version = tuple(int(part) for part in version.split(".")[:2])
    if ucd_version > LOWERCASE_VERSION:
        sys.exit(f"the UCD ({version}) is newer than the reference's Rust lower-casing: cut it back first")
    ages = assigned_ages(args.ucd)
    categories = general_categories(args.ucd)
    for codepoint, category in CATEGORY_CHANGES.items():
        if categories[codepoint] == category or ages.get(codepoint, (99, 0)) > CATEGORY_VERSION:
            sys.exit(f"U+{codepoint:04X}: not a character whose category changed since {CATEGORY_VERSION}")
    lowercase = simple_lowercase(args.ucd)
    additions = lowercase_additions(ucd_version, lowercase)

    flags = [0] * CODEPOINT_COUNT
    for codepoint in range(CODEPOINT_COUNT):
        if ages.get(codepoint, (99, 0)) <= CATEGORY_VERSION:
            category = CATEGORY_CHANGES.get(codepoint, categories[codepoint])
            if category in ("Cc", "Cf", "Co"):
                flags[codepoint] |= OTHER
            elif category == "Mn":
                flags[codepoint] |= NONSPACING_MARK
            elif category.startswith("P"):
                flags[codepoint] |= PUNCTUATION
        if ages.get(codepoint, (99, 0)) <= MARK_CATEGORY_VERSION:
            if MARK_CATEGORY_CHANGES.get(codepoint, categories[codepoint]) in ("Mn", "Mc", "Me"):
                flags[codepoint] |= COMBINING_MARK
        if codepoint < 0x80 and chr(codepoint) in ASCII_PUNCTUATION:
            flags[codepoint] |= PUNCTUATION  # char::is_ascii_punctuation: symbols too ("$", "+")
    for codepoint in property_members(args.ucd, "PropList.txt", "White_Space"):
        flags[codepoint] |= WHITE_SPACE
    for codepoint in list(lowercase) + list(additions) + sorted(special_lowercase(args.ucd)):
        if lowercase.get(codepoint, additions.get(codepoint)) != codepoint:
            flags[codepoint] |= CHANGES_WHEN_LOWERCASED
    index, blocks = two_stage(flags, BLOCK_SHIFT)
    if len(blocks) >> BLOCK_SHIFT > 256:
        sys.exit("the flag index no longer fits in a byte")

    category_version = ".".join(str(part) for part in CATEGORY_VERSION) + ".0"
    lowercase_version = ".".join(str(part) for part in LOWERCASE_VERSION) + ".0"
    out = [
        "// GENERATED by build-scripts/gen-hf-rust-tables.py from the Unicode Character",
        f"// Database {version} (UnicodeData.txt, DerivedAge.txt, PropList.txt, SpecialCasing.txt;",
        f"// categories as of {category_version}, lower-casing as of {lowercase_version}). Do not edit; regenerate with",
        "//   /usr/bin/python3 build-scripts/gen-hf-rust-tables.py",
        "// Layout and lookup: see hf_rust_tables.h.",
        '#include "tokenizer/unicode/hf_rust_tables.h"',
        "",
        "namespace tokenlab::hf_rust {",
        "",
        f"static_assert(kOther == {OTHER} && kNonspacingMark == {NONSPACING_MARK} && kPunctuation == {PUNCTUATION} &&",
        f"              kWhiteSpace == {WHITE_SPACE} && kChangesWhenLowercased == {CHANGES_WHEN_LOWERCASED} &&",
        f"              kCombiningMark == {COMBINING_MARK});",
        f"static_assert(detail::kFlagBlockShift == {BLOCK_SHIFT});",
        "",
        f'const char kCategoryUnicodeVersion[] = "{category_version}";',
        f'const char kLowercaseUnicodeVersion[] = "{lowercase_version}";',
        "",
        "namespace detail {",
        "",
    ]
    emit_two_stage(out, index, blocks, BLOCK_SHIFT, "kFlagBlockIndex", "kFlagBlocks")
    out.append("")
    out.append(f"const std::size_t kLowercaseAdditionCount = {len(additions)};")
    out.append(f"const LowercasePair kLowercaseAdditions[{len(additions)}] = {{")
    rows = [f"{{0x{codepoint:04X}, 0x{additions[codepoint]:04X}}}," for codepoint in sorted(additions)]
    for start in range(0, len(rows), 6):
        out.append("    " + " ".join(rows[start:start + 6]))
    out.append("};")
    write_generated(args.output, out, "tokenlab::hf_rust")


if __name__ == "__main__":
    main()
