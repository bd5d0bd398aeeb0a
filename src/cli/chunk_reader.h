// Reads a text in chunks that end at safe cuts (chunk_cut.h), so a file of any
// size is encoded in bounded memory and the chunks' ids, joined, are the ids
// of the whole. With cutting off (a tokenizer whose cuts are not known), the
// whole input is one chunk.
//
//   "one two\nthree four" with a 6-byte target -> "one", " two\n", "three four"
//     (the last chunk is what is left at the end of input)
//
// Why "read on": a window with no safe cut (one 5 MB line of digits, a file
// with no spaces or newlines) is never cut blindly; the reader takes another
// target's worth of bytes and looks again, so memory grows only as far as
// such a stretch does.
#pragma once

#include <cstddef>
#include <iosfwd>
#include <string>
#include <vector>

namespace tokenlab::cli {

struct ChunkRule {
  bool cut = false;                   // false: the whole input is one chunk
  std::vector<std::string> specials;  // texts a cut may not fall inside (specials matched in the text)
};

class ChunkReader {
 public:
  ChunkReader(std::istream& in, ChunkRule rule, std::size_t target_bytes);

  // The next chunk (at least one byte); false at end of input. The first call
  // on an empty input gives an empty chunk and true, so every input gives one
  // chunk or more. Throws UsageError when reading fails.
  bool next(std::string& chunk);

 private:
  // Appends up to `bytes` more input to pending_; false at end of input.
  bool read_more(std::size_t bytes);

  std::istream& in_;
  ChunkRule rule_;
  std::size_t target_bytes_;
  std::size_t reserve_;       // bytes past a cut that must be seen: lookahead, longest special
  std::string pending_;       // read but not yet handed out
  std::size_t search_from_ = 1;  // pending_ before this (less reserve_) has no cut
  bool at_end_ = false;
  bool started_ = false;
};

}  // namespace tokenlab::cli
