#include <doctest/doctest.h>

#include <cfloat>
#include <cmath>
#include <cstdio>
#include <functional>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "tokenizer/errors.h"
#include "tokenizer/unigram/unigram_model.h"
#include "tokenizer/unicode/utf8.h"

using namespace tokenlab;

namespace {

struct Tokens {
  std::vector<TokenId> ids;
  std::vector<std::uint32_t> starts;
};

Tokens encode(UnigramModel& model, std::string_view piece) {
  Tokens tokens;
  model.encode_piece(piece, tokens.ids, tokens.starts);
  return tokens;
}

std::vector<TokenId> ids(UnigramModel& model, std::string_view piece) { return encode(model, piece).ids; }

UnigramModel hugging_face(std::vector<UnigramPiece> pieces, TokenId unk, bool byte_fallback = false) {
  return UnigramModel(std::move(pieces), {UnigramFlavor::kHuggingFace, unk, byte_fallback});
}

std::string byte_piece(unsigned byte) {
  char text[8];
  std::snprintf(text, sizeof text, "<0x%02X>", byte);
  return text;
}

// <unk> = 0, <0x00>..<0xFF> = 1..256 (BYTE), then these.
std::vector<UnigramPiece> with_byte_pieces(std::vector<UnigramPiece> rest) {
  std::vector<UnigramPiece> pieces{{"<unk>", 0.0, PieceType::kUnknown}};
  for (unsigned byte = 0; byte < 256; ++byte) pieces.push_back({byte_piece(byte), 0.0, PieceType::kByte});
  pieces.insert(pieces.end(), rest.begin(), rest.end());
  return pieces;
}

}  // namespace

TEST_CASE("Unigram picks the segmentation whose scores sum highest (the Rust library's example)") {
  UnigramModel model = hugging_face({{"<unk>", 0.0}, {"a", 0.0}, {"b", 0.0}, {"c", 0.0}, {"d", 0.0}, {"cd", 1.0},
                                     {"ab", 2.0}, {"abc", 5.0}, {"abcd", 10.0}},
                                    0);
  const Tokens tokens = encode(model, "abcdacdxx");
  CHECK(tokens.ids == std::vector<TokenId>{8, 1, 5, 0});
  CHECK(tokens.starts == std::vector<std::uint32_t>{0, 4, 5, 7});
  CHECK(model.vocab_size() == 9);
  CHECK(model.token_text(6) == "ab");
  CHECK(model.find("abc") == 7);
  CHECK(model.find("x") == kNoRank);
  CHECK(model.unknown_score() == -10.0);
}

TEST_CASE("Unigram breaks a tie of equal sums in favour of the longest last piece") {
  // "ab" = "a" + "b" = -1 exactly: the piece reaching the end from the earliest start stays.
  UnigramModel forward = hugging_face({{"<unk>", -5.0}, {"a", -0.5}, {"b", -0.5}, {"ab", -1.0}}, 0);
  CHECK(ids(forward, "ab") == std::vector<TokenId>{3});
  // "abc": a+bc, ab+c and abc all -1.5: the last piece starting earliest is abc.
  UnigramModel three = hugging_face({{"<unk>", -5.0}, {"a", -0.5}, {"bc", -1.0}, {"ab", -1.0}, {"c", -0.5},
                                     {"abc", -1.5}},
                                    0);
  CHECK(ids(three, "abc") == std::vector<TokenId>{5});
  // Without abc: a+bc (last piece from 1) beats ab+c (last piece from 2).
  UnigramModel two = hugging_face({{"<unk>", -5.0}, {"a", -0.5}, {"bc", -1.0}, {"ab", -1.0}, {"c", -0.5}}, 0);
  CHECK(ids(two, "abc") == std::vector<TokenId>{1, 2});
  for (const UnigramFlavor flavor : {UnigramFlavor::kHuggingFace, UnigramFlavor::kSentencePiece}) {
    UnigramModel model({{"<unk>", 0.0, PieceType::kUnknown}, {"a", -0.5}, {"bc", -1.0}, {"ab", -1.0}, {"c", -0.5}},
                       {flavor, 0, false});
    CHECK(ids(model, "abc") == std::vector<TokenId>{1, 2});
  }
}

TEST_CASE("Unigram (Rust) gives an unknown character min score - 10 and fuses unknown runs") {
  UnigramModel model = hugging_face({{"<unk>", 0.0}, {"a", -2.0}, {"b", -3.0}}, 0);
  CHECK(model.unknown_score() == -13.0);
  const Tokens tokens = encode(model, "axy\xC3\xA9" "b");
  CHECK(tokens.ids == std::vector<TokenId>{1, 0, 2});
  CHECK(tokens.starts == std::vector<std::uint32_t>{0, 1, 5});
  const UnigramSegmentation path = model.best_segmentation("axy\xC3\xA9" "b");
  REQUIRE(path.segments.size() == 5);
  CHECK(path.segments[1].unknown);
  CHECK(path.segments[3].begin == 3);
  CHECK(path.segments[3].end == 5);  // one code point, two bytes
  CHECK(path.total_score == -2.0 - 13.0 * 3 - 3.0);
}

TEST_CASE("Unigram (Rust) fuses a literal unknown piece with its unknown neighbours") {
  // "<unk>" is a piece like any other, matched in the text; it has unk_id, so it
  // fuses with the unknown q's around it into "q<unk>q", which is no piece.
  UnigramModel model = hugging_face({{"<unk>", 0.0}, {"a", -1.0}}, 0);
  CHECK(encode(model, "q<unk>q").ids == std::vector<TokenId>{0});
  CHECK(encode(model, "a<unk>").ids == std::vector<TokenId>{1, 0});
  auto pieces = with_byte_pieces({{"a", -1.0}});
  UnigramModel bytes(std::move(pieces), {UnigramFlavor::kHuggingFace, 0, true});
  const Tokens fused = encode(bytes, "q<unk>q");
  CHECK(fused.ids == std::vector<TokenId>{1 + 'q', 1 + '<', 1 + 'u', 1 + 'n', 1 + 'k', 1 + '>', 1 + 'q'});
  CHECK(fused.starts == std::vector<std::uint32_t>{0, 1, 2, 3, 4, 5, 6});
}

TEST_CASE("Unigram (Rust) looks a fused unknown run up as a piece before anything else") {
  // With scores this high two unknown edges (20 + 20) beat the piece "xy" (30),
  // and the fused "xy" is that piece.
  UnigramModel model = hugging_face({{"<unk>", 30.0}, {"xy", 30.0}}, 0);
  CHECK(model.best_segmentation("xy").segments.size() == 2);
  CHECK(ids(model, "xy") == std::vector<TokenId>{1});
}

TEST_CASE("Unigram byte fallback spells an unknown run in <0xXX> pieces") {
  SUBCASE("Rust: the fused run's bytes, or <unk> when one byte piece is missing") {
    auto pieces = with_byte_pieces({{"\xE2\x96\x81", -1.0}, {"a", -2.0}});
    UnigramModel model(pieces, {UnigramFlavor::kHuggingFace, 0, true});
    const Tokens tokens = encode(model, "a\xC3\xA9\xF0\x9F\x98\x80" "a");
    CHECK(tokens.ids == std::vector<TokenId>{258, 1 + 0xC3, 1 + 0xA9, 1 + 0xF0, 1 + 0x9F, 1 + 0x98, 1 + 0x80, 258});
    CHECK(tokens.starts == std::vector<std::uint32_t>{0, 1, 2, 3, 4, 5, 6, 7});
    pieces.erase(pieces.begin() + 1 + 0x98);  // no <0x98>: the whole run is <unk>
    UnigramModel missing(pieces, {UnigramFlavor::kHuggingFace, 0, true});
    CHECK(ids(missing, "a\xC3\xA9\xF0\x9F\x98\x80" "a") == std::vector<TokenId>{257, 0, 257});
  }
  SUBCASE("SentencePiece: each unknown character's bytes, a missing byte piece <unk>") {
    auto pieces = with_byte_pieces({{"a", -2.0}});
    UnigramModel model(pieces, {UnigramFlavor::kSentencePiece, 0, true});
    CHECK(ids(model, "\xC3\xA9" "a") == std::vector<TokenId>{1 + 0xC3, 1 + 0xA9, 257});
    pieces.erase(pieces.begin() + 1 + 0xA9);
    UnigramModel missing(pieces, {UnigramFlavor::kSentencePiece, 0, true});
    CHECK(ids(missing, "\xC3\xA9" "a") == std::vector<TokenId>{0xC3, 0, 256});  // ids above <0xA9> moved down
  }
  SUBCASE("a text <0x41> is the piece <0x41> for Rust, and plain characters for SentencePiece") {
    auto pieces = with_byte_pieces({{"<", -1.0}, {"0", -1.0}, {"x", -1.0}, {"4", -1.0}, {"1", -1.0}, {">", -1.0}});
    UnigramModel rust(pieces, {UnigramFlavor::kHuggingFace, 0, true});
    CHECK(ids(rust, "<0x41>") == std::vector<TokenId>{1 + 0x41});
    UnigramModel sentence_piece(pieces, {UnigramFlavor::kSentencePiece, 0, true});
    CHECK(ids(sentence_piece, "<0x41>") == std::vector<TokenId>{257, 258, 259, 260, 261, 262});
  }
}

TEST_CASE("Unigram (SentencePiece) merges runs of unknowns without byte fallback, and never matches control pieces") {
  UnigramModel model({{"<unk>", 0.0, PieceType::kUnknown}, {"<s>", 0.0, PieceType::kControl}, {"a", -1.0},
                      {"s", -1.0}, {"<", -1.0}, {">", -1.0}},
                     {UnigramFlavor::kSentencePiece, 0, false});
  CHECK(model.unknown_score() == -11.0);  // min over NORMAL pieces only
  const Tokens tokens = encode(model, "axy\xC3\xA9" "a<s>");
  CHECK(tokens.ids == std::vector<TokenId>{2, 0, 2, 4, 3, 5});
  CHECK(tokens.starts == std::vector<std::uint32_t>{0, 1, 5, 6, 7, 8});
}

TEST_CASE("Unigram (SentencePiece) scores user-defined pieces bytes * max(normal, FLT_MIN) - 0.1 and skips unused ones") {
  SUBCASE("every normal score negative: the factor is FLT_MIN, so a user-defined piece scores about -0.1") {
    UnigramModel model({{"<unk>", 0.0, PieceType::kUnknown}, {"a", -0.04}, {"b", -0.04},
                        {"ab", -5.0, PieceType::kUserDefined}},
                       {UnigramFlavor::kSentencePiece, 0, false});
    CHECK(ids(model, "ab") == std::vector<TokenId>{1, 2});  // -0.08 beats -0.1
    const UnigramSegmentation path = model.best_segmentation("ab");
    CHECK(path.total_score == doctest::Approx(-0.08));
  }
  SUBCASE("a positive normal score scales it") {
    UnigramModel model({{"<unk>", 0.0, PieceType::kUnknown}, {"a", 1.0}, {"b", -1.0},
                        {"ab", -5.0, PieceType::kUserDefined}},
                       {UnigramFlavor::kSentencePiece, 0, false});
    CHECK(ids(model, "ab") == std::vector<TokenId>{3});  // 2 * 1.0 - 0.1 > 1.0 - 1.0
    CHECK(model.best_segmentation("ab").segments[0].score == doctest::Approx(1.9));
  }
  SUBCASE("an unused piece never matches, not even as the one-character piece") {
    UnigramModel model({{"<unk>", 0.0, PieceType::kUnknown}, {"a", -1.0, PieceType::kUnused}, {"b", -1.0}},
                       {UnigramFlavor::kSentencePiece, 0, false});
    CHECK(ids(model, "ab") == std::vector<TokenId>{0, 2});
  }
}

TEST_CASE("Unigram (SentencePiece) keeps path sums in float where Rust keeps them in double") {
  // x + a = 1 + 2^-25: a double, but the float SentencePiece stores is 1. So at
  // the end x + a + b is 2 + 2^-25 for Rust, beating xab (2), and only 2 for
  // SentencePiece, which ties with xab, found first.
  const double tiny = std::ldexp(1.0, -25);
  std::vector<UnigramPiece> pieces{{"<unk>", 0.0, PieceType::kUnknown}, {"x", 1.0}, {"a", tiny}, {"b", 1.0},
                                   {"xab", 2.0}};
  UnigramModel rust(pieces, {UnigramFlavor::kHuggingFace, 0, false});
  UnigramModel sentence_piece(pieces, {UnigramFlavor::kSentencePiece, 0, false});
  CHECK(ids(rust, "xab") == std::vector<TokenId>{1, 2, 3});
  CHECK(rust.best_segmentation("xab").total_score == 2.0 + tiny);
  CHECK(ids(sentence_piece, "xab") == std::vector<TokenId>{4});
  CHECK(sentence_piece.best_segmentation("xab").total_score == 2.0);
}

TEST_CASE("Unigram keeps recent pieces and gives the same tokens from its cache") {
  UnigramModel model = hugging_face({{"<unk>", 0.0}, {"\xE2\x96\x81he", -1.0}, {"llo", -2.0}, {"l", -3.0},
                                     {"o", -3.0}},
                                    0);
  const Tokens first = encode(model, "\xE2\x96\x81hello");
  const Tokens again = encode(model, "\xE2\x96\x81hello");
  CHECK(first.ids == std::vector<TokenId>{1, 2});
  CHECK(again.ids == first.ids);
  CHECK(again.starts == first.starts);
}

TEST_CASE("Unigram refuses vocabularies it cannot encode with") {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double infinity = std::numeric_limits<double>::infinity();
  CHECK_THROWS_AS(hugging_face({}, 0), VocabError);
  CHECK_THROWS_AS(hugging_face({{"<unk>", 0.0}, {"a", nan}}, 0), VocabError);
  CHECK_THROWS_AS(hugging_face({{"<unk>", 0.0}, {"a", -infinity}}, 0), VocabError);
  CHECK_THROWS_AS(hugging_face({{"<unk>", 0.0}, {"a", -1.0}}, 2), VocabError);
  CHECK_THROWS_AS(hugging_face({{"<unk>", 0.0}, {"a", -1.0}}, kNoRank), VocabError);
  CHECK_THROWS_AS(hugging_face({{"<unk>", 0.0}, {"a", -1.0}, {"a", -2.0}}, 0), VocabError);
  CHECK_THROWS_AS(UnigramModel({{"<unk>", 0.0, PieceType::kNormal}}, {UnigramFlavor::kSentencePiece, 0, false}),
                  VocabError);
  try {
    hugging_face({{"<unk>", 0.0}, {"ab", -1.0}, {"c", -1.0}, {"ab", -2.0}}, 0);
    FAIL("a repeated piece loaded");
  } catch (const VocabError& error) {
    CHECK(std::string(error.what()).find("\"ab\" appears twice (ids 1 and 3)") != std::string::npos);
  }
}

// ---- Viterbi against every segmentation -------------------------------------

namespace {

// A path's score as the reference accumulates it, left to right.
struct Arithmetic {
  UnigramFlavor flavor;
  double add_piece(double sum, double score) const {
    return flavor == UnigramFlavor::kHuggingFace ? score + sum
                                                 : static_cast<double>(static_cast<float>(score + sum));
  }
  double add_unknown(double sum, double unknown) const {
    return flavor == UnigramFlavor::kHuggingFace
               ? unknown + sum
               : static_cast<double>(static_cast<float>(unknown) + static_cast<float>(sum));
  }
};

struct Path {
  std::vector<UnigramSegment> segments;
  double score = 0;
};

// Every segmentation of text into pieces (and unknown edges where no
// one-character piece exists), found by comparing each piece.
void enumerate(const std::vector<UnigramPiece>& pieces, UnigramFlavor flavor, double unknown, float max_normal,
               std::string_view text, Path& path, std::vector<Path>& out) {
  const std::uint32_t at = path.segments.empty() ? 0 : path.segments.back().end;
  if (at == text.size()) {
    out.push_back(path);
    return;
  }
  const Arithmetic arithmetic{flavor};
  const std::uint32_t char_length = utf8::decode(text, at).length;
  bool has_single = false;
  for (std::size_t id = 0; id < pieces.size(); ++id) {
    const UnigramPiece& piece = pieces[id];
    if (piece.text.empty() || !text.substr(at).starts_with(piece.text)) continue;
    double score = piece.score;
    if (flavor == UnigramFlavor::kSentencePiece) {
      if (piece.type != PieceType::kNormal && piece.type != PieceType::kUserDefined) continue;
      if (piece.type == PieceType::kUserDefined) {
        score = static_cast<double>(static_cast<float>(piece.text.size()) * max_normal) - 0.1;
      }
    }
    if (piece.text.size() == char_length) has_single = true;
    const auto end = static_cast<std::uint32_t>(at + piece.text.size());
    const double before = path.score;
    path.segments.push_back({static_cast<TokenId>(id), at, end, score, false});
    path.score = arithmetic.add_piece(before, score);
    enumerate(pieces, flavor, unknown, max_normal, text, path, out);
    path.segments.pop_back();
    path.score = before;
  }
  if (!has_single) {
    const double before = path.score;
    path.segments.push_back({0, at, at + char_length, unknown, true});
    path.score = arithmetic.add_unknown(before, unknown);
    enumerate(pieces, flavor, unknown, max_normal, text, path, out);
    path.segments.pop_back();
    path.score = before;
  }
}

// The tie-break both references' loops make: of the best-scoring paths, the one
// whose last piece starts earliest, then the one before it, and so on.
bool ties_before(const Path& left, const Path& right) {
  auto l = left.segments.rbegin();
  auto r = right.segments.rbegin();
  for (; l != left.segments.rend() && r != right.segments.rend(); ++l, ++r) {
    if (l->begin != r->begin) return l->begin < r->begin;
  }
  return false;
}

}  // namespace

TEST_CASE("Unigram's Viterbi finds the best of all segmentations, on small random vocabularies") {
  std::mt19937 random(7);
  const std::vector<std::string> alphabet{"a", "b", "c", "\xC3\xA9", "\xF0\x9F\x98\x80"};
  for (const UnigramFlavor flavor : {UnigramFlavor::kHuggingFace, UnigramFlavor::kSentencePiece}) {
    for (int round = 0; round < 300; ++round) {
      // Scores in quarters are exact in float and double, so ties are real ties
      // and the tie-break is checked too; other rounds take arbitrary scores.
      const bool exact = round % 2 == 0;
      std::vector<UnigramPiece> pieces{{"<unk>", exact ? -1.0 : -0.3, PieceType::kUnknown}};
      const int count = 2 + static_cast<int>(random() % 10);
      for (int i = 0; i < count; ++i) {
        std::string text;
        for (int length = 1 + static_cast<int>(random() % 3); length > 0; --length) {
          text += alphabet[random() % alphabet.size()];
        }
        const bool repeated = std::any_of(pieces.begin(), pieces.end(), [&](const UnigramPiece& p) { return p.text == text; });
        if (repeated) continue;
        const double score = exact ? -0.25 * static_cast<double>(random() % 20)
                                   : -std::uniform_real_distribution<double>(0.0, 6.0)(random);
        PieceType type = PieceType::kNormal;
        if (flavor == UnigramFlavor::kSentencePiece && random() % 6 == 0) {
          type = random() % 2 ? PieceType::kUserDefined : PieceType::kUnused;
        }
        pieces.push_back({text, score, type});
      }
      UnigramModel model(pieces, {flavor, 0, false});
      float max_normal = FLT_MIN;
      for (const auto& piece : pieces) {
        if (piece.type == PieceType::kNormal) max_normal = std::max(max_normal, static_cast<float>(piece.score));
      }
      for (int probe = 0; probe < 8; ++probe) {
        std::string text;
        for (int length = 1 + static_cast<int>(random() % 6); length > 0; --length) {
          text += random() % 8 == 0 ? std::string("z") : alphabet[random() % alphabet.size()];
        }
        std::vector<Path> all;
        Path path;
        enumerate(pieces, flavor, model.unknown_score(), max_normal, text, path, all);
        REQUIRE(!all.empty());
        const Path* best = &all[0];
        for (const Path& candidate : all) {
          if (candidate.score > best->score || (candidate.score == best->score && ties_before(candidate, *best))) {
            best = &candidate;
          }
        }
        const UnigramSegmentation found = model.best_segmentation(text);
        CAPTURE(text);
        CAPTURE(round);
        CHECK(found.total_score == best->score);
        if (!exact) continue;
        REQUIRE(found.segments.size() == best->segments.size());
        for (std::size_t i = 0; i < found.segments.size(); ++i) {
          CHECK(found.segments[i].begin == best->segments[i].begin);
          CHECK(found.segments[i].end == best->segments[i].end);
          CHECK(found.segments[i].unknown == best->segments[i].unknown);
          if (!found.segments[i].unknown) CHECK(found.segments[i].id == best->segments[i].id);
        }
      }
    }
  }
}
