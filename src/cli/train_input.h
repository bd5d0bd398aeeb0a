// What the two vocabulary trainers' commands (train-bpe, train-unigram) share:
// their text streamed in, never read whole, and the seconds they report.
//
//   stream_into(file, trainer) -> the file's bytes, fed in 1 MB chunks, then finish_text()
#pragma once

#include <chrono>
#include <cstdint>
#include <istream>
#include <string>
#include <string_view>

namespace tokenlab::cli {

// Files are read in chunks of this size, never whole.
inline constexpr std::size_t kTrainChunkBytes = std::size_t{1} << 20;

// Feeds a stream to a trainer (anything with add_text and finish_text) chunk
// by chunk, ending the document at its end; returns the bytes read.
template <class Trainer>
std::uint64_t stream_into(std::istream& in, Trainer& trainer) {
  std::string chunk(kTrainChunkBytes, '\0');
  std::uint64_t total = 0;
  while (in) {
    in.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
    const auto got = static_cast<std::size_t>(in.gcount());
    if (got == 0) break;
    trainer.add_text(std::string_view(chunk).substr(0, got));
    total += got;
  }
  trainer.finish_text();
  return total;
}

inline double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace tokenlab::cli
