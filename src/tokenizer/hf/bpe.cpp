#include "tokenizer/hf/bpe.h"

#include <algorithm>
#include <cstdio>

#include "tokenizer/hf/merges_as_ranks.h"
#include "tokenizer/unicode/utf8.h"

namespace tokenlab {

namespace {

std::string byte_token_text(unsigned byte) {
  char text[8];
  std::snprintf(text, sizeof text, "<0x%02X>", byte);
  return text;
}

}  // namespace

BpeModel::BpeModel(RankTable vocab, MergeTable merges, BpeModelOptions options)
    : vocab_(std::move(vocab)),
      merges_(std::move(merges)),
      options_(options),
      cache_(options.byte_level ? PieceCache::kByteLevelSlotBits : PieceCache::kDefaultSlotBits) {
  for (unsigned byte = 0; byte < 256; ++byte) {
    byte_ids_[byte] = options_.byte_level ? vocab_.find(std::string(1, static_cast<char>(byte)))
                      : options_.byte_fallback ? vocab_.find(byte_token_text(byte))
                                               : kNoRank;
  }
  for (unsigned ascii = 0; ascii < 128; ++ascii) ascii_ids_[ascii] = vocab_.find(std::string(1, char(ascii)));
  if (!options_.byte_level) build_chunking();
  id_pair_check_due_ = options_.byte_level && options_.ignore_merges;
}

bool BpeModel::set_id_pair_merging(bool enabled) {
  if (enabled && id_pair_check_due_) check_id_pair_merging();
  id_pair_check_due_ = false;
  id_pairs_enabled_ = enabled && id_pairs_ != nullptr;
  // What is cached is the same either way; forgetting it lets a test compare the two loops.
  cache_.clear();
  return id_pairs_enabled_;
}

void BpeModel::check_id_pair_merging() {
  id_pair_check_due_ = false;
  if (!merges_follow_token_ids(vocab_, merges_)) return;
  ByteTokens bytes = byte_tokens(vocab_);
  if (!bytes.has_every_byte()) return;
  id_pairs_ = std::make_unique<IdPairMerging>(IdPairMerging{std::move(bytes), PairMemo{}});
  id_pairs_enabled_ = true;
}

void BpeModel::build_chunking() {
  std::vector<bool> is_byte_token(vocab_.rank_limit(), false);
  for (const TokenId byte_id : byte_ids_) {
    if (byte_id != kNoRank) is_byte_token[byte_id] = true;
  }
  bool merges_byte_tokens = false;
  merges_.for_each([&](TokenId left, TokenId right, MergeTable::Merge) {
    if ((left < is_byte_token.size() && is_byte_token[left]) || (right < is_byte_token.size() && is_byte_token[right])) {
      merges_byte_tokens = true;
    }
  });
  if (merges_byte_tokens) return;
  for (std::size_t id = 0; id < vocab_.rank_limit(); ++id) {
    const std::string_view text = vocab_.bytes_of(static_cast<Rank>(id));
    char32_t previous = utf8::kInvalidCodepoint;
    for (std::size_t pos = 0; pos < text.size();) {
      const utf8::Decoded unit = utf8::decode(text, pos);
      if (previous != utf8::kInvalidCodepoint && unit.codepoint != utf8::kInvalidCodepoint) {
        if (previous < 128 && unit.codepoint < 128) {
          const std::size_t bit = previous * 128 + unit.codepoint;
          ascii_joinable_[bit / 64] |= std::uint64_t{1} << (bit % 64);
        } else {
          joinable_pairs_.add(previous, unit.codepoint, 0, 0);
        }
      }
      previous = unit.codepoint;
      pos += unit.length;
    }
  }
  chunking_ = true;
}

bool BpeModel::joinable(char32_t left, char32_t right) const {
  if (left == utf8::kInvalidCodepoint || right == utf8::kInvalidCodepoint) return false;
  if (left < 128 && right < 128) {
    const std::size_t bit = left * 128 + right;
    return (ascii_joinable_[bit / 64] >> (bit % 64)) & 1;
  }
  return joinable_pairs_.find(left, right).rank != kNoRank;
}

void BpeModel::emit_chunk(std::string_view piece, std::uint32_t begin, std::uint32_t end, std::size_t first_token,
                          std::vector<TokenId>& ids, std::vector<std::uint32_t>& starts) {
  const std::size_t before = ids.size();
  encode_chunk(piece, begin, end, ids, starts);
  // fuse_unk across chunks: an unknown token right after another one joins it.
  if (options_.fuse_unk && before > first_token && ids.size() > before && ids[before] == options_.unk &&
      ids[before - 1] == options_.unk) {
    ids.erase(ids.begin() + static_cast<std::ptrdiff_t>(before));
    starts.erase(starts.begin() + static_cast<std::ptrdiff_t>(before));
  }
}

void BpeModel::encode_piece(std::string_view piece, std::vector<TokenId>& ids, std::vector<std::uint32_t>& starts) {
  if (options_.ignore_merges) {
    if (const TokenId whole = vocab_.find(piece); whole != kNoRank) {
      ids.push_back(whole);
      starts.push_back(0);
      return;
    }
  }
  const std::size_t first_token = ids.size();
  const auto size = static_cast<std::uint32_t>(piece.size());
  if (!chunking_) {
    emit_chunk(piece, 0, size, first_token, ids, starts);
    return;
  }
  std::uint32_t chunk_begin = 0;
  char32_t previous = utf8::kInvalidCodepoint;
  for (std::uint32_t pos = 0; pos < size;) {
    const utf8::Decoded unit = utf8::decode(piece, pos);
    if (pos > chunk_begin && !joinable(previous, unit.codepoint)) {
      emit_chunk(piece, chunk_begin, pos, first_token, ids, starts);
      chunk_begin = pos;
    }
    previous = unit.codepoint;
    pos += unit.length;
  }
  emit_chunk(piece, chunk_begin, size, first_token, ids, starts);
}

void BpeModel::prepare_rewrite(char32_t space) {
  if (space == rewrite_space_) return;
  rewrite_space_ = space;
  ascii_then_space_[0] = ascii_then_space_[1] = 0;
  space_then_ascii_[0] = space_then_ascii_[1] = 0;
  for (char32_t ascii = 0; ascii < 128; ++ascii) {
    if (joinable(ascii, space)) ascii_then_space_[ascii / 64] |= std::uint64_t{1} << (ascii % 64);
    if (joinable(space, ascii)) space_then_ascii_[ascii / 64] |= std::uint64_t{1} << (ascii % 64);
  }
  space_then_space_ = joinable(space, space);
}

bool BpeModel::joinable_fast(char32_t left, char32_t right) const {
  if (left < 128 && right < 128) {
    const std::size_t bit = left * 128 + right;
    return (ascii_joinable_[bit / 64] >> (bit % 64)) & 1;
  }
  if (right == rewrite_space_ && left < 128) return (ascii_then_space_[left / 64] >> (left % 64)) & 1;
  if (left == rewrite_space_ && right < 128) return (space_then_ascii_[right / 64] >> (right % 64)) & 1;
  if (left == rewrite_space_ && right == rewrite_space_) return space_then_space_;
  return joinable(left, right);
}

void BpeModel::flush_rewritten_chunk(std::size_t first_token, Encoding& out) {
  chunk_ids_.clear();
  chunk_starts_.clear();
  const auto size = static_cast<std::uint32_t>(chunk_.size());
  encode_chunk(chunk_, 0, size, chunk_ids_, chunk_starts_);
  const std::size_t count = chunk_ids_.size();
  std::size_t i = 0;
  if (options_.fuse_unk && count > 0 && out.size() > first_token && chunk_ids_[0] == options_.unk &&
      out.ids.back() == options_.unk) {
    // The unknown token joins the one before: that one now ends where this one did.
    const std::uint32_t end = count > 1 ? chunk_starts_[1] : size;
    out.ends.back() = chunk_origins_[end - 1].end;
    i = 1;
  }
  for (; i < count; ++i) {
    const std::uint32_t end = i + 1 < count ? chunk_starts_[i + 1] : size;
    out.ids.push_back(chunk_ids_[i]);
    out.starts.push_back(chunk_origins_[chunk_starts_[i]].begin);
    out.ends.push_back(chunk_origins_[end - 1].end);
  }
  chunk_.clear();
  chunk_origins_.clear();
}

void BpeModel::encode_rewritten(std::string_view text, std::uint32_t begin, std::string_view prefix,
                                std::string_view space, Encoding& out) {
  if (text.empty()) return;
  const std::size_t first_token = out.size();
  // The normalizers never give an empty space (SpaceRewrite), but decode must not read past one.
  const utf8::Decoded space_unit = space.empty() ? utf8::Decoded{utf8::kInvalidCodepoint, 0} : utf8::decode(space, 0);
  const bool space_is_one_character = !space.empty() && space_unit.length == space.size();
  prepare_rewrite(space_is_one_character ? space_unit.codepoint : utf8::kInvalidCodepoint);
  chunk_.clear();
  chunk_origins_.clear();
  char32_t previous = utf8::kInvalidCodepoint;
  // Adds one normalized character (bytes, each with origin) to the chunk, first
  // ending the chunk if it cannot join the character before.
  auto add = [&](char32_t codepoint, std::string_view bytes, ByteSpan origin, bool one_to_one) {
    if (chunking_ && !chunk_.empty() && !joinable_fast(previous, codepoint)) flush_rewritten_chunk(first_token, out);
    previous = codepoint;
    chunk_.append(bytes);
    for (std::uint32_t i = 0; i < bytes.size(); ++i) {
      chunk_origins_.push_back(one_to_one ? ByteSpan{origin.begin + i, origin.begin + i + 1} : origin);
    }
  };
  auto add_rewritten = [&](std::string_view rewritten, ByteSpan origin) {
    for (std::size_t pos = 0; pos < rewritten.size();) {
      const utf8::Decoded unit = utf8::decode(rewritten, pos);
      add(unit.codepoint, rewritten.substr(pos, unit.length), origin, false);
      pos += unit.length;
    }
  };
  add_rewritten(prefix, {begin, begin});
  const auto size = static_cast<std::uint32_t>(text.size());
  for (std::uint32_t pos = 0; pos < size;) {
    const unsigned char lead = static_cast<unsigned char>(text[pos]);
    if (lead < 0x80 && lead != ' ') {
      // The common case, spelled out: one byte, its own origin.
      if (chunking_ && !chunk_.empty() && !joinable_fast(previous, lead)) flush_rewritten_chunk(first_token, out);
      previous = lead;
      chunk_.push_back(static_cast<char>(lead));
      chunk_origins_.push_back({begin + pos, begin + pos + 1});
      ++pos;
      continue;
    }
    if (lead == ' ') {
      if (space_is_one_character) {
        add(space_unit.codepoint, space, {begin + pos, begin + pos + 1}, false);
      } else {
        add_rewritten(space, {begin + pos, begin + pos + 1});
      }
      ++pos;
      continue;
    }
    const utf8::Decoded unit = utf8::decode(text, pos);
    add(unit.codepoint, text.substr(pos, unit.length), {begin + pos, begin + pos + 1}, true);
    pos += unit.length;
  }
  if (!chunk_.empty()) flush_rewritten_chunk(first_token, out);
}

void BpeModel::encode_chunk(std::string_view piece, std::uint32_t begin, std::uint32_t end, std::vector<TokenId>& ids,
                            std::vector<std::uint32_t>& starts) {
  const std::string_view chunk = piece.substr(begin, end - begin);
  const bool cacheable = PieceCache::cacheable(chunk);
  const std::uint32_t hash = cacheable ? RankTable::hash_bytes(chunk) : 0;
  if (cacheable && cache_.find(chunk, hash, begin, ids, starts)) return;
  const std::size_t first = ids.size();
  merge_chunk(chunk, 0, ids, starts);
  if (cacheable) cache_.put(chunk, hash, ids.data() + first, starts.data() + first, ids.size() - first);
  for (std::size_t i = first; i < starts.size(); ++i) starts[i] += begin;
}

void BpeModel::merge_chunk(std::string_view chunk, std::uint32_t base, std::vector<TokenId>& ids,
                           std::vector<std::uint32_t>& starts) {
  if (id_pair_check_due_) {
    merged_bytes_ += chunk.size();
    if (merged_bytes_ >= kIdPairCheckAfterBytes) check_id_pair_merging();
  }
  if (id_pairs_enabled_) {
    byte_pair_encode(chunk, vocab_, id_pairs_->bytes, id_pairs_->memo, base, ids, starts);
    return;
  }
  symbols_.clear();
  initial_symbols(chunk, symbols_);
  merge_pairs(symbols_, merges_);
  for (const Symbol& symbol : symbols_) {
    ids.push_back(symbol.id);
    starts.push_back(base + symbol.start);
  }
}

void BpeModel::encode_piece_at(std::string_view piece, std::uint32_t offset, Encoding& out) {
  const std::uint32_t hash = RankTable::hash_bytes(piece);
  const auto end = offset + static_cast<std::uint32_t>(piece.size());
  if (options_.ignore_merges) {
    if (const TokenId whole = vocab_.find(piece, hash); whole != kNoRank) {
      out.ids.push_back(whole);
      out.starts.push_back(offset);
      out.ends.push_back(end);
      return;
    }
  }
  const std::size_t first = out.ids.size();
  const bool cacheable = PieceCache::cacheable(piece);
  if (!cacheable || !cache_.find(piece, hash, offset, out.ids, out.starts)) {
    merge_chunk(piece, offset, out.ids, out.starts);
    const std::size_t count = out.ids.size() - first;
    if (cacheable && count <= PieceCache::kMaxTokens) {
      // The cache keeps starts relative to the piece; out holds them at offset.
      std::uint32_t relative[PieceCache::kMaxTokens];
      for (std::size_t i = 0; i < count; ++i) relative[i] = out.starts[first + i] - offset;
      cache_.put(piece, hash, out.ids.data() + first, relative, count);
    }
  }
  if (out.ids.size() == first) return;  // no token: an unknown byte without an unknown token
  for (std::size_t i = first + 1; i < out.ids.size(); ++i) out.ends.push_back(out.starts[i]);
  out.ends.push_back(end);
}

void BpeModel::append_unknown(std::uint32_t start, std::vector<Symbol>& symbols) const {
  // Without an unknown token the references drop the character.
  if (options_.unk == kNoRank) return;
  if (options_.fuse_unk && !symbols.empty() && symbols.back().id == options_.unk) return;
  symbols.push_back({options_.unk, start});
}

void BpeModel::initial_symbols(std::string_view chunk, std::vector<Symbol>& symbols) const {
  const auto size = static_cast<std::uint32_t>(chunk.size());
  if (options_.byte_level) {
    for (std::uint32_t pos = 0; pos < size; ++pos) {
      const TokenId id = byte_ids_[static_cast<unsigned char>(chunk[pos])];
      if (id != kNoRank) {
        symbols.push_back({id, pos});
      } else {
        append_unknown(pos, symbols);
      }
    }
    return;
  }
  for (std::uint32_t pos = 0; pos < size;) {
    const unsigned char lead = static_cast<unsigned char>(chunk[pos]);
    const std::uint32_t length = lead < 0x80 ? 1 : utf8::decode(chunk, pos).length;
    const TokenId id = lead < 0x80 ? ascii_ids_[lead] : vocab_.find(chunk.substr(pos, length));
    if (id != kNoRank) {
      symbols.push_back({id, pos});
    } else if (options_.byte_fallback &&
               std::all_of(chunk.begin() + pos, chunk.begin() + pos + length,
                           [&](char byte) { return byte_ids_[static_cast<unsigned char>(byte)] != kNoRank; })) {
      for (std::uint32_t i = pos; i < pos + length; ++i) {
        symbols.push_back({byte_ids_[static_cast<unsigned char>(chunk[i])], i});
      }
    } else {
      append_unknown(pos, symbols);
    }
    pos += length;
  }
}

std::size_t BpeModel::memory_bytes() const {
  return vocab_.memory_bytes() + merges_.memory_bytes() + joinable_pairs_.memory_bytes() + cache_.memory_bytes() +
         (id_pairs_ ? id_pairs_->bytes.memory_bytes() + id_pairs_->memo.memory_bytes() : 0);
}

}  // namespace tokenlab
