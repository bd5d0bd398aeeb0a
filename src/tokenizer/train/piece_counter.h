// PieceCounter: the first phase of BPE training. Pre-tokenizes a text given in
// chunks of any size and counts each distinct piece once.
//
//   whitespace, "low low lower" -> {"low": 2, "lower": 1}
//   gpt2, add_text("the cat s") then add_text("at") -> {"the": 1, " cat": 1, " sat": 1}
//
// Why the carried tail: a chunk may end inside a piece, so the text after the
// last safe cut is carried over and prepended to the next chunk. A cut before a
// space that follows printable ASCII ("...cat| sat") is safe for every supported
// pattern: no piece spans it, and no alternative looks past a space to decide
// where an earlier piece ends. Counts are therefore the same however the text is
// chunked. Only a text with no such cut for kMaxCarry bytes (CJK without spaces,
// UTF-16) is cut at the start of its last piece instead, which is exact unless a
// piece ending in the last few bytes would have grown with the next chunk.
//
// Special tokens are cut out of the text before pre-tokenizing (leftmost, the
// longest at one position), so no piece spans or contains one, as in Hugging
// Face's trainer. kNone keeps each stretch between special tokens whole.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "tokenizer/pretokenize/pretokenizer.h"
#include "tokenizer/bpe/special_tokens.h"

namespace tokenlab {

struct PieceCount {
  std::string_view piece;  // valid while the counter lives and until clear()
  std::uint64_t count;
};

class PieceCounter {
 public:
  explicit PieceCounter(SplitPattern pattern, const std::vector<std::string>& special_tokens = {});

  // Appends a chunk of the current text.
  void add_text(std::string_view chunk);
  // Ends the current text: its carried tail is counted; the next add_text
  // starts a new text, so no piece spans two texts (two files, say).
  void finish();

  // Distinct pieces and their counts, in no particular order; call finish() first.
  std::vector<PieceCount> pieces() const;
  std::size_t distinct_pieces() const { return entries_.size(); }
  std::uint64_t total_pieces() const { return total_pieces_; }
  std::uint64_t special_tokens_seen() const { return specials_seen_; }
  // Releases the table.
  void clear();

  // Text without a safe cut is carried up to this many bytes.
  static constexpr std::size_t kMaxCarry = std::size_t{1} << 20;

 private:
  // The first 8 bytes live in the entry, so most pieces compare without
  // touching blob_ (one cache miss less per lookup).
  struct Entry {
    std::uint64_t count;
    std::uint64_t head;    // first 8 bytes, zero-padded
    std::uint32_t offset;  // into blob_
    std::uint32_t length;
  };
  struct Slot {
    std::uint32_t hash;
    std::uint32_t entry;  // kEmptySlot when free
  };
  static constexpr std::uint32_t kEmptySlot = 0xFFFFFFFF;

  std::size_t safe_cut_before(std::size_t limit);
  std::size_t special_free_limit() const;
  std::size_t avoid_splitting_special(std::size_t cut);
  std::size_t count_text(std::string_view text, bool hold_back_last_piece);
  std::size_t count_segment(std::string_view segment, std::size_t segment_start, bool hold_back_last_piece);
  void count_piece(std::string_view piece);
  void grow();

  SplitPattern pattern_;
  SpecialTokens specials_;
  std::size_t longest_special_ = 0;
  std::string carry_;             // text not counted yet
  std::size_t no_cut_before_ = 0;      // carry_[1..no_cut_before_) has no safe cut
  std::size_t no_special_before_ = 0;  // no special token starts in carry_[0..no_special_before_)
  std::vector<ByteSpan> spans_;   // scratch
  std::string blob_;              // bytes of the distinct pieces
  std::vector<Entry> entries_;
  std::vector<Slot> slots_;       // power-of-two size, at most half full
  std::uint64_t total_pieces_ = 0;
  std::uint64_t specials_seen_ = 0;
};

}  // namespace tokenlab
