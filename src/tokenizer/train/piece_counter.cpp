#include "tokenizer/train/piece_counter.h"

#include <algorithm>
#include <cstring>
#include <limits>

#include "tokenizer/errors.h"
#include "tokenizer/bpe/rank_table.h"

namespace tokenlab {

namespace {

constexpr std::size_t kMaxPieceBytes = std::numeric_limits<std::uint32_t>::max();

bool is_printable_ascii(char byte) { return byte > ' ' && byte < 0x7F; }

std::uint64_t head_of(std::string_view piece) {
  std::uint64_t head = 0;
  std::memcpy(&head, piece.data(), std::min<std::size_t>(piece.size(), sizeof head));
  return head;
}

}  // namespace

PieceCounter::PieceCounter(SplitPattern pattern, const std::vector<std::string>& special_tokens)
    : pattern_(pattern) {
  TokenId id = 0;
  for (const std::string& special : special_tokens) {
    if (special.empty()) continue;
    specials_.add(special, id++);
    longest_special_ = std::max(longest_special_, special.size());
  }
}

void PieceCounter::add_text(std::string_view chunk) {
  carry_.append(chunk);
  if (specials_.empty() && pattern_ == SplitPattern::kNone) return;  // the whole text is one piece

  // 1. The latest cut that leaves every piece and special token whole.
  const std::size_t limit = special_free_limit();
  std::size_t cut = pattern_ == SplitPattern::kNone ? 0 : safe_cut_before(limit);
  cut = avoid_splitting_special(cut);

  // 2. Count the text before it; carry the rest.
  std::size_t consumed = 0;
  if (cut > 0) {
    consumed = count_text(std::string_view(carry_).substr(0, cut), false);
  } else if (carry_.size() >= kMaxCarry && pattern_ != SplitPattern::kNone) {
    // No safe cut in a long stretch: count all but its last piece.
    consumed = count_text(std::string_view(carry_).substr(0, avoid_splitting_special(limit)), true);
  }
  carry_.erase(0, consumed);
  no_cut_before_ = no_cut_before_ > consumed ? no_cut_before_ - consumed : 0;
  no_special_before_ = no_special_before_ > consumed ? no_special_before_ - consumed : 0;
}

void PieceCounter::finish() {
  count_text(carry_, false);
  carry_.clear();
  no_cut_before_ = 0;
  no_special_before_ = 0;
}

// Positions before the limit are at least longest_special_ - 1 bytes from the
// end, so whether a special token starts there is already decided.
std::size_t PieceCounter::special_free_limit() const {
  if (longest_special_ == 0) return carry_.size();
  return carry_.size() >= longest_special_ - 1 ? carry_.size() - (longest_special_ - 1) : 0;
}

// The last position p <= limit with carry_[p] == ' ' after printable ASCII, or 0.
std::size_t PieceCounter::safe_cut_before(std::size_t limit) {
  if (carry_.size() < 2) return 0;
  const std::size_t highest = std::min(limit, carry_.size() - 1);
  const std::size_t lowest = std::max<std::size_t>(1, no_cut_before_);
  for (std::size_t p = highest; p >= lowest && p > 0; --p) {
    if (carry_[p] == ' ' && is_printable_ascii(carry_[p - 1])) return p;
  }
  no_cut_before_ = std::max(no_cut_before_, highest + 1);
  return 0;
}

// Moves a cut that falls inside a special token to its start, and a cut that
// falls before the end of the last special token to that end (also a safe cut:
// text on either side of a special token is pre-tokenized separately).
std::size_t PieceCounter::avoid_splitting_special(std::size_t cut) {
  if (specials_.empty()) return cut;
  const std::string_view text(carry_);
  const std::size_t limit = special_free_limit();
  std::size_t last_end = 0;
  for (auto match = specials_.find_next(text, no_special_before_); match.position < limit;
       match = specials_.find_next(text, match.position + match.length)) {
    if (match.position < cut && cut < match.position + match.length) return match.position;
    last_end = match.position + match.length;
  }
  // With none found, a long stretch carried by kNone is not scanned again.
  if (last_end == 0) no_special_before_ = std::max(no_special_before_, limit);
  return std::max(cut, last_end);
}

// Counts the pieces of text, skipping special tokens. With hold_back_last_piece,
// the final piece is left uncounted. Returns the number of bytes counted.
std::size_t PieceCounter::count_text(std::string_view text, bool hold_back_last_piece) {
  std::size_t pos = 0;
  while (true) {
    const auto match = specials_.find_next(text, pos);
    if (match.position == std::string_view::npos) {
      return count_segment(text.substr(pos), pos, hold_back_last_piece);
    }
    count_segment(text.substr(pos, match.position - pos), pos, false);
    ++specials_seen_;
    pos = match.position + match.length;
  }
}

std::size_t PieceCounter::count_segment(std::string_view segment, std::size_t segment_start,
                                        bool hold_back_last_piece) {
  if (segment.empty()) return segment_start;
  if (segment.size() > kMaxPieceBytes) {
    throw UsageError("training text has a stretch of more than 4 GiB without a piece boundary");
  }
  spans_.clear();
  pre_tokenize(pattern_, segment, spans_);
  std::size_t counted = spans_.size();
  std::size_t end = segment_start + segment.size();
  if (hold_back_last_piece && counted > 0) {
    --counted;
    end = segment_start + spans_[counted].begin;
  }
  for (std::size_t i = 0; i < counted; ++i) {
    count_piece(segment.substr(spans_[i].begin, spans_[i].end - spans_[i].begin));
  }
  return end;
}

void PieceCounter::count_piece(std::string_view piece) {
  if (piece.empty()) return;
  ++total_pieces_;
  if ((entries_.size() + 1) * 2 > slots_.size()) grow();
  const std::uint32_t hash = RankTable::hash_bytes(piece);
  const std::uint64_t head = head_of(piece);
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t slot = hash & mask;; slot = (slot + 1) & mask) {
    Slot& entry = slots_[slot];
    if (entry.entry == kEmptySlot) {
      if (blob_.size() + piece.size() > kMaxPieceBytes) {
        throw UsageError("training text has more than 4 GiB of distinct pieces");
      }
      entry = Slot{hash, static_cast<std::uint32_t>(entries_.size())};
      entries_.push_back(
          Entry{1, head, static_cast<std::uint32_t>(blob_.size()), static_cast<std::uint32_t>(piece.size())});
      blob_.append(piece);
      return;
    }
    if (entry.hash != hash) continue;
    Entry& counted = entries_[entry.entry];
    if (counted.length == piece.size() && counted.head == head &&
        (piece.size() <= sizeof head ||
         std::memcmp(blob_.data() + counted.offset + sizeof head, piece.data() + sizeof head,
                     piece.size() - sizeof head) == 0)) {
      ++counted.count;
      return;
    }
  }
}

void PieceCounter::grow() {
  const std::size_t size = slots_.empty() ? 1024 : slots_.size() * 2;
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(size, Slot{0, kEmptySlot});
  for (const Slot& entry : old) {
    if (entry.entry == kEmptySlot) continue;
    std::size_t slot = entry.hash & (size - 1);
    while (slots_[slot].entry != kEmptySlot) slot = (slot + 1) & (size - 1);
    slots_[slot] = entry;
  }
}

std::vector<PieceCount> PieceCounter::pieces() const {
  std::vector<PieceCount> out;
  out.reserve(entries_.size());
  const std::string_view blob(blob_);
  for (const Entry& entry : entries_) out.push_back({blob.substr(entry.offset, entry.length), entry.count});
  return out;
}

void PieceCounter::clear() {
  std::string().swap(blob_);
  std::vector<Entry>().swap(entries_);
  std::vector<Slot>().swap(slots_);
  std::vector<ByteSpan>().swap(spans_);
  std::string().swap(carry_);
  no_cut_before_ = 0;
  no_special_before_ = 0;
}

}  // namespace tokenlab
