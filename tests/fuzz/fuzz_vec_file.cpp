// Fuzzes the .vec reader (read_vec) and its writer.
//
// Input: the whole .vec file. A file that reads must give one row of finite
// values per distinct, non-empty word, at most max_dim wide; written back with
// write_vec and read again it must give the same words and the same floats,
// bit for bit (the shortest form reads back exactly).
#include <cmath>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <unordered_set>

#include "embedding/vec_format.h"
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
  const std::string_view file(reinterpret_cast<const char*>(data), size);
  tokenlab::embedding::WordVectors read;
  try {
    read = tokenlab::embedding::read_vec(file, kMaxDim);
  } catch (const tokenlab::VocabError&) {
    return 0;
  }
  FUZZ_CHECK(read.words.size() == read.vectors.rows(), "words and rows differ in number");
  FUZZ_CHECK(read.vectors.cols() >= 1 && read.vectors.cols() <= kMaxDim, "dimension outside 1..max_dim");
  std::unordered_set<std::string_view> distinct;
  for (std::size_t r = 0; r < read.words.size(); ++r) {
    FUZZ_CHECK(!read.words[r].empty(), "an empty word");
    FUZZ_CHECK(distinct.insert(read.words[r]).second, "a word given twice");
    for (std::size_t i = 0; i < read.vectors.cols(); ++i) {
      FUZZ_CHECK(std::isfinite(read.vectors.row(r)[i]), "a value that is not finite");
    }
  }
  const std::string written = tokenlab::embedding::write_vec(read.words, read.vectors);
  const tokenlab::embedding::WordVectors again = tokenlab::embedding::read_vec(written, kMaxDim);
  FUZZ_CHECK(again.words == read.words, "words differ after write_vec and read_vec");
  FUZZ_CHECK(same_bits(again.vectors, read.vectors), "values differ after write_vec and read_vec");
  return 0;
}
