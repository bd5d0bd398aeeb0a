// encode and count on a plain text: the input read in chunks (chunk_reader.h),
// a batch of chunks encoded on the set's threads, the results written in input
// order, so the output is the same for any number of threads (cl100k_base):
//
//   "Hello world" -> ids: "9906 1917\n"   count: "2\n"
#pragma once

#include <cstddef>
#include <iosfwd>

#include "cli/encoder_set.h"

namespace tokenlab::cli {

enum class TextOutput { kIds, kCount };

struct EncodeTotals {
  std::size_t bytes = 0;
  std::size_t tokens = 0;
};

// Why 256 KiB: a chunk keeps a worker busy for milliseconds, far longer than
// handing it over. --chunk-bytes takes another size (tests use tiny chunks to
// put cuts everywhere).
inline constexpr std::size_t kDefaultChunkBytes = 256 * 1024;

// Writes to out only when write is true (the untimed-output runs of --repeat
// format their ids all the same, then drop them).
EncodeTotals encode_chunks(EncoderSet& encoders, const EncodeOptions& options, TextOutput output, std::istream& in,
                           std::ostream& out, bool write, std::size_t chunk_bytes = kDefaultChunkBytes);

}  // namespace tokenlab::cli
