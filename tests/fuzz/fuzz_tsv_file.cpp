// Fuzzes the Projector TSV reader (read_tsv) and its writer.
//
// Input: the vectors.tsv bytes, a NUL byte, then the metadata.tsv bytes (no
// NUL: all of it is vectors.tsv with an empty metadata.tsv). A pair that
// reads must give as many distinct, non-empty words as rows of finite values,
// at most max_dim wide; written back with write_tsv and read again it must
// give the same words and the same floats, bit for bit.
#include <cmath>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <unordered_set>

#include "embedding/tsv_format.h"
#include "property.h"
#include "tokenizer/errors.h"

namespace {

constexpr std::size_t kMaxDim = 300;

bool same_bits(const tokenlab::embedding::Matrix& a, const tokenlab::embedding::Matrix& b) {
  if (a.rows() != b.rows() || a.cols() != b.cols()) return false;
  for (std::size_t r = 0; r < a.rows(); ++r) {
    if (std::memcmp(a.row(r), b.row(r), a.cols() * sizeof(float)) != 0) return false;
  }
  return true;
}

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
  FUZZ_CHECK(read.words.size() == read.vectors.rows(), "words and rows differ in number");
  FUZZ_CHECK(read.vectors.cols() >= 1 && read.vectors.cols() <= kMaxDim, "dimension outside 1..max_dim");
  std::unordered_set<std::string_view> distinct;
  for (std::size_t r = 0; r < read.words.size(); ++r) {
    FUZZ_CHECK(!read.words[r].empty(), "an empty word");
    FUZZ_CHECK(read.words[r].find_first_of("\t\n") == std::string::npos, "a word holding a tab or line end");
    FUZZ_CHECK(distinct.insert(read.words[r]).second, "a word given twice");
    for (std::size_t i = 0; i < read.vectors.cols(); ++i) {
      FUZZ_CHECK(std::isfinite(read.vectors.row(r)[i]), "a value that is not finite");
    }
  }
  // A word ending in \r reads without it from a \r\n file, so it cannot be written back.
  for (const std::string& word : read.words) {
    if (word.find('\r') != std::string::npos) return 0;
  }
  const tokenlab::embedding::TsvPair written = tokenlab::embedding::write_tsv(read.words, read.vectors);
  const tokenlab::embedding::WordVectors again = tokenlab::embedding::read_tsv(written.vectors, written.metadata, kMaxDim);
  FUZZ_CHECK(again.words == read.words, "words differ after write_tsv and read_tsv");
  FUZZ_CHECK(same_bits(again.vectors, read.vectors), "values differ after write_tsv and read_tsv");
  return 0;
}
