#include <doctest/doctest.h>

#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "tokenizer/errors.h"
#include "tokenizer/hf/tokenizer_json.h"
#include "test_data.h"

using namespace tokenlab;
using tokenlab::testing::replaced;
using tokenlab::testing::test_data;

namespace {

std::vector<TokenId> ids(Tokenizer& tokenizer, std::string_view text, bool allow_special = false,
                         bool add_special_tokens = true) {
  EncodeOptions options;
  options.allow_special = allow_special;
  options.add_special_tokens = add_special_tokens;
  return tokenizer.encode(text, options).ids;
}

std::string error_of(const std::string& json) {
  try {
    load_tokenizer_json("test", json);
  } catch (const Error& error) {
    return error.what();
  }
  return "";
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

// Expected ids below were checked against transformers.js loading the same fixture.
TEST_CASE("a byte-level BPE tokenizer.json loads and encodes as the reference") {
  auto tokenizer = load_tokenizer_json("tiny", test_data("tiny-byte-level-bpe.json"));
  CHECK(tokenizer->name() == "tiny");
  CHECK(tokenizer->vocab_size() == 302);
  // "abc" is a vocabulary entry (ignore_merges); in "abcd" "b c" merges first and nothing joins a + bc.
  CHECK(ids(*tokenizer, "abc the xyz<|bos|><|x|>", true) ==
        std::vector<TokenId>{300, 258, 261, 32, 120, 121, 122, 300, 301});
  CHECK(ids(*tokenizer, "abcd the", false, false) == std::vector<TokenId>{97, 256, 100, 261});
  SUBCASE("special tokens are text unless allowed; other added tokens always match") {
    // Each byte of "<|bos|>" is its own token here (byte ids equal byte values; no merges apply).
    CHECK(ids(*tokenizer, "<|bos|><|x|>", false, false) == std::vector<TokenId>{'<', '|', 'b', 'o', 's', '|', '>', 301});
  }
  SUBCASE("offsets are byte spans of the original text; BOS takes none") {
    const Encoding encoding = tokenizer->encode("ab the", {});
    CHECK(encoding.ids == std::vector<TokenId>{300, 257, 261});
    CHECK(encoding.starts == std::vector<std::uint32_t>{0, 0, 2});
    CHECK(encoding.ends == std::vector<std::uint32_t>{0, 2, 6});
  }
  SUBCASE("decode gives the exact bytes back") {
    const std::string text = "abcd the \xf0\x9f\x98\x80 <|x|> \xff";
    const Encoding encoding = tokenizer->encode(text, {});
    CHECK(tokenizer->decode(encoding.ids) == "<|bos|>" + text);
    CHECK(tokenizer->token_bytes(261) == " the");
    CHECK(tokenizer->token_bytes(300) == "<|bos|>");
    CHECK(tokenizer->is_special(300));
    CHECK_FALSE(tokenizer->is_special(301));
    const TokenId missing[] = {302};
    CHECK_THROWS_AS(tokenizer->decode(missing), UsageError);
  }
}

TEST_CASE("a SentencePiece BPE tokenizer.json prepends ▁, falls back to bytes and adds BOS") {
  auto tokenizer = load_tokenizer_json("sp", test_data("tiny-sentencepiece-bpe.json"));
  CHECK(ids(*tokenizer, "ab a\xf0\x9f\x98\x80  ab<s>c", true) ==
        std::vector<TokenId>{1, 265, 263, 243, 162, 155, 131, 259, 265, 1, 259, 262});
  CHECK(ids(*tokenizer, "") == std::vector<TokenId>{1});
  CHECK(ids(*tokenizer, "", false, false).empty());
  SUBCASE("offsets follow the spaces the ▁ replaced") {
    const Encoding encoding = tokenizer->encode("ab a", {});
    CHECK(encoding.ids == std::vector<TokenId>{1, 265, 263});
    CHECK(encoding.starts == std::vector<std::uint32_t>{0, 0, 2});
    CHECK(encoding.ends == std::vector<std::uint32_t>{0, 2, 4});
  }
  SUBCASE("decode strips the prepended space") {
    const std::string text = "ab  a\xf0\x9f\x98\x80 b";
    CHECK(tokenizer->decode(ids(*tokenizer, text, false, false)) == text);
    CHECK(tokenizer->decode(ids(*tokenizer, text)) == "<s> " + text);
    CHECK(tokenizer->token_bytes(265) == " ab");
    CHECK(tokenizer->token_bytes(3 + 0x41) == "A");
  }
}

TEST_CASE("a WordPiece tokenizer.json runs BERT's pipeline") {
  auto tokenizer = load_tokenizer_json("wp", test_data("tiny-wordpiece.json"));
  // "ΟΥΔΟΣ" lower-cases character by character to "ουδοσ" (16), as the Rust
  // library does; a final "ς" typed as such stays one ("οδος", 18).
  CHECK(ids(*tokenizer, "Unaffable, HELLO world! \xe4\xb8\xad" "caf\xc3\xa9 \xce\x9f\xce\xa5\xce\x94\xce\x9f\xce\xa3 "
                        "\xc4\xb0 \xce\xbf\xce\xb4\xce\xbf\xcf\x82 x") ==
        std::vector<TokenId>{2, 5, 6, 7, 9, 8, 11, 10, 14, 15, 16, 17, 18, 1, 3});
  CHECK(ids(*tokenizer, "") == std::vector<TokenId>{2, 3});
  CHECK(ids(*tokenizer, "[CLS] a", true, false) == std::vector<TokenId>{2, 12});
  CHECK(ids(*tokenizer, "[CLS] a", false, false) == std::vector<TokenId>{1, 1, 1, 12});  // "[" "cls" "]" unknown
  const Encoding encoding = tokenizer->encode("Caf\xc3\xa9!", {});
  CHECK(encoding.ids == std::vector<TokenId>{2, 15, 10, 3});
  CHECK(encoding.starts == std::vector<std::uint32_t>{0, 0, 5, 6});
  CHECK(encoding.ends == std::vector<std::uint32_t>{0, 5, 6, 6});
  CHECK(tokenizer->decode(ids(*tokenizer, "Unaffable, HELLO")) == "[CLS] unaffable, hello [SEP]");
  CHECK(tokenizer->token_bytes(6) == "##aff");
}

TEST_CASE("merges load in both spellings") {
  const std::string sentence_piece = test_data("tiny-sentencepiece-bpe.json");
  const std::string as_arrays = replaced(sentence_piece, "\"\u2581 a\"", "[\"\u2581\", \"a\"]");
  CHECK(ids(*load_tokenizer_json("a", as_arrays), "ab") == ids(*load_tokenizer_json("s", sentence_piece), "ab"));
}

TEST_CASE("bad files give errors that say what failed") {
  const std::string good = test_data("tiny-sentencepiece-bpe.json");
  CHECK(contains(error_of(good.substr(0, good.size() / 2)), "not valid JSON"));
  CHECK(contains(error_of("[1, 2]"), "not a tokenizer.json"));
  CHECK(contains(error_of("{\"a\": 1}"), "not a tokenizer.json"));
  CHECK(contains(error_of(replaced(good, "\"a b\"", "\"a zz\"")), "merge 1: \"zz\" is not in the vocabulary"));
  CHECK(contains(error_of(replaced(good, "\"a b\"", "\"a b c\"")), "merge 1"));
  CHECK(contains(error_of(replaced(good, "\"<unk>\": 0", "\"<unk>\": \"x\"")), "\"<unk>\" has no valid id"));
  CHECK(contains(error_of(replaced(good, "\"Prepend\"", "\"Nmt\"")),
                 "normalizer \"Nmt\" is not supported; supported: BertNormalizer"));
  CHECK(contains(error_of(replaced(good, "\"type\": \"BPE\"", "\"type\": \"WordLevel\"")),
                 "model \"WordLevel\" is not supported; supported: BPE, WordPiece, Unigram"));
  const std::string byte_level = test_data("tiny-byte-level-bpe.json");
  // A pattern Oniguruma refuses is named with its message.
  CHECK(contains(error_of(replaced(byte_level, "(?i:'s", "(?i:'s(")), "does not compile: end pattern with unmatched parenthesis"));
  CHECK(contains(error_of(replaced(byte_level, "\"Isolated\"", "\"Sideways\"")), "Split behavior \"Sideways\" is not supported"));
  CHECK(contains(error_of(replaced(test_data("tiny-wordpiece.json"), "\"BertPreTokenizer\"", "\"UnicodeScripts\"")),
                 "pre_tokenizer \"UnicodeScripts\" is not supported"));
  CHECK_THROWS_AS(load_tokenizer_json("x", replaced(good, "\"Prepend\"", "\"Nmt\"")), UsageError);
  CHECK_THROWS_AS(load_tokenizer_json("x", "{"), VocabError);
  // Ids far above the file's size, which tables indexed by id would be sized for,
  // and one beyond 32 bits, which used to wrap around to id 2.
  CHECK(contains(error_of(replaced(good, "\"<unk>\": 0", "\"<unk>\": 20000000")),
                 "model.vocab id 20000000 is above the file's size"));
  CHECK(contains(error_of(replaced(good, "\"id\": 2,", "\"id\": 4294967298,")),
                 "added token id 4294967298 is above the file's size"));
  // A post-processor id that names no token would be added by encode and refused by decode.
  CHECK(contains(error_of(replaced(test_data("tiny-byte-level-bpe.json"), "       300\n", "       100000\n")),
                 "post_processor id 100000 is not in the vocabulary"));
  // A number beyond a double is the JSON library's out_of_range, not its parse_error.
  CHECK(contains(error_of(replaced(good, "\"<unk>\": 0", "\"<unk>\": 1e400")), "not valid JSON"));
}
