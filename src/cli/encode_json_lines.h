// encode --jsonl and count --jsonl: a JSON string per input line in, one line
// per input line out, in order (cl100k_base):
//
//   "Hello world"\n"Hi!"\n   -> ids:   [9906,1917]\n[13347,0]\n
//                             count: 2\n2\n
#pragma once

#include <iosfwd>

#include "tokenizer/tokenizer.h"

namespace tokenlab::cli {

enum class JsonLinesOutput { kIds, kCount };

// Throws UsageError naming the first bad line (see JsonStringLines); every line
// before it has been written to out by then.
void encode_json_lines(Tokenizer& tokenizer, const EncodeOptions& options, JsonLinesOutput output,
                       std::istream& in, std::ostream& out);

}  // namespace tokenlab::cli
