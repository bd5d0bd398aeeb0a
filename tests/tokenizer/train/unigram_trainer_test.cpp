#include <doctest/doctest.h>

#include <atomic>
#include <cmath>
#include <random>
#include <set>

#include "tokenizer/errors.h"
#include "tokenizer/train/piece_counter.h"
#include "tokenizer/train/unigram_corpus.h"
#include "tokenizer/train/unigram_trainer.h"
#include "tokenizer/train/unigram_words.h"
#include "unigram_reference.h"

using namespace tokenlab;

namespace {

constexpr std::string_view kWorkedExample = "low low low low low lower lower newest newest newest widest";

// Text of words made of syllables (several scripts), drawn with Zipf-like
// weights, with digits and punctuation: enough pieces for a few hundred ids.
std::string sample_text(std::uint32_t seed, std::size_t word_count) {
  static const std::vector<std::string> kSyllables = {"ka", "to", "ri", "ne", "sho", "an", "mi", "ver", "la", "qu",
                                                      "é",  "ür", "ст", "ро", "か", "な", "日本", "語", "th", "ing"};
  std::mt19937 words_rng(17);
  std::vector<std::string> words;
  for (int i = 0; i < 1500; ++i) {
    std::string word;
    for (int parts = 1 + static_cast<int>(words_rng() % 4); parts > 0; --parts) word += kSyllables[words_rng() % kSyllables.size()];
    words.push_back(word);
  }
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  std::string text;
  for (std::size_t i = 0; i < word_count; ++i) {
    const double u = unit(rng);
    if (u < 0.04) {
      text += std::to_string(rng() % 2000);
    } else if (u < 0.08) {
      text += ",.!?"[rng() % 4];
    } else {
      text += words[static_cast<std::size_t>(static_cast<double>(words.size()) * std::pow(unit(rng), 3))];
    }
    text += i % 13 == 12 ? "\n" : " ";
  }
  return text;
}

UnigramResult train(std::string_view text, UnigramTrainerOptions options) {
  UnigramTrainer trainer(options);
  trainer.add_text(text);
  return trainer.train();
}

UnigramTrainerOptions sized(std::size_t vocab_size) {
  UnigramTrainerOptions options;
  options.vocab_size = vocab_size;
  return options;
}

// The vocabulary as one string, "piece score" per line, as sentencepiece's tests compare trainers.
std::string joined(const UnigramResult& result) {
  std::string out;
  for (const UnigramPiece& piece : result.pieces) {
    out += piece.text + " " + std::to_string(piece.score) + " " + std::to_string(static_cast<int>(piece.type)) + "\n";
  }
  return out;
}

std::set<std::string> texts_of(const UnigramResult& result) {
  std::set<std::string> texts;
  for (const UnigramPiece& piece : result.pieces) texts.insert(piece.text);
  return texts;
}

}  // namespace

TEST_CASE("the worked example learns its words and keeps every character") {
  const UnigramResult result = train(kWorkedExample, sized(18));
  std::vector<std::string> pieces;
  for (const UnigramPiece& piece : result.pieces) pieces.push_back(piece.text);
  // The characters EM dropped come back just above the lowest score, 0.0001
  // apart; six pieces share the lowest, in byte order.
  CHECK(pieces == std::vector<std::string>{"<unk>", "<s>", "</s>", "▁low", "▁newest", "▁lower", "r", "n", "t", "s",
                                           "o", "l", "d", "e", "est", "i", "w", "▁"});
  CHECK(result.stop_reason == UnigramStopReason::kVocabularyFull);
  CHECK(result.total_words == 11);
  CHECK(result.distinct_words == 4);
  CHECK(result.characters == 11);
  SUBCASE("asking for more than the text offers stops early, with every piece it has") {
    const UnigramResult more = train(kWorkedExample, sized(40));
    CHECK(more.stop_reason == UnigramStopReason::kTooFewPieces);
    CHECK(more.stopped_early());
    CHECK(more.vocab_size() < 40);
    CHECK(more.vocab_size() >= 18);
  }
}

TEST_CASE("pruning reaches the vocabulary size exactly") {
  const std::string text = sample_text(1, 30000);
  for (const std::size_t size : {60, 100, 257, 400, 777}) {
    CAPTURE(size);
    const UnigramResult result = train(text, sized(size));
    CHECK(result.vocab_size() == size);
    CHECK(result.stop_reason == UnigramStopReason::kVocabularyFull);
    CHECK(texts_of(result).size() == size);  // no piece twice
  }
  SUBCASE("with byte fallback too: 3 + 256 special pieces, then the learned ones") {
    UnigramTrainerOptions options = sized(700);
    options.byte_fallback = true;
    const UnigramResult result = train(text, options);
    CHECK(result.vocab_size() == 700);
    CHECK(result.pieces[3].text == "<0x00>");
    CHECK(result.pieces[258].text == "<0xFF>");
    CHECK(result.pieces[259].type == PieceType::kNormal);
  }
}

TEST_CASE("ids follow sentencepiece: <unk> <s> </s>, then pieces by score descending") {
  const UnigramResult result = train(sample_text(2, 20000), sized(300));
  CHECK(result.unk_id == 0);
  CHECK(result.pieces[0].text == "<unk>");
  CHECK(result.pieces[0].type == PieceType::kUnknown);
  CHECK(result.pieces[1].text == "<s>");
  CHECK(result.pieces[2].text == "</s>");
  CHECK(result.pieces[2].type == PieceType::kControl);
  for (std::size_t id = 0; id < 3; ++id) CHECK(result.pieces[id].score == 0.0);
  for (std::size_t id = 4; id < result.pieces.size(); ++id) {
    CAPTURE(id);
    const UnigramPiece& before = result.pieces[id - 1];
    const UnigramPiece& piece = result.pieces[id];
    CHECK(piece.type == PieceType::kNormal);
    CHECK(piece.score < 0.0);
    // Score descending; equal scores by text.
    CHECK((before.score > piece.score || (before.score == piece.score && before.text < piece.text)));
  }
  SUBCASE("without sentence markers <unk> is alone before the pieces") {
    UnigramTrainerOptions options = sized(300);
    options.sentence_markers = false;
    const UnigramResult bare = train(sample_text(2, 20000), options);
    CHECK(bare.pieces[1].type == PieceType::kNormal);
    CHECK(bare.vocab_size() == 300);
  }
}

TEST_CASE("every learned piece is a valid piece: at most 16 characters, ▁ only first, one script") {
  const UnigramResult result = train(sample_text(3, 30000), sized(900));
  for (const UnigramPiece& piece : result.pieces) {
    if (piece.type != PieceType::kNormal) continue;
    CAPTURE(piece.text);
    CHECK(unigram_reference::valid_piece(unigram_reference::codepoints(piece.text), 16));
  }
}

TEST_CASE("every character the coverage keeps is in the vocabulary; the rest are not") {
  std::string text = sample_text(4, 30000);
  text += " \xF0\x9F\x99\x82 \xD0\xB6";  // 🙂 and ж once each: far below 0.9995 of the text
  PieceCounter counter(SplitPattern::kWhitespace);
  counter.add_text(text);
  counter.finish();
  const std::vector<UnigramWord> words = count_metaspace_words(counter.pieces());
  for (const double coverage : {0.9995, 1.0}) {
    CAPTURE(coverage);
    UnigramTrainerOptions options = sized(300);
    options.character_coverage = coverage;
    const UnigramResult result = train(text, options);
    const std::set<std::string> texts = texts_of(result);
    const UnigramCorpus corpus = build_unigram_corpus(words, coverage);
    const UnigramCorpus everything = build_unigram_corpus(words, 1.0);
    CHECK(result.characters == corpus.characters.size());
    CHECK(result.rare_characters == everything.characters.size() - corpus.characters.size());
    for (const CharacterCount& character : corpus.characters) {
      CHECK(texts.contains(unigram_reference::spelled({character.codepoint})));
    }
    CHECK(texts.contains("\xF0\x9F\x99\x82") == (coverage == 1.0));
    CHECK(texts.contains("\xD0\xB6") == (coverage == 1.0));
  }
}

TEST_CASE("training is deterministic and blind to how the text is chunked") {
  const std::string text = sample_text(5, 20000);
  const std::string once = joined(train(text, sized(350)));
  CHECK(joined(train(text, sized(350))) == once);
  std::mt19937 rng(8);
  UnigramTrainer chunked(sized(350));
  for (std::size_t at = 0; at < text.size();) {
    const std::size_t size = std::min<std::size_t>(1 + rng() % 40, text.size() - at);  // cuts inside characters too
    chunked.add_text(std::string_view(text).substr(at, size));
    at += size;
  }
  CHECK(joined(chunked.train()) == once);
}

TEST_CASE("EM lowers the objective within the first round and reports every phase") {
  UnigramTrainer trainer(sized(300));
  trainer.add_text(sample_text(6, 30000));
  std::vector<UnigramProgress> reports;
  const UnigramResult result = trainer.train([&](const UnigramProgress& progress) { reports.push_back(progress); });
  REQUIRE(reports.size() >= 4);
  CHECK(reports.front().phase == UnigramPhase::kSeeding);
  CHECK(reports.back().phase == UnigramPhase::kFinishing);
  REQUIRE(reports[1].phase == UnigramPhase::kEm);
  REQUIRE(reports[2].phase == UnigramPhase::kEm);
  CHECK(reports[1].round == 1);
  CHECK(reports[2].sub_iteration == 2);
  CHECK(reports[2].objective < reports[1].objective);
  bool pruned = false;
  for (std::size_t i = 1; i < reports.size(); ++i) {
    CHECK(reports[i].target == 300);
    if (reports[i].phase == UnigramPhase::kPruning) {
      pruned = true;
      CHECK(reports[i].pieces < reports[i - 1].pieces);
    }
  }
  CHECK(pruned);
  CHECK(result.rounds == reports.back().round);
}

TEST_CASE("cancel stops training with Cancelled, and training may start over") {
  const std::string text = sample_text(7, 20000);
  const std::string uncancelled = joined(train(text, sized(250)));
  for (const UnigramPhase phase : {UnigramPhase::kSeeding, UnigramPhase::kEm, UnigramPhase::kPruning}) {
    CAPTURE(unigram_phase_name(phase));
    UnigramTrainer trainer(sized(250));
    trainer.add_text(text);
    std::atomic<bool> cancel{false};
    CHECK_THROWS_AS(trainer.train([&](const UnigramProgress& progress) { if (progress.phase == phase) cancel = true; },
                                  &cancel),
                    Cancelled);
    cancel = false;
    CHECK(joined(trainer.train({}, &cancel)) == uncancelled);
  }
  SUBCASE("a flag already set stops before any work") {
    UnigramTrainer trainer(sized(250));
    trainer.add_text(text);
    const std::atomic<bool> cancel{true};
    std::size_t reports = 0;
    CHECK_THROWS_AS(trainer.train([&](const UnigramProgress&) { ++reports; }, &cancel), Cancelled);
    CHECK(reports == 0);
  }
}

TEST_CASE("no learned piece repeats a special piece's text") {
  std::string text;
  for (int i = 0; i < 200; ++i) text += "<unk> <s> </s> <0x41> <<>> <0x41><0x41> x<s>x ";
  UnigramTrainerOptions options = sized(280);
  options.byte_fallback = true;
  const UnigramResult result = train(text, options);
  std::set<std::string> seen;
  for (const UnigramPiece& piece : result.pieces) CHECK(seen.insert(piece.text).second);
}

TEST_CASE("no text gives only the special pieces") {
  UnigramTrainer trainer(sized(10));
  trainer.add_text(" \n\t ");
  const UnigramResult result = trainer.train();
  CHECK(result.vocab_size() == 3);
  CHECK(result.stop_reason == UnigramStopReason::kTooFewPieces);
}

TEST_CASE("options out of range, and text after training, are usage errors") {
  CHECK_THROWS_AS(UnigramTrainer(sized(3)), UsageError);  // <unk> <s> </s> and no room
  CHECK_THROWS_AS(UnigramTrainer(sized(kMaxUnigramVocabSize + 1)), UsageError);
  UnigramTrainerOptions bytes = sized(259);
  bytes.byte_fallback = true;
  CHECK_THROWS_AS(UnigramTrainer{bytes}, UsageError);
  const auto with = [](auto change) {
    UnigramTrainerOptions options = sized(100);
    change(options);
    return options;
  };
  CHECK_THROWS_AS(UnigramTrainer(with([](auto& o) { o.character_coverage = 0.2; })), UsageError);
  CHECK_THROWS_AS(UnigramTrainer(with([](auto& o) { o.character_coverage = 1.5; })), UsageError);
  CHECK_THROWS_AS(UnigramTrainer(with([](auto& o) { o.max_piece_chars = 17; })), UsageError);
  CHECK_THROWS_AS(UnigramTrainer(with([](auto& o) { o.max_piece_chars = 0; })), UsageError);
  CHECK_THROWS_AS(UnigramTrainer(with([](auto& o) { o.em_sub_iterations = 0; })), UsageError);
  CHECK_THROWS_AS(UnigramTrainer(with([](auto& o) { o.shrinking_factor = 0.99; })), UsageError);
  SUBCASE("a size below the characters the text needs fails when training") {
    UnigramTrainer trainer(sized(8));
    trainer.add_text(kWorkedExample);  // 11 characters
    CHECK_THROWS_AS(trainer.train(), UsageError);
  }
  SUBCASE("text cannot be added once training has started") {
    UnigramTrainer trainer(sized(18));
    trainer.add_text(kWorkedExample);
    trainer.train();
    CHECK_THROWS_AS(trainer.add_text("more"), UsageError);
  }
}
