"""Reading the Unicode Character Database and writing two-stage C++ tables:
what gen-unicode-tables.py and gen-normalization-tables.py share.

    for fields in read_lines(path): ...          # "0041..005A ; Alphabetic" -> ["0041..005A", "Alphabetic"]
    parse_range("0041..005A")                    # (0x41, 0x5A)
    index, blocks = two_stage(values, shift=8)   # value(cp) = blocks[index[cp >> 8] << 8 | (cp & 255)]
"""

import os
import re
import sys

CODEPOINT_COUNT = 0x110000


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


def property_members(ucd, file_name, property_name):
    """The codepoints that have a binary property listed in a PropList-style file."""
    members = set()
    for fields in read_lines(os.path.join(ucd, file_name)):
        if len(fields) >= 2 and fields[1] == property_name:
            first, last = parse_range(fields[0])
            members.update(range(first, last + 1))
    if not members:
        sys.exit(f"{file_name}: no codepoints have {property_name}")
    return members


def unicode_version(ucd, file_name):
    """"15.0.0", from a UCD file's first line ("# PropList-15.0.0.txt")."""
    stem = os.path.splitext(file_name)[0]
    with open(os.path.join(ucd, file_name), encoding="utf-8") as source:
        match = re.search(re.escape(stem) + r"-(\d+\.\d+\.\d+)\.txt", source.readline())
    if not match:
        sys.exit(f"{file_name}: no version on its first line")
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


def emit_array(out, c_type, name, values, per_line=32, qualifier="const"):
    """Appends `qualifier c_type name[N] = {...};` to out, per_line values a line."""
    out.append(f"{qualifier} {c_type} {name}[{len(values)}] = {{")
    for start in range(0, len(values), per_line):
        out.append("    " + ",".join(str(value) for value in values[start:start + per_line]) + ",")
    out.append("};")


def emit_two_stage(out, index, blocks, shift, index_name, blocks_name, qualifier="const"):
    """Appends a table made by two_stage: its block index and its distinct blocks, as bytes."""
    out.append(f"// {len(index)} blocks of {1 << shift} codepoints, {len(blocks) >> shift} of them distinct.")
    emit_array(out, "std::uint8_t", index_name, index, qualifier=qualifier)
    out.append("")
    emit_array(out, "std::uint8_t", blocks_name, blocks, qualifier=qualifier)


def write_generated(path, out, namespace):
    """Closes the detail namespace and `namespace`, and writes the lines to path."""
    out += ["", "}  // namespace detail", f"}}  // namespace {namespace}", ""]
    with open(path, "w", encoding="utf-8") as target:
        target.write("\n".join(out))
