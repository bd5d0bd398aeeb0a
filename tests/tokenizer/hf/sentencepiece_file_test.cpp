#include <doctest/doctest.h>

#include <cstdio>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

#include "tokenizer/errors.h"
#include "tokenizer/hf/sentencepiece_file.h"

using namespace tokenlab;

namespace {

// A ModelProto written field by field, as protobuf writes it.
std::string varint(std::uint64_t value) {
  std::string out;
  do {
    const auto low = static_cast<char>(value & 0x7F);
    value >>= 7;
    out.push_back(static_cast<char>(low | (value ? 0x80 : 0)));
  } while (value);
  return out;
}
std::string tag(std::uint32_t field, std::uint32_t wire_type) { return varint(field << 3 | wire_type); }
std::string length_delimited(std::uint32_t field, const std::string& bytes) {
  return tag(field, 2) + varint(bytes.size()) + bytes;
}
std::string varint_field(std::uint32_t field, std::uint64_t value) { return tag(field, 0) + varint(value); }
std::string float_field(std::uint32_t field, float value) {
  std::uint32_t bits;
  std::memcpy(&bits, &value, 4);
  std::string out = tag(field, 5);
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>(bits >> (8 * i) & 0xFF));
  return out;
}

enum Type { kNormal = 1, kUnknown = 2, kControl = 3, kUserDefined = 4, kUnused = 5, kByte = 6 };

struct Piece {
  std::string text;
  float score;
  int type;
};

std::string piece_message(const Piece& piece) {
  return length_delimited(1, length_delimited(1, piece.text) + float_field(2, piece.score) + varint_field(3, piece.type));
}

struct Model {
  std::vector<Piece> pieces;
  int model_type = 1;
  bool byte_fallback = false;
  bool add_dummy_prefix = true;
  bool remove_extra_whitespaces = true;
  std::string extra;  // appended as written

  std::string bytes() const {
    std::string out;
    for (const Piece& piece : pieces) out += piece_message(piece);
    out += length_delimited(2, varint_field(3, model_type) + varint_field(35, byte_fallback) + length_delimited(1, "in.txt"));
    out += length_delimited(3, length_delimited(1, "identity") + varint_field(3, add_dummy_prefix) +
                                   varint_field(4, remove_extra_whitespaces));
    return out + extra;
  }
};

// The pieces of the tests below; an identity normalizer (no charsmap).
Model tiny(bool byte_fallback = false) {
  Model model;
  model.pieces = {{"<unk>", 0, kUnknown}, {"<s>", 0, kControl},  {"</s>", 0, kControl},     {"\xE2\x96\x81", -2, kNormal},
                  {"\xE2\x96\x81the", -3, kNormal}, {"\xE2\x96\x81" "a", -4, kNormal}, {"t", -5, kNormal},
                  {"h", -5, kNormal},   {"e", -5, kNormal},       {"a", -5, kNormal},         {"b", -5, kNormal},
                  {"\xE2\x96\x81" "b", -4.5, kNormal}, {"ab", -3.5, kNormal}, {"<sep>", 0, kUserDefined},
                  {"th", -4.25, kNormal}, {"x", -1, kUnused}};
  if (byte_fallback) {
    for (unsigned byte = 0; byte < 256; ++byte) {
      char text[8];
      std::snprintf(text, sizeof text, "<0x%02X>", byte);
      model.pieces.push_back({text, 0, kByte});
    }
    model.byte_fallback = true;
  }
  return model;
}

std::vector<TokenId> ids(Tokenizer& tokenizer, std::string_view text) { return tokenizer.encode(text).ids; }
std::string decoded(Tokenizer& tokenizer, std::vector<TokenId> ids) { return tokenizer.decode(ids); }

template <class Thrown>
std::string error_of(const std::string& bytes) {
  try {
    load_sentencepiece_model("test", bytes);
  } catch (const Thrown& error) {
    return error.what();
  }
  return "";
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("a .model file's fields are read, with SentencePiece's defaults for the absent ones") {
  const SentencePieceModelProto defaults = parse_sentencepiece_model(piece_message({"<unk>", 0, kUnknown}));
  CHECK(defaults.model_type == SentencePieceModelProto::ModelType::kUnigram);
  CHECK(defaults.add_dummy_prefix);
  CHECK(defaults.remove_extra_whitespaces);
  CHECK(defaults.escape_whitespaces);
  CHECK_FALSE(defaults.byte_fallback);
  CHECK(defaults.unk_surface == " \xE2\x81\x87 ");
  Model model = tiny(true);
  model.remove_extra_whitespaces = false;
  // Unknown fields of every wire type are skipped; an enum value proto2 does not know leaves the type alone.
  model.extra = length_delimited(4, "self test") + tag(99, 1) + std::string(8, '\0') + varint_field(100, 7) +
                length_delimited(1, length_delimited(1, "z") + varint_field(3, 42));
  const SentencePieceModelProto proto = parse_sentencepiece_model(model.bytes());
  REQUIRE(proto.pieces.size() == 16 + 256 + 1);
  CHECK(proto.pieces[4].text == "\xE2\x96\x81the");
  CHECK(proto.pieces[4].score == -3.0);
  CHECK(proto.pieces[14].score == static_cast<double>(-4.25f));
  CHECK(proto.pieces[13].type == PieceType::kUserDefined);
  CHECK(proto.pieces[15].type == PieceType::kUnused);
  CHECK(proto.pieces[16].type == PieceType::kByte);
  CHECK(proto.pieces.back().type == PieceType::kNormal);
  CHECK(proto.byte_fallback);
  CHECK_FALSE(proto.remove_extra_whitespaces);
  CHECK(proto.add_dummy_prefix);
}

// Expected ids and texts below are sentencepiece 0.1.97's for the same model
// (its Python module, SentencePieceProcessor(model_proto=...)).
TEST_CASE("a .model file encodes as SentencePiece: user-defined pieces match, control and unused ones do not") {
  auto model = load_sentencepiece_model("tiny", tiny().bytes());
  CHECK(model->vocab_size() == 16);
  CHECK(ids(*model, "the a ab  b") == std::vector<TokenId>{4, 5, 3, 12, 11});
  CHECK(ids(*model, "  the") == std::vector<TokenId>{4});
  CHECK(ids(*model, "x the") == std::vector<TokenId>{3, 0, 4});
  CHECK(ids(*model, "ab<sep>b") == std::vector<TokenId>{3, 12, 13, 10});
  CHECK(ids(*model, "<s>the</s>") == std::vector<TokenId>{3, 0, 14, 8, 0});
  CHECK(ids(*model, "th\xC3\xA9 \xC3\xBC") == std::vector<TokenId>{3, 14, 0, 3, 0});
  CHECK(ids(*model, "a\xE2\x96\x81" "b") == std::vector<TokenId>{5, 11});
  CHECK(ids(*model, "").empty());
  CHECK(ids(*model, "   ").empty());
}

TEST_CASE("a .model file with byte_fallback spells unknown characters in bytes") {
  auto model = load_sentencepiece_model("bytes", tiny(true).bytes());
  CHECK(ids(*model, "x the") == std::vector<TokenId>{3, 16 + 'x', 4});
  CHECK(ids(*model, "<s>the</s>") == std::vector<TokenId>{3, 16 + '<', 16 + 's', 16 + '>', 14, 8, 16 + '<', 16 + '/',
                                                          16 + 's', 16 + '>'});
  CHECK(ids(*model, "th\xC3\xA9 \xC3\xBC") == std::vector<TokenId>{3, 14, 16 + 0xC3, 16 + 0xA9, 3, 16 + 0xC3, 16 + 0xBC});
}

TEST_CASE("a .model file decodes as SentencePiece") {
  SUBCASE("control pieces vanish, <unk> is \" ⁇ \", one leading ▁ goes until text is made") {
    auto model = load_sentencepiece_model("tiny", tiny().bytes());
    CHECK(decoded(*model, {4, 5, 3, 12, 11}) == "the a ab b");
    CHECK(decoded(*model, {3, 3, 4}) == "the");
    CHECK(decoded(*model, {1, 3, 4, 2}) == "the");
    CHECK(decoded(*model, {0, 9, 0}) == " \xE2\x81\x87 a \xE2\x81\x87 ");
    CHECK(decoded(*model, {4, 13, 12}) == "the<sep>ab");
  }
  SUBCASE("without remove_extra_whitespaces only the first piece loses its ▁") {
    Model keep = tiny();
    keep.remove_extra_whitespaces = false;
    auto model = load_sentencepiece_model("keep", keep.bytes());
    CHECK(ids(*model, "the a ab  b") == std::vector<TokenId>{4, 5, 3, 12, 3, 11});
    CHECK(decoded(*model, {3, 4}) == " the");
    CHECK(decoded(*model, {3, 3, 4}) == "  the");
    CHECK(decoded(*model, {1, 3, 4, 2}) == " the");
  }
  SUBCASE("runs of byte pieces are UTF-8, a malformed byte U+FFFD") {
    auto model = load_sentencepiece_model("bytes", tiny(true).bytes());
    CHECK(decoded(*model, {16 + 0xC3, 16 + 0xA9}) == "\xC3\xA9");
    CHECK(decoded(*model, {16 + 0xC3, 9}) == "\xEF\xBF\xBD" "a");
    CHECK(decoded(*model, {3, 16 + 0xE2, 16 + 0x82}) == "\xEF\xBF\xBD\xEF\xBF\xBD");
    CHECK(decoded(*model, {4, 16 + 0x41}) == "theA");
    CHECK(model->token_bytes(16 + 0x41) == "A");
    CHECK(model->token_bytes(4) == " the");
    CHECK(model->token_bytes(1) == "<s>");
  }
}

TEST_CASE("a .model file round-trips text through encode and decode") {
  auto model = load_sentencepiece_model("bytes", tiny(true).bytes());
  for (const std::string text : {"the a ab b", "th\xC3\xA9 \xF0\x9F\x98\x80 \xE4\xBD\xA0\xE5\xA5\xBD", "x<sep>y", "a"}) {
    CAPTURE(text);
    CHECK(model->decode(model->encode(text).ids) == text);
  }
}

TEST_CASE("malformed .model bytes and models SentencePiece refuses give errors that say what is wrong") {
  const std::string good = tiny().bytes();
  CHECK(contains(error_of<VocabError>(good.substr(0, good.size() - 3)), "ModelProto at byte"));
  CHECK(contains(error_of<VocabError>(length_delimited(1, "\x0A\x05" "ab") + good),
                 "a piece at byte 3: a length of 5 bytes past the end (2 left)"));
  CHECK(contains(error_of<VocabError>(good.substr(0, 5)), "a length of"));
  CHECK(contains(error_of<VocabError>(good + "\x80"), "a varint cut off by the end"));
  CHECK(contains(error_of<VocabError>(good + std::string(11, '\xFF')), "a varint longer than 10 bytes"));
  CHECK(contains(error_of<VocabError>(good + tag(7, 3)), "a group (field 7)"));
  CHECK(contains(error_of<VocabError>(good + tag(7, 6)), "wire type 6"));
  CHECK(contains(error_of<VocabError>(good + tag(0, 0) + varint(1)), "a field number of 0"));
  CHECK(contains(error_of<VocabError>(good + tag(9, 5) + "ab"), "a fixed32 cut off by the end"));
  CHECK(contains(error_of<VocabError>(""), "it has no pieces"));

  auto with = [](auto change) {
    Model model = tiny();
    change(model);
    return model.bytes();
  };
  CHECK(contains(error_of<VocabError>(with([](Model& m) { m.pieces[6].text = ""; })), "piece 6 is empty"));
  CHECK(contains(error_of<VocabError>(with([](Model& m) { m.pieces[0].type = kNormal; })), "no piece is of type UNKNOWN"));
  CHECK(contains(error_of<VocabError>(with([](Model& m) { m.pieces[6].type = kUnknown; })), "pieces 0 and 6 are both UNKNOWN"));
  CHECK(contains(error_of<VocabError>(with([](Model& m) { m.pieces[7].text = "t"; })), "\"t\" appears twice (ids 6 and 7)"));
  CHECK(contains(error_of<VocabError>(with([](Model& m) { m.pieces[6].score = std::numeric_limits<float>::quiet_NaN(); })),
                 "not a finite number"));
  CHECK(contains(error_of<VocabError>(with([](Model& m) { m.pieces.push_back({"<0x41>", 0, kByte}); })),
                 "piece 16 (\"<0x41>\") is a BYTE piece, but byte_fallback is off"));
  CHECK(contains(error_of<VocabError>(with([](Model& m) {
                   for (Piece& piece : m.pieces) piece.type = piece.type == kUnknown ? kUnknown : kControl;
                 })),
                 "no piece is NORMAL, USER_DEFINED or UNUSED"));
  Model bytes = tiny(true);
  bytes.pieces.pop_back();  // <0xFF>
  CHECK(contains(error_of<VocabError>(bytes.bytes()), "byte_fallback is on, but the BYTE piece <0xFF> is missing"));
  bytes = tiny(true);
  bytes.pieces.back().text = "<0xff>";
  CHECK(contains(error_of<VocabError>(bytes.bytes()), "is a BYTE piece other than <0x00>..<0xFF>"));
  CHECK(contains(error_of<UsageError>(with([](Model& m) { m.model_type = 2; })),
                 "a BPE model is not supported (only UNIGRAM models are)"));
  CHECK(contains(error_of<UsageError>(with([](Model& m) { m.model_type = 4; })), "a CHAR model is not supported"));
}

TEST_CASE("a .model file is told apart from a tokenizer.json and a tiktoken file") {
  CHECK(looks_like_sentencepiece_model(tiny().bytes()));
  CHECK_FALSE(looks_like_sentencepiece_model("{\"model\": {}}"));
  CHECK_FALSE(looks_like_sentencepiece_model("IQ== 0\n"));
  CHECK_FALSE(looks_like_sentencepiece_model(""));
}
