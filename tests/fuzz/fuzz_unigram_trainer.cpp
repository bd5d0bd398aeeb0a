// Fuzzes the Unigram trainer on arbitrary corpora and settings, and the
// tokenizer.json it writes.
//
// Input: byte 0 -> learned pieces wanted (0..255, besides the special pieces),
// byte 1 -> byte fallback (bit 0), sentence markers (bit 1), character
// coverage (bits 2-3: 1, 0.9995, 0.9, 0.5), longest piece (bits 4-7: 1..16
// characters), byte 2 -> seed substrings (0..255), byte 3 -> chunk size
// (1..64), byte 4 -> EM sub-iterations (1..3); the rest is the corpus, fed in
// chunks of that size.
//
// Checks: training ends with a vocabulary or a UsageError (a size too small for
// the characters), never anything else; the vocabulary is the special pieces in
// sentencepiece's order, then valid pieces (one script, ▁ only first, at most
// the longest length) sorted by score, none twice, every kept character among
// them, exactly the size asked for unless the text has fewer; the same corpus
// in one chunk trains the same vocabulary. The tokenizer.json loads in
// tokenlab's reader, and its encoding of the corpus equals the trainer's own
// Viterbi (UnigramSegmenter), unless the corpus spells a special piece (the
// reader cuts those out first).
#include <cmath>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "../tokenizer/train/unigram_reference.h"
#include "property.h"
#include "tokenizer/errors.h"
#include "tokenizer/hf/tokenizer_json.h"
#include "tokenizer/train/piece_counter.h"
#include "tokenizer/train/unigram_corpus.h"
#include "tokenizer/train/unigram_segmenter.h"
#include "tokenizer/train/unigram_tokenizer_json_writer.h"
#include "tokenizer/train/unigram_trainer.h"
#include "tokenizer/train/unigram_words.h"

namespace {

constexpr double kCoverages[] = {1.0, 0.9995, 0.9, 0.5};

std::string joined(const tokenlab::UnigramResult& result) {
  std::string out;
  for (const auto& piece : result.pieces) out += piece.text + " " + std::to_string(piece.score) + "\n";
  return out;
}

void check_vocabulary(const tokenlab::UnigramResult& result, const tokenlab::UnigramTrainerOptions& options,
                      const std::vector<tokenlab::UnigramPiece>& specials, std::string_view corpus) {
  FUZZ_CHECK(result.pieces.size() <= options.vocab_size, "more pieces than asked for");
  if (result.stop_reason == tokenlab::UnigramStopReason::kVocabularyFull) {
    FUZZ_CHECK(result.pieces.size() == options.vocab_size, "full before the size asked for");
  }
  FUZZ_CHECK(result.pieces.size() >= specials.size(), "special pieces missing");
  std::set<std::string> seen;
  for (std::size_t id = 0; id < result.pieces.size(); ++id) {
    const tokenlab::UnigramPiece& piece = result.pieces[id];
    FUZZ_CHECK(seen.insert(piece.text).second, "a piece twice");
    if (id < specials.size()) {
      FUZZ_CHECK(piece.text == specials[id].text && piece.type == specials[id].type, "special pieces out of place");
      continue;
    }
    FUZZ_CHECK(piece.type == tokenlab::PieceType::kNormal, "a special piece among the learned ones");
    // (Not always below 0: a text of one character gives it probability 1, and
    // characters re-added after EM take the lowest score plus a little.)
    FUZZ_CHECK(std::isfinite(piece.score), "a score that is not finite");
    FUZZ_CHECK(tokenlab::unigram_reference::valid_piece(tokenlab::unigram_reference::codepoints(piece.text),
                                                        options.max_piece_chars),
               "an invalid piece");
    if (id > specials.size()) {
      const tokenlab::UnigramPiece& before = result.pieces[id - 1];
      FUZZ_CHECK(before.score > piece.score || (before.score == piece.score && before.text < piece.text),
                 "pieces out of score order");
    }
  }
  tokenlab::PieceCounter counter(tokenlab::SplitPattern::kWhitespace);
  counter.add_text(corpus);
  counter.finish();
  const tokenlab::UnigramCorpus kept =
      tokenlab::build_unigram_corpus(tokenlab::count_metaspace_words(counter.pieces()), options.character_coverage);
  for (const tokenlab::CharacterCount& character : kept.characters) {
    FUZZ_CHECK(seen.contains(tokenlab::unigram_reference::spelled({character.codepoint})), "a kept character missing");
  }
}

void check_export(const tokenlab::UnigramResult& result, std::string_view corpus) {
  const std::string json = tokenlab::write_unigram_tokenizer_json(result);
  const auto tokenizer = tokenlab::load_tokenizer_json("trained", json);
  FUZZ_CHECK(tokenizer->vocab_size() == result.pieces.size(), "the tokenizer.json vocabulary size");
  for (const auto& piece : result.pieces) {
    if (piece.type != tokenlab::PieceType::kNormal && corpus.find(piece.text) != std::string_view::npos) return;
  }
  const tokenlab::UnigramSegmenter segmenter(result);
  // The reader, like the Rust library, takes text as UTF-8; the trainer reads
  // each malformed byte as U+FFFD, so compare on text that is already valid.
  std::string text;
  for (const std::string& word : tokenlab::metaspace_words(corpus)) text += word.substr(3) + " ";
  const std::vector<tokenlab::TokenId> own = segmenter.encode(text);
  const tokenlab::Encoding encoding = tokenizer->encode(text);
  FUZZ_CHECK(encoding.ids == own, "the tokenizer.json encodes otherwise than the trainer's Viterbi");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  tokenlab::fuzz::FuzzInput input(data, size);
  const std::size_t learned = input.take_byte();
  const std::uint8_t flags = input.take_byte();
  tokenlab::UnigramTrainerOptions options;
  options.byte_fallback = (flags & 1) != 0;
  options.sentence_markers = (flags & 2) != 0;
  options.character_coverage = kCoverages[(flags >> 2) & 3];
  options.max_piece_chars = 1 + (flags >> 4);
  options.seed_size = input.take_byte();
  const std::size_t chunk_size = 1 + input.take_byte() % 64;
  options.em_sub_iterations = 1 + input.take_byte() % 3;
  const std::size_t specials = 1 + (options.sentence_markers ? 2 : 0) + (options.byte_fallback ? 256 : 0);
  options.vocab_size = specials + 1 + learned;
  const std::string_view corpus = input.rest();

  tokenlab::UnigramTrainer trainer(options);
  for (std::size_t pos = 0; pos < corpus.size(); pos += chunk_size) trainer.add_text(corpus.substr(pos, chunk_size));
  tokenlab::UnigramResult result;
  try {
    result = trainer.train();
  } catch (const tokenlab::UsageError&) {
    return 0;  // more characters than the vocabulary holds
  }
  check_vocabulary(result, options, trainer.special_pieces(), corpus);

  tokenlab::UnigramTrainer whole(options);
  whole.add_text(corpus);
  FUZZ_CHECK(joined(whole.train()) == joined(result), "the chunking changed the vocabulary");
  check_export(result, corpus);
  return 0;
}
