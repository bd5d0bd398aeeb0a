#include "tokenizer/train/unigram_trainer.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <unordered_map>

#include "tokenizer/errors.h"
#include "tokenizer/train/piece_counter.h"
#include "tokenizer/train/unigram_corpus.h"
#include "tokenizer/train/unigram_em.h"
#include "tokenizer/train/unigram_lattice.h"
#include "tokenizer/train/unigram_piece_table.h"
#include "tokenizer/train/unigram_pruning.h"
#include "tokenizer/train/unigram_seed_pieces.h"
#include "tokenizer/train/unigram_tokenizer_json_writer.h"
#include "tokenizer/train/unigram_words.h"
#include "tokenizer/unicode/utf8.h"

namespace tokenlab {

namespace {

// sentencepiece stops pruning at 1.1 × vocab_size and picks the final
// vocabulary from those by score.
constexpr double kPruningTargetFactor = 1.1;

void check_range(bool ok, const std::string& what) {
  if (!ok) throw UsageError(what);
}

std::string character_text(char32_t codepoint) {
  std::string text;
  utf8::append(text, codepoint);
  return text;
}

// Pieces by score descending; equal scores by text (bytes) ascending.
bool score_order(const std::pair<std::string, double>& a, const std::pair<std::string, double>& b) {
  return a.second != b.second ? a.second > b.second : a.first < b.first;
}

}  // namespace

std::string_view unigram_phase_name(UnigramPhase phase) {
  switch (phase) {
    case UnigramPhase::kSeeding: return "seeding";
    case UnigramPhase::kEm: return "EM";
    case UnigramPhase::kPruning: return "pruning";
    case UnigramPhase::kFinishing: return "finishing";
  }
  return "unknown";
}

std::string_view unigram_stop_reason_text(UnigramStopReason reason) {
  switch (reason) {
    case UnigramStopReason::kNotStopped: return "not finished";
    case UnigramStopReason::kVocabularyFull: return "vocabulary size reached";
    case UnigramStopReason::kTooFewPieces: return "the text has fewer pieces than asked for";
  }
  return "unknown";
}

struct UnigramTrainer::State {
  explicit State(UnigramTrainerOptions trainer_options)
      : options(trainer_options), counter(SplitPattern::kWhitespace) {}

  void end_text();
  UnigramResult train(const UnigramProgressCallback& progress, const std::atomic<bool>* cancel) const;
  std::vector<UnigramPiece> specials() const;

  UnigramTrainerOptions options;
  PieceCounter counter;
  bool text_ended = false;
  std::vector<UnigramWord> words;  // kept, so that training can start over
  std::uint64_t total_words = 0;
};

UnigramTrainer::UnigramTrainer(UnigramTrainerOptions options) {
  check_range(options.character_coverage >= 0.5 && options.character_coverage <= 1.0,
              "character coverage must be from 0.5 to 1");
  check_range(options.max_piece_chars >= 1 && options.max_piece_chars <= kMaxUnigramPieceChars,
              "the longest piece must be from 1 to " + std::to_string(kMaxUnigramPieceChars) + " characters");
  check_range(options.em_sub_iterations >= 1 && options.em_sub_iterations <= 10,
              "EM sub-iterations must be from 1 to 10");
  check_range(options.shrinking_factor >= 0.5 && options.shrinking_factor <= 0.95,
              "the shrinking factor must be from 0.5 to 0.95");
  check_range(options.seed_size < UnigramLattice::kMaxPieces / 2,
              "at most " + std::to_string(UnigramLattice::kMaxPieces / 2) + " seed pieces");
  state_ = std::make_unique<State>(options);
  const std::size_t specials = state_->specials().size();
  if (options.vocab_size <= specials || options.vocab_size > kMaxUnigramVocabSize) {
    throw UsageError("vocabulary size " + std::to_string(options.vocab_size) + " is out of range: it must be from " +
                     std::to_string(specials + 1) + " (" + std::to_string(specials) + " special pieces + 1) to " +
                     std::to_string(kMaxUnigramVocabSize));
  }
}

UnigramTrainer::~UnigramTrainer() = default;
UnigramTrainer::UnigramTrainer(UnigramTrainer&&) noexcept = default;
UnigramTrainer& UnigramTrainer::operator=(UnigramTrainer&&) noexcept = default;

void UnigramTrainer::add_text(std::string_view chunk) {
  if (state_->text_ended) throw UsageError("text cannot be added once training has started");
  state_->counter.add_text(chunk);
}

void UnigramTrainer::finish_text() {
  if (!state_->text_ended) state_->counter.finish();
}

const UnigramTrainerOptions& UnigramTrainer::options() const { return state_->options; }

std::vector<UnigramPiece> UnigramTrainer::special_pieces() const { return state_->specials(); }

std::vector<UnigramPiece> UnigramTrainer::State::specials() const {
  std::vector<UnigramPiece> pieces{{"<unk>", 0.0, PieceType::kUnknown}};
  if (options.sentence_markers) {
    pieces.push_back({"<s>", 0.0, PieceType::kControl});
    pieces.push_back({"</s>", 0.0, PieceType::kControl});
  }
  if (options.byte_fallback) {
    for (int byte = 0; byte < 256; ++byte) {
      char name[8];
      std::snprintf(name, sizeof name, "<0x%02X>", byte);
      pieces.push_back({name, 0.0, PieceType::kByte});
    }
  }
  return pieces;
}

void UnigramTrainer::State::end_text() {
  if (text_ended) return;
  counter.finish();
  words = count_metaspace_words(counter.pieces());
  counter.clear();
  for (const UnigramWord& word : words) total_words += word.count;
  text_ended = true;
}

UnigramResult UnigramTrainer::train(const UnigramProgressCallback& progress, const std::atomic<bool>* cancel) {
  state_->end_text();
  return state_->train(progress, cancel);
}

UnigramResult UnigramTrainer::State::train(const UnigramProgressCallback& progress,
                                           const std::atomic<bool>* cancel) const {
  const auto report = [&](UnigramPhase phase, std::size_t round, std::size_t sub_iteration, std::size_t pieces,
                          double objective) {
    if (progress) progress(UnigramProgress{phase, round, sub_iteration, pieces, options.vocab_size, objective});
  };
  const auto check_cancel = [&] {
    if (cancel != nullptr && cancel->load(std::memory_order_relaxed)) throw Cancelled();
  };
  UnigramResult result;
  result.pieces = specials();
  result.byte_fallback = options.byte_fallback;
  result.total_words = total_words;
  result.distinct_words = words.size();
  const std::size_t learned_target = options.vocab_size - result.pieces.size();

  // 1. The words as codepoints, and the characters the vocabulary must hold.
  const UnigramCorpus corpus = build_unigram_corpus(words, options.character_coverage);
  result.characters = corpus.characters.size();
  result.rare_characters = corpus.rare_kinds;
  if (corpus.characters.size() > learned_target) {
    throw UsageError("vocabulary size " + std::to_string(options.vocab_size) + " is too small: the text needs " +
                     std::to_string(corpus.characters.size()) + " characters (character coverage " +
                     std::to_string(options.character_coverage) + ") besides " + std::to_string(result.pieces.size()) +
                     " special pieces");
  }
  check_cancel();

  // 2. Seed pieces: the characters, then the seed substrings, as log probabilities.
  report(UnigramPhase::kSeeding, 0, 0, 0, 0.0);
  std::vector<std::string> special_texts;
  for (const UnigramPiece& special : result.pieces) special_texts.push_back(special.text);
  UnigramPieceTable pieces;
  UnigramLattice lattice = [&] {
    const SeedSubstrings found =
        find_seed_substrings(corpus, options.seed_size, options.max_piece_chars, special_texts, cancel);
    std::vector<std::uint32_t> first_position(std::size_t{UnigramCorpus::kRareCharacter} + 1, 0);
    for (std::size_t p = corpus.symbols.size(); p-- > 0;) first_position[corpus.symbols[p]] = static_cast<std::uint32_t>(p);
    for (const CharacterCount& character : corpus.characters) {
      pieces.add(character_text(character.codepoint), static_cast<double>(character.count), 1,
                 first_position[character.codepoint]);
    }
    for (const SeedSubstring& seed : found.seeds) {
      pieces.add(seed_spelling(corpus, found, seed), static_cast<double>(seed.score()), seed.length,
                 found.suffix_array[seed.first]);
    }
    return UnigramLattice(corpus, found);
  }();
  result.seed_pieces = pieces.size();
  double total_score = 0.0;
  for (const double score : pieces.score) total_score += score;
  const double log_total = std::log(total_score);
  for (double& score : pieces.score) score = std::log(score) - log_total;

  // 3. EM rounds and pruning, until at most 1.1 × vocab_size pieces are left.
  const auto pruning_target = static_cast<std::size_t>(static_cast<double>(options.vocab_size) * kPruningTargetFactor);
  for (std::size_t round = 1;; ++round) {
    result.rounds = round;
    for (std::size_t sub_iteration = 1; sub_iteration <= options.em_sub_iterations; ++sub_iteration) {
      check_cancel();
      const UnigramEStep e_step =
          run_e_step(lattice, corpus, pieces.score, pieces.min_score() - UnigramLattice::kUnknownPenalty, cancel);
      UnigramMStep m_step = run_m_step(e_step.expected);
      if (m_step.kept.size() < pieces.size()) lattice.remap(pieces.keep(m_step.kept));
      pieces.score = std::move(m_step.scores);
      result.objective = e_step.objective;
      report(UnigramPhase::kEm, round, sub_iteration, pieces.size(), e_step.objective);
    }
    if (pieces.size() <= pruning_target) break;
    check_cancel();
    const std::size_t before = pieces.size();
    const UnigramPruning pruning =
        prune_pieces(lattice, corpus, pieces, pruning_target, options.shrinking_factor, cancel);
    lattice.remap(pieces.keep(pruning.kept));
    report(UnigramPhase::kPruning, round, 0, pieces.size(), 0.0);
    if (pieces.size() == before) break;  // nothing left to prune
  }

  // 4. Every kept character, then the best pieces, up to the vocabulary size.
  report(UnigramPhase::kFinishing, result.rounds, 0, pieces.size(), 0.0);
  std::unordered_map<std::string, double> trained;
  trained.reserve(pieces.size());
  for (std::size_t i = 0; i < pieces.size(); ++i) trained.emplace(pieces.text[i], pieces.score[i]);
  std::unordered_map<std::string, double> chosen;
  const double min_score = pieces.min_score();
  double penalty = 0.0;
  // In character order (most frequent first), each re-added one 0.0001 above
  // the one before: sentencepiece's rule, which keeps their scores apart.
  for (const CharacterCount& character : corpus.characters) {
    std::string text = character_text(character.codepoint);
    const auto found = trained.find(text);
    if (found != trained.end()) {
      chosen.emplace(std::move(text), found->second);
    } else {
      chosen.emplace(std::move(text), min_score + penalty);
      penalty += kRequiredCharacterPenalty;
    }
  }
  std::vector<std::pair<std::string, double>> by_score(trained.begin(), trained.end());
  std::sort(by_score.begin(), by_score.end(), score_order);
  for (const auto& [text, score] : by_score) {
    if (chosen.size() >= learned_target) break;
    chosen.emplace(text, score);
  }
  // Scores as tokenizer.json holds them (unigram_tokenizer_json_writer.h), so
  // that this result and every reader of the file agree on each one.
  std::vector<std::pair<std::string, double>> final_pieces;
  final_pieces.reserve(chosen.size());
  for (const auto& [text, score] : chosen) final_pieces.emplace_back(text, round_unigram_score(score));
  std::sort(final_pieces.begin(), final_pieces.end(), score_order);
  for (auto& [text, score] : final_pieces) result.pieces.push_back({std::move(text), score, PieceType::kNormal});
  result.stop_reason = final_pieces.size() == learned_target ? UnigramStopReason::kVocabularyFull
                                                             : UnigramStopReason::kTooFewPieces;
  return result;
}

}  // namespace tokenlab
