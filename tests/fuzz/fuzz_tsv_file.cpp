// Fuzzes the Projector TSV reader (read_tsv) and its writer.
//
// Input: the vectors.tsv bytes, a NUL byte, then the metadata.tsv bytes (no
// NUL: all of it is vectors.tsv with an empty metadata.tsv). A pair that
// reads must give as many distinct, non-empty words as rows of finite values,
// at most max_dim wide; written back with write_tsv and read again it must
// give the same words and the same floats, bit for bit.
#include <cstdint>
#include <string_view>

#include "embedding/tsv_format.h"
#include "property.h"
#include "tokenizer/errors.h"
#include "word_vector_checks.h"

namespace {

constexpr std::size_t kMaxDim = 300;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::size_t split = input.find('\0');
  const std::string_view vectors = input.substr(0, split);
  const std::string_view metadata = split == std::string_view::npos ? std::string_view() : input.substr(split + 1);
  tokenlab::embedding::WordVectors read;
  try {
    read = tokenlab::embedding::read_tsv(vectors, metadata, kMaxDim);
  } catch (const tokenlab::VocabError&) {
    return 0;
  }
  tokenlab::fuzz::check_word_vectors(read, kMaxDim);
  for (const std::string& word : read.words) {
    FUZZ_CHECK(word.find_first_of("\t\n") == std::string::npos, "a word holding a tab or line end");
  }
  // A word ending in \r reads without it from a \r\n file, so it cannot be written back.
  for (const std::string& word : read.words) {
    if (word.find('\r') != std::string::npos) return 0;
  }
  const tokenlab::embedding::TsvPair written = tokenlab::embedding::write_tsv(read.words, read.vectors);
  const tokenlab::embedding::WordVectors again = tokenlab::embedding::read_tsv(written.vectors, written.metadata, kMaxDim);
  FUZZ_CHECK(again.words == read.words, "words differ after write_tsv and read_tsv");
  FUZZ_CHECK(tokenlab::fuzz::same_bits(again.vectors, read.vectors), "values differ after write_tsv and read_tsv");
  return 0;
}
