#include "cli/encode_chunks.h"

#include <ostream>
#include <string>
#include <vector>

#include "cli/decimal.h"
#include "cli/parallel_tasks.h"

namespace tokenlab::cli {

namespace {

// Why eight chunks per thread in a batch: it evens out chunks of unequal cost;
// at two threads and 256 KiB chunks a batch holds 4 MiB of text and its ids'
// text, whatever the file's size.
constexpr std::size_t kChunksPerThread = 8;

// The ids of one encoding as decimal text, separated by spaces.
void format_ids(const Encoding& encoding, std::string& text) {
  text.resize(encoding.size() * (kMaxDecimalDigits + 1));
  char* cursor = text.data();
  for (std::size_t i = 0; i < encoding.size(); ++i) {
    if (i > 0) *cursor++ = ' ';
    cursor = write_decimal(cursor, encoding.ids[i]);
  }
  text.resize(static_cast<std::size_t>(cursor - text.data()));
}

}  // namespace

EncodeTotals encode_chunks(EncoderSet& encoders, const EncodeOptions& options, TextOutput output, std::istream& in,
                           std::ostream& out, bool write, std::size_t chunk_bytes) {
  const std::size_t workers = encoders.tokenizers.size();
  const std::size_t batch_size = encoders.rule.cut ? workers * kChunksPerThread : 1;
  ChunkReader reader(in, encoders.rule, chunk_bytes);
  std::vector<std::string> chunks(batch_size);
  std::vector<std::string> formatted(batch_size);
  std::vector<std::size_t> counts(batch_size);
  std::vector<Encoding> scratch(workers);
  EncodeTotals totals;
  bool wrote_an_id = false;
  bool more = true;
  while (more) {
    std::size_t filled = 0;
    while (filled < batch_size && (more = reader.next(chunks[filled]))) ++filled;
    run_tasks(workers, filled, [&](std::size_t task, std::size_t worker) {
      Encoding& encoding = scratch[worker];
      encoders.tokenizers[worker]->encode(chunks[task], options, encoding);
      counts[task] = encoding.size();
      if (output == TextOutput::kIds) format_ids(encoding, formatted[task]);
    });
    for (std::size_t task = 0; task < filled; ++task) {
      totals.bytes += chunks[task].size();
      totals.tokens += counts[task];
      if (output != TextOutput::kIds || !write || formatted[task].empty()) continue;
      if (wrote_an_id) out.put(' ');
      out.write(formatted[task].data(), static_cast<std::streamsize>(formatted[task].size()));
      wrote_an_id = true;
    }
  }
  if (write) {
    if (output == TextOutput::kCount) {
      const std::string count = std::to_string(totals.tokens);
      out.write(count.data(), static_cast<std::streamsize>(count.size()));
    }
    out.put('\n');
  }
  return totals;
}

}  // namespace tokenlab::cli
