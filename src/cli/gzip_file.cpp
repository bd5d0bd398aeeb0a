#include "cli/gzip_file.h"

#include <zlib.h>

#include "tokenizer/errors.h"

namespace tokenlab::cli {

std::string gunzip(std::string_view bytes, const std::string& what) {
  z_stream stream{};
  // 16 + MAX_WBITS: a gzip header and trailer, not a raw zlib stream.
  if (inflateInit2(&stream, 16 + MAX_WBITS) != Z_OK) throw UsageError("cannot start to decompress " + what);
  std::string out;
  char buffer[1 << 16];
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  stream.avail_in = static_cast<uInt>(bytes.size());
  int status = Z_OK;
  while (status == Z_OK) {
    stream.next_out = reinterpret_cast<Bytef*>(buffer);
    stream.avail_out = sizeof buffer;
    status = inflate(&stream, Z_NO_FLUSH);
    out.append(buffer, sizeof buffer - stream.avail_out);
    if (status == Z_BUF_ERROR && stream.avail_in == 0) break;  // the input stops before the stream's end
  }
  inflateEnd(&stream);
  if (status != Z_STREAM_END) throw UsageError(what + " is not a whole gzip file");
  return out;
}

}  // namespace tokenlab::cli
