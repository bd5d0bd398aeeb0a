// The page's larger vocabularies are gzip files (qwen3.json.gz); the CLI reads
// them as they are, so one copy serves both.
//
//   gunzip(bytes of "x.json.gz") -> bytes of x.json
#pragma once

#include <string>
#include <string_view>

namespace tokenlab::cli {

// Throws UsageError naming `what` when the bytes are not a whole gzip stream.
std::string gunzip(std::string_view bytes, const std::string& what);

}  // namespace tokenlab::cli
