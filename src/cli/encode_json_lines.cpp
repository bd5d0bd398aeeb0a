#include "cli/encode_json_lines.h"

#include <algorithm>
#include <exception>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "cli/decimal.h"
#include "cli/json_string_lines.h"
#include "cli/parallel_tasks.h"

namespace tokenlab::cli {

namespace {

// Why batches: one line is often a few dozen bytes, far too little to hand to
// a thread. A batch gathers lines up to these limits (the first reached), and
// each thread takes groups of consecutive lines; output is gathered per group
// and handed to the stream once per group, since a stream call per line would
// cost more than the encoding of a short one.
constexpr std::size_t kBatchBytes = 4 << 20;
constexpr std::size_t kBatchLines = 1 << 14;
constexpr std::size_t kGroupsPerThread = 8;

void append_line(const Encoding& encoding, JsonLinesOutput output, std::string& block) {
  char digits[24];
  if (output == JsonLinesOutput::kCount) {
    const std::string count = std::to_string(encoding.size());
    block += count;
  } else {
    block.push_back('[');
    for (std::size_t i = 0; i < encoding.size(); ++i) {
      if (i > 0) block.push_back(',');
      block.append(digits, write_decimal(digits, encoding.ids[i]));
    }
    block.push_back(']');
  }
  block.push_back('\n');
}

}  // namespace

EncodeTotals encode_json_lines(EncoderSet& encoders, const EncodeOptions& options, JsonLinesOutput output,
                               std::istream& in, std::ostream& out, bool write) {
  const std::size_t workers = encoders.tokenizers.size();
  const std::size_t groups = workers * kGroupsPerThread;
  JsonStringLines lines(in);
  std::vector<std::string> batch;
  std::vector<std::string> blocks(groups);
  std::vector<std::size_t> group_tokens(groups);
  std::vector<Encoding> scratch(workers);
  EncodeTotals totals;
  std::exception_ptr bad_line;
  while (!bad_line) {
    // 1. Gather a batch; a bad line ends it, and is reported once the lines
    //    before it are written.
    std::size_t filled = 0;
    std::size_t batch_bytes = 0;
    std::string_view text;
    try {
      while (filled < kBatchLines && batch_bytes < kBatchBytes && lines.next(text)) {
        if (batch.size() <= filled) batch.emplace_back();
        batch[filled].assign(text);
        batch_bytes += text.size();
        ++filled;
      }
    } catch (...) {
      bad_line = std::current_exception();
    }
    if (filled == 0) break;
    // 2. Encode the batch, a group of consecutive lines per task.
    const std::size_t used_groups = std::min(groups, filled);
    run_tasks(workers, used_groups, [&](std::size_t group, std::size_t worker) {
      const std::size_t first = filled * group / used_groups;
      const std::size_t last = filled * (group + 1) / used_groups;
      blocks[group].clear();
      group_tokens[group] = 0;
      for (std::size_t line = first; line < last; ++line) {
        encoders.tokenizers[worker]->encode(batch[line], options, scratch[worker]);
        group_tokens[group] += scratch[worker].size();
        append_line(scratch[worker], output, blocks[group]);
      }
    });
    // 3. Write in input order.
    for (std::size_t group = 0; group < used_groups; ++group) {
      totals.tokens += group_tokens[group];
      if (write) out.write(blocks[group].data(), static_cast<std::streamsize>(blocks[group].size()));
    }
    totals.bytes += batch_bytes;
    if (filled < kBatchLines && batch_bytes < kBatchBytes) break;  // the input ended (or a line was bad)
  }
  if (bad_line) {
    out.flush();
    std::rethrow_exception(bad_line);
  }
  return totals;
}

}  // namespace tokenlab::cli
