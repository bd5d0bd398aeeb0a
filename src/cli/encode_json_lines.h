// encode --jsonl and count --jsonl: a JSON string per input line in, one line
// per input line out, in order (cl100k_base):
//
//   "Hello world"\n"Hi!"\n   -> ids:   [9906,1917]\n[13347,0]\n
//                             count: 2\n2\n
//
// Lines are read in batches; a batch's lines are shared out in groups among
// the set's threads, and the groups' output is written in input order, so the
// output is the same for any number of threads.
#pragma once

#include <iosfwd>

#include "cli/encode_chunks.h"
#include "cli/encoder_set.h"

namespace tokenlab::cli {

enum class JsonLinesOutput { kIds, kCount };

// Throws UsageError naming the first bad line (see JsonStringLines); every line
// before it has been written to out by then (when write is true).
EncodeTotals encode_json_lines(EncoderSet& encoders, const EncodeOptions& options, JsonLinesOutput output,
                               std::istream& in, std::ostream& out, bool write = true);

}  // namespace tokenlab::cli
