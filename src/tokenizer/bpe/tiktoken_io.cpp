#include "tokenizer/bpe/tiktoken_io.h"

#include <charconv>
#include <string>

#include "tokenizer/bpe/base64.h"
#include "tokenizer/errors.h"

namespace tokenlab {

namespace {

[[noreturn]] void fail(std::size_t line_number, const std::string& what) {
  throw VocabError("tiktoken file line " + std::to_string(line_number) + ": " + what);
}

std::string_view trim_line_end(std::string_view line) {
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
  return line;
}

}  // namespace

RankTable load_tiktoken_ranks(std::string_view file_bytes) {
  RankTable table;
  std::size_t line_number = 0;
  std::size_t pos = 0;
  while (pos < file_bytes.size()) {
    std::size_t end = file_bytes.find('\n', pos);
    if (end == std::string_view::npos) end = file_bytes.size();
    const std::string_view line = trim_line_end(file_bytes.substr(pos, end - pos));
    pos = end + 1;
    ++line_number;
    if (line.empty()) continue;
    const std::size_t space = line.find(' ');
    if (space == std::string_view::npos) fail(line_number, "expected \"<base64 token> <rank>\"");
    const std::string_view encoded = line.substr(0, space);
    const std::string_view rank_text = line.substr(space + 1);
    Rank rank = 0;
    const auto [rank_end, error] = std::from_chars(rank_text.data(), rank_text.data() + rank_text.size(), rank);
    if (error != std::errc{} || rank_end != rank_text.data() + rank_text.size() || rank == kNoRank) {
      fail(line_number, "rank \"" + std::string(rank_text.substr(0, 20)) + "\" is not a number below 2^32-1");
    }
    // Ranks number the lines, each at least 6 bytes ("IQ== 0"), so a rank
    // above the file's size is no real file's; the table would otherwise
    // allocate a slot for every rank below it (8 bytes each).
    if (rank > file_bytes.size()) {
      fail(line_number, "rank " + std::to_string(rank) + " is above the file's size (" +
                            std::to_string(file_bytes.size()) + " bytes): ranks number its lines");
    }
    const auto token = base64::decode(encoded);
    if (!token || token->empty()) fail(line_number, "token is not valid non-empty base64");
    if (table.contains_rank(rank)) fail(line_number, "rank " + std::to_string(rank) + " appears twice");
    if (!table.add(*token, rank)) fail(line_number, "token appears twice (second rank " + std::to_string(rank) + ")");
  }
  if (table.size() == 0) throw VocabError("tiktoken file is empty: no \"<base64 token> <rank>\" lines");
  for (int byte = 0; byte < 256; ++byte) {
    if (table.find(std::string(1, static_cast<char>(byte))) == kNoRank) {
      throw VocabError("tiktoken file lacks the single byte " + std::to_string(byte) +
                       ": a byte-level vocabulary needs all 256 bytes (file truncated or not a rank file?)");
    }
  }
  return table;
}

}  // namespace tokenlab
