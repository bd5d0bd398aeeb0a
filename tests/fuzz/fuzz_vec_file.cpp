// Fuzzes the .vec reader (read_vec) and its writer.
//
// Input: the whole .vec file. A file that reads must give one row of finite
// values per distinct, non-empty word, at most max_dim wide; written back with
// write_vec and read again it must give the same words and the same floats,
// bit for bit (the shortest form reads back exactly).
#include <cstdint>
#include <string_view>

#include "embedding/vec_format.h"
#include "property.h"
#include "tokenizer/errors.h"
#include "word_vector_checks.h"

namespace {

constexpr std::size_t kMaxDim = 300;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view file(reinterpret_cast<const char*>(data), size);
  tokenlab::embedding::WordVectors read;
  try {
    read = tokenlab::embedding::read_vec(file, kMaxDim);
  } catch (const tokenlab::VocabError&) {
    return 0;
  }
  tokenlab::fuzz::check_word_vectors(read, kMaxDim);
  const std::string written = tokenlab::embedding::write_vec(read.words, read.vectors);
  const tokenlab::embedding::WordVectors again = tokenlab::embedding::read_vec(written, kMaxDim);
  FUZZ_CHECK(again.words == read.words, "words differ after write_vec and read_vec");
  FUZZ_CHECK(tokenlab::fuzz::same_bits(again.vectors, read.vectors), "values differ after write_vec and read_vec");
  return 0;
}
