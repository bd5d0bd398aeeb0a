#!/usr/bin/python3
"""Generates src/tokenizer/unicode_tables.cpp from the Unicode Character Database.

Regenerate (Debian: apt-get install unicode-data), from the repository root:

    /usr/bin/python3 build-scripts/gen-unicode-tables.py

Options: --ucd DIR (default /usr/share/unicode) and --output FILE (default
src/tokenizer/unicode_tables.cpp next to this script). Standard library only.

Every table maps each codepoint U+0000..U+10FFFF to a small value and is stored
as a two-stage lookup: an index with one entry per block of 2^shift codepoints,
naming one of the distinct blocks, which are stored once each. Unicode assigns
properties in long runs, so most of the 4352 blocks of 256 codepoints share a
few dozen patterns:

    value(cp) = blocks[index[cp >> shift] << shift | (cp & (2^shift - 1))]

Tables emitted:
  kPropertyBlockIndex / kPropertyBlocks: general category (low 5 bits, in the
    order of CATEGORIES, which is tokenlab::unicode::Category) and White_Space
    (bit 5).

To add a table (say canonical decompositions), parse its source file into a
list of 0x110000 values, build it with two_stage() and write it with
emit_array(), next to the property table in main(), then declare it in
unicode_tables.h.
"""

import argparse
import os
import re
import sys

CODEPOINT_COUNT = 0x110000

# The order of tokenlab::unicode::Category; the generated file static_asserts it.
CATEGORIES = [
    "Lu", "Ll", "Lt", "Lm", "Lo",
    "Mn", "Mc", "Me",
    "Nd", "Nl", "No",
    "Pc", "Pd", "Ps", "Pe", "Pi", "Pf", "Po",
    "Sm", "Sc", "Sk", "So",
    "Zs", "Zl", "Zp",
    "Cc", "Cf", "Cs", "Co", "Cn",
]
WHITE_SPACE_BIT = 1 << 5

# Must match kPropertyBlockShift in unicode_tables.h. 256-codepoint blocks leave
# 156 distinct blocks in Unicode 15.0, so the index fits in a byte with room
# for growth.
PROPERTY_BLOCK_SHIFT = 8


def read_lines(path):
    """Yields the data fields of a UCD file: comments stripped, blank lines skipped."""
    with open(path, encoding="utf-8") as source:
        for line in source:
            line = line.split("#", 1)[0].strip()
            if line:
                yield [field.strip() for field in line.split(";")]


def parse_range(text):
    """"0041" -> (0x41, 0x41); "0041..005A" -> (0x41, 0x5A)."""
    first, _, last = text.partition("..")
    return int(first, 16), int(last or first, 16)


def general_categories(ucd):
    """The general category of every codepoint; unlisted ones are Cn.

    UnicodeData.txt lists large ranges (CJK ideographs, Hangul syllables, private
    use) as a "<Name, First>" line followed by a "<Name, Last>" line.
    """
    categories = ["Cn"] * CODEPOINT_COUNT
    range_start = None
    for fields in read_lines(os.path.join(ucd, "UnicodeData.txt")):
        codepoint, name, category = int(fields[0], 16), fields[1], fields[2]
        if category not in CATEGORIES:
            sys.exit(f"UnicodeData.txt: unknown general category {category} at U+{codepoint:04X}")
        if name.endswith(", First>"):
            range_start = codepoint
            continue
        if name.endswith(", Last>"):
            if range_start is None:
                sys.exit(f"UnicodeData.txt: range end without start at U+{codepoint:04X}")
            for member in range(range_start, codepoint + 1):
                categories[member] = category
            range_start = None
            continue
        categories[codepoint] = category
    return categories


def binary_property(ucd, file_name, property_name):
    """The codepoints that have a binary property listed in a PropList-style file."""
    members = set()
    for fields in read_lines(os.path.join(ucd, file_name)):
        if fields[1] == property_name:
            first, last = parse_range(fields[0])
            members.update(range(first, last + 1))
    if not members:
        sys.exit(f"{file_name}: no codepoints have {property_name}")
    return members


def unicode_version(ucd):
    """"15.0.0", from the first line of PropList.txt ("# PropList-15.0.0.txt")."""
    with open(os.path.join(ucd, "PropList.txt"), encoding="utf-8") as source:
        match = re.search(r"PropList-(\d+\.\d+\.\d+)\.txt", source.readline())
    if not match:
        sys.exit("PropList.txt: no version on its first line")
    return match.group(1)


def two_stage(values, shift):
    """Splits values into (index, blocks); blocks is the flat list of distinct blocks.

    Blocks are numbered in order of first appearance, so the output is stable.
    """
    size = 1 << shift
    assert len(values) % size == 0
    block_numbers = {}
    index = []
    for start in range(0, len(values), size):
        block = tuple(values[start:start + size])
        index.append(block_numbers.setdefault(block, len(block_numbers)))
    blocks = [value for block in block_numbers for value in block]
    return index, blocks


def emit_array(out, c_type, name, values, per_line=32):
    """Writes `constexpr c_type name[N] = {...};` with per_line values a line.

    constexpr (the header declares it extern const) lets the file static_assert
    on the contents.
    """
    out.append(f"constexpr {c_type} {name}[{len(values)}] = {{")
    for start in range(0, len(values), per_line):
        out.append("    " + ",".join(str(value) for value in values[start:start + per_line]) + ",")
    out.append("};")


def main():
    script_dir = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ucd", default="/usr/share/unicode",
                        help="directory holding UnicodeData.txt and PropList.txt")
    parser.add_argument("--output", default=os.path.join(script_dir, "..", "src", "tokenizer",
                                                         "unicode_tables.cpp"))
    args = parser.parse_args()

    version = unicode_version(args.ucd)
    categories = general_categories(args.ucd)
    white_space = binary_property(args.ucd, "PropList.txt", "White_Space")

    category_number = {name: number for number, name in enumerate(CATEGORIES)}
    properties = [category_number[category] for category in categories]
    for codepoint in white_space:
        properties[codepoint] |= WHITE_SPACE_BIT
    property_index, property_blocks = two_stage(properties, PROPERTY_BLOCK_SHIFT)
    if len(property_blocks) >> PROPERTY_BLOCK_SHIFT > 256:
        sys.exit("the property index no longer fits in a byte: widen kPropertyBlockIndex")
    assert property_index[0] == 0  # property_byte() reads Latin-1 from block 0 directly

    out = [
        f"// GENERATED by build-scripts/gen-unicode-tables.py from the Unicode Character",
        f"// Database {version} (UnicodeData.txt, PropList.txt). Do not edit; regenerate with",
        f"//   /usr/bin/python3 build-scripts/gen-unicode-tables.py",
        f"// Layout and lookup: see unicode_tables.h.",
        f'#include "tokenizer/unicode_tables.h"',
        f"",
        f"namespace tokenlab::unicode {{",
        f"",
    ]
    for number, name in enumerate(CATEGORIES):
        out.append(f"static_assert(int(Category::k{name}) == {number});")
    out += [
        f"static_assert(detail::kWhiteSpaceBit == {WHITE_SPACE_BIT});",
        f"static_assert(detail::kPropertyBlockShift == {PROPERTY_BLOCK_SHIFT});",
        f"",
        f'const char kUnicodeVersion[] = "{version}";',
        f"",
        f"const char* category_name(Category category) {{",
        f"  static const char* const kNames[kCategoryCount] = {{",
        *("      " + ", ".join(f'"{name}"' for name in CATEGORIES[start:start + 10]) + ","
          for start in range(0, len(CATEGORIES), 10)),
        f"  }};",
        f"  return kNames[int(category)];",
        f"}}",
        f"",
        f"namespace detail {{",
        f"",
        f"// {len(property_index)} blocks of {1 << PROPERTY_BLOCK_SHIFT} codepoints, "
        f"{len(property_blocks) >> PROPERTY_BLOCK_SHIFT} of them distinct.",
    ]
    emit_array(out, "std::uint8_t", "kPropertyBlockIndex", property_index)
    out.append("")
    emit_array(out, "std::uint8_t", "kPropertyBlocks", property_blocks)
    out += [
        "",
        "static_assert(kPropertyBlockIndex[0] == 0, \"property_byte() reads Latin-1 from block 0\");",
        "",
        "}  // namespace detail",
        "}  // namespace tokenlab::unicode",
        "",
    ]

    with open(args.output, "w", encoding="utf-8") as target:
        target.write("\n".join(out))


if __name__ == "__main__":
    main()
