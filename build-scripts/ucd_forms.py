"""The Unicode normalization forms of single characters, for gen-normalization-tables.py:
full decompositions, primary composites and quick-check values, read from
UnicodeData.txt and CompositionExclusions.txt as a given Unicode version saw
them (a character assigned later, by DerivedAge.txt, has no mapping and
combining class 0).

    forms = FormData("/usr/share/unicode", version=(9, 0))
    forms.decompose(0x1E9B, compatibility=True)   # [0x0073, 0x0307]
    forms.composites[(0x0065, 0x0301)]             # 0x00E9
    forms.quick_check(0x0301, "NFC")               # "M": may combine with the character before
"""

import os

from ucd import parse_range, read_lines

HANGUL_FIRST = 0xAC00
HANGUL_COUNT = 11172
LEADING_FIRST = 0x1100
LEADING_COUNT = 19
VOWEL_FIRST = 0x1161
VOWEL_COUNT = 21
TRAILING_FIRST = 0x11A7  # one before the first trailing consonant: "no trailing consonant"
TRAILING_COUNT = 28


def is_hangul_syllable(codepoint):
    return HANGUL_FIRST <= codepoint < HANGUL_FIRST + HANGUL_COUNT


def assigned_ages(ucd):
    """Codepoint -> (major, minor) of the version that assigned it."""
    ages = {}
    for fields in read_lines(os.path.join(ucd, "DerivedAge.txt")):
        first, last = parse_range(fields[0])
        version = tuple(int(part) for part in fields[1].split("."))
        for codepoint in range(first, last + 1):
            ages[codepoint] = version
    return ages


class FormData:
    """Decompositions, compositions and combining classes of the characters assigned by version."""

    def __init__(self, ucd, version):
        ages = assigned_ages(ucd)
        self.known = {codepoint for codepoint, age in ages.items() if age <= version}
        self.combining = {}
        self.canonical = {}
        self.compatibility = {}
        for fields in read_lines(os.path.join(ucd, "UnicodeData.txt")):
            codepoint = int(fields[0], 16)
            if codepoint not in self.known:
                continue
            if int(fields[3]) != 0:
                self.combining[codepoint] = int(fields[3])
            mapping = fields[5]
            if mapping.startswith("<"):  # "<compat> 0020 0301"
                self.compatibility[codepoint] = [int(part, 16) for part in mapping.split()[1:]]
            elif mapping:
                self.canonical[codepoint] = [int(part, 16) for part in mapping.split()]
        excluded = set()
        for fields in read_lines(os.path.join(ucd, "CompositionExclusions.txt")):
            first, last = parse_range(fields[0])
            excluded.update(range(first, last + 1))
        # Full_Composition_Exclusion: the exclusion list, singletons, and
        # decompositions that are or start with a non-starter.
        self.composites = {}
        for codepoint, parts in self.canonical.items():
            if (codepoint in excluded or len(parts) == 1 or self.ccc(codepoint) != 0 or
                    self.ccc(parts[0]) != 0):
                continue
            self.composites[tuple(parts)] = codepoint
        self.combines_backward = {second for _, second in self.composites}
        self.combines_backward.update(range(VOWEL_FIRST, VOWEL_FIRST + VOWEL_COUNT))
        self.combines_backward.update(range(TRAILING_FIRST + 1, TRAILING_FIRST + TRAILING_COUNT))

    def ccc(self, codepoint):
        return self.combining.get(codepoint, 0)

    def decompose(self, codepoint, compatibility):
        """The full canonical (or compatibility) decomposition of one codepoint."""
        if is_hangul_syllable(codepoint):
            index = codepoint - HANGUL_FIRST
            parts = [LEADING_FIRST + index // (VOWEL_COUNT * TRAILING_COUNT),
                     VOWEL_FIRST + index % (VOWEL_COUNT * TRAILING_COUNT) // TRAILING_COUNT]
            if index % TRAILING_COUNT:
                parts.append(TRAILING_FIRST + index % TRAILING_COUNT)
            return parts
        parts = self.canonical.get(codepoint)
        if parts is None and compatibility:
            parts = self.compatibility.get(codepoint)
        if parts is None:
            return [codepoint]
        return [piece for part in parts for piece in self.decompose(part, compatibility)]

    def compose(self, first, second):
        """The primary composite of two codepoints, or None."""
        if LEADING_FIRST <= first < LEADING_FIRST + LEADING_COUNT and VOWEL_FIRST <= second < VOWEL_FIRST + VOWEL_COUNT:
            return HANGUL_FIRST + ((first - LEADING_FIRST) * VOWEL_COUNT + second - VOWEL_FIRST) * TRAILING_COUNT
        if (is_hangul_syllable(first) and (first - HANGUL_FIRST) % TRAILING_COUNT == 0 and
                TRAILING_FIRST < second < TRAILING_FIRST + TRAILING_COUNT):
            return first + second - TRAILING_FIRST
        return self.composites.get((first, second))

    def normalize(self, codepoints, form):
        """NFC, NFD, NFKC or NFKD of a codepoint list (Unicode 3.11, canonical composition algorithm)."""
        decomposed = [part for codepoint in codepoints for part in self.decompose(codepoint, form.startswith("NFK"))]
        # Canonical ordering: a stable sort of each run of non-starters.
        ordered = []
        run = []
        for part in decomposed + [None]:
            if part is not None and self.ccc(part) != 0:
                run.append(part)
                continue
            ordered.extend(sorted(run, key=self.ccc))
            run = []
            if part is not None:
                ordered.append(part)
        if form in ("NFD", "NFKD"):
            return ordered
        result = []
        starter = None  # index in result of the last starter
        for part in ordered:
            if starter is not None:
                between = result[starter + 1:]
                blocked = between and self.ccc(between[-1]) >= self.ccc(part)
                composite = None if blocked else self.compose(result[starter], part)
                if composite is not None:
                    result[starter] = composite
                    continue
            if self.ccc(part) == 0:
                starter = len(result)
            result.append(part)
        return result

    def quick_check(self, codepoint, form):
        """"Y", "N" or "M" (may combine with the character before, NFC and NFKC only)."""
        if self.normalize([codepoint], form) != [codepoint]:
            return "N"
        if form in ("NFC", "NFKC") and codepoint in self.combines_backward:
            return "M"
        return "Y"
