// Where a long text may be cut into chunks that encode, one by one, to exactly
// the ids of the whole: the points the split patterns of the tiktoken encodings
// (GPT-2's r50k/p50k, cl100k, o200k, Qwen 2's) always split at, whatever
// follows, with no match and no lookahead reaching across.
//
//   "one two\nthree"  -> cuts at 3 ("one| two") and 8 ("two\n|three")
//   "a  b", "x\n\ny", "x\n y", "x \ny"  -> no cut (a whitespace run of more than the newline)
//
// Safe means more than "no match crosses the point": the matches just before
// it must also come out the same when the text ends there, and a lookahead that
// failed on the next character may succeed at the end of the text. GPT-2's
// `\s+(?!\S)` does exactly that: in "x\n\ny" it matches one "\n" and leaves
// the other to `\s+`, but in the chunk "x\n\n" it takes both. So the rules
// keep whitespace before the point to a single character:
//
//  1. ASCII letter | space ASCII letter ("one| two"). No alternative of these
//     patterns matches a letter followed by a space: the letter runs
//     (` ?\p{L}+`, `[^\r\n\p{L}\p{N}]?\p{L}+`, o200k's cased runs) stop at the
//     space, seeing a space or the end of the text alike, and so does a
//     contraction; the whitespace and punctuation alternatives take no
//     letter. So a match ends at the letter, and " two" starts a new one
//     (` ?\p{L}+` or `[^\r\n\p{L}\p{N}]?\p{L}+`), the same with or without
//     the text before it: there is no lookbehind.
//  2. a visible ASCII character, newline | a character that is not whitespace
//     ("two\n|three"). After a letter or digit, the lone newline is a match of
//     its own either way: `\s*[\r\n]+` (cl100k, o200k, Qwen 2), or for GPT-2
//     `\s+` when a non-space follows and `\s+(?!\S)` at the end of the text,
//     both the one newline. After punctuation, ` ?[^\s\p{L}\p{N}]+[\r\n]*`
//     takes the newline and stops, as GPT-2's ` ?[^\s\p{L}\p{N}]+` stops
//     before it. The letter runs' optional first character is `[^\r\n...]`
//     and GPT-2's ` ?` is a space only, so the next match starts after the
//     newline.
//
// Rule 2 excludes '/' after the newline: o200k's ` ?[^\s\p{L}\p{N}]+[\r\n/]*`
// takes ".\n/" whole. Both rules also ask that no UTF-8 lead byte just before
// announce a sequence reaching the letter or newline (an ill-formed sequence
// could swallow it), and the character after the point to be well-formed. A
// point inside an occurrence of a special token's text is never a cut when
// specials are matched.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace tokenlab::cli {

// Bytes a cut looks at after the point, at most (rule 1's letter, rule 2's
// character): a window must hold this many past any point tried.
inline constexpr std::size_t kCutLookahead = 4;

// True when text may be cut before text[point]; needs, past
// the point, kCutLookahead bytes or the end of text (which is no cut: the
// bytes after the window are unknown).
bool is_safe_cut(std::string_view text, std::size_t point);

// The last safe cut in text at or after `from` and at most text.size() -
// reserve, that lies inside no occurrence of any of `specials` (0 when none).
// reserve must be at least kCutLookahead and the longest special's length.
std::size_t last_safe_cut(std::string_view text, std::size_t from, std::size_t reserve,
                          const std::vector<std::string>& specials);

}  // namespace tokenlab::cli
