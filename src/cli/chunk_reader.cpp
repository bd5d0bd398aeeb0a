#include "cli/chunk_reader.h"

#include <algorithm>
#include <istream>
#include <utility>

#include "cli/chunk_cut.h"
#include "tokenizer/errors.h"

namespace tokenlab::cli {

ChunkReader::ChunkReader(std::istream& in, ChunkRule rule, std::size_t target_bytes)
    : in_(in), rule_(std::move(rule)), target_bytes_(std::max<std::size_t>(target_bytes, 64)), reserve_(kCutLookahead) {
  for (const std::string& special : rule_.specials) reserve_ = std::max(reserve_, special.size());
}

bool ChunkReader::read_more(std::size_t bytes) {
  if (at_end_) return false;
  const std::size_t old_size = pending_.size();
  pending_.resize(old_size + bytes);
  in_.read(pending_.data() + old_size, static_cast<std::streamsize>(bytes));
  const auto got = static_cast<std::size_t>(in_.gcount());
  pending_.resize(old_size + got);
  if (in_.bad()) throw UsageError("reading the input failed");
  if (got < bytes) at_end_ = true;
  return got > 0;
}

bool ChunkReader::next(std::string& chunk) {
  const bool first = !started_;
  started_ = true;
  if (!rule_.cut) {
    chunk.clear();
    if (!first) return false;
    while (read_more(target_bytes_)) {
    }
    chunk.swap(pending_);
    return true;
  }
  while (true) {
    if (pending_.size() < target_bytes_ + reserve_) read_more(target_bytes_ + reserve_ - pending_.size());
    if (at_end_ && pending_.size() <= target_bytes_ + reserve_) {
      chunk.clear();
      chunk.swap(pending_);
      search_from_ = 1;
      return first || !chunk.empty();
    }
    const std::size_t cut = last_safe_cut(pending_, search_from_, reserve_, rule_.specials);
    if (cut > 0) {
      chunk.assign(pending_, 0, cut);
      pending_.erase(0, cut);
      search_from_ = 1;
      return true;
    }
    // No cut in the window: remember how far it was searched, then read on.
    search_from_ = std::max<std::size_t>(1, pending_.size() - reserve_ + 1);
    if (!read_more(target_bytes_)) {
      // Nothing more to read after all: the rest is the last chunk.
      chunk.clear();
      chunk.swap(pending_);
      return first || !chunk.empty();
    }
  }
}

}  // namespace tokenlab::cli
