// Naive references for the Unigram trainer's parts, written for clarity over
// speed, on tiny inputs:
//   - every substring of every word, counted one by one (the seed search);
//   - every segmentation of a word, enumerated (forward-backward and Viterbi);
//   - the lattice of a piece list, by matching each piece at each position.
//
//   reference_segmentations(3 positions, edges a a a, aa at 0) ->
//     [a|a|a], [aa|a], [a|aa] ... with their scores
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "tokenizer/train/unigram_corpus.h"
#include "tokenizer/train/unigram_lattice.h"
#include "tokenizer/train/unigram_scripts.h"
#include "tokenizer/unicode/utf8.h"

namespace tokenlab::unigram_reference {

inline std::vector<char32_t> codepoints(std::string_view text) {
  std::vector<char32_t> out;
  for (std::size_t pos = 0; pos < text.size();) {
    const utf8::Decoded unit = utf8::decode(text, pos);
    out.push_back(unit.codepoint);
    pos += unit.length;
  }
  return out;
}

inline std::string spelled(const std::vector<char32_t>& text) {
  std::string out;
  for (const char32_t c : text) utf8::append(out, c);
  return out;
}

// sentencepiece's IsValidSentencePiece with its defaults, character by character.
inline bool valid_piece(const std::vector<char32_t>& piece, std::size_t max_chars) {
  if (piece.empty() || piece.size() > max_chars) return false;
  int previous = -1;  // no script yet
  for (std::size_t i = 0; i < piece.size(); ++i) {
    const char32_t c = piece[i];
    if (c == UnigramCorpus::kRareCharacter || c == UnigramCorpus::kWordEnd) return false;
    if (c == 0x2581) {
      if (i > 0) return false;
      continue;
    }
    int script = unigram_scripts::script(c);
    if (script == unigram_scripts::kInherited) script = previous;
    if (script != -1 && previous != -1 && script != previous) return false;
    previous = script;
  }
  return true;
}

struct ReferenceSeed {
  std::string text;
  std::uint64_t frequency;
  std::uint64_t score;
};

// Every substring of 2+ characters seen twice whose occurrences continue in two
// ways (the end of a word continuing differently from every other occurrence).
inline std::vector<ReferenceSeed> reference_seeds(const UnigramCorpus& corpus, std::size_t max_chars,
                                                  const std::set<std::string>& excluded = {}) {
  struct Seen {
    std::uint64_t frequency = 0;
    std::uint64_t ends = 0;            // occurrences that end their word
    std::set<char32_t> next;           // characters that follow the others
  };
  std::map<std::vector<char32_t>, Seen> seen;
  for (std::size_t word = 0; word < corpus.word_count(); ++word) {
    const std::vector<char32_t> text(corpus.symbols.begin() + corpus.word_begin(word),
                                     corpus.symbols.begin() + corpus.word_end(word));
    for (std::size_t start = 0; start < text.size(); ++start) {
      for (std::size_t length = 2; length <= max_chars && start + length <= text.size(); ++length) {
        Seen& entry = seen[std::vector<char32_t>(text.begin() + start, text.begin() + start + length)];
        entry.frequency += corpus.frequency[word];
        if (start + length == text.size()) {
          entry.ends += corpus.frequency[word];
        } else {
          entry.next.insert(text[start + length]);
        }
      }
    }
  }
  std::vector<ReferenceSeed> seeds;
  for (const auto& [text, entry] : seen) {
    const bool right_maximal = entry.next.size() >= 2 || (entry.ends >= 1 && entry.frequency >= 2);
    if (!right_maximal || !valid_piece(text, max_chars) || excluded.contains(spelled(text))) continue;
    seeds.push_back({spelled(text), entry.frequency, entry.frequency * text.size()});
  }
  std::sort(seeds.begin(), seeds.end(), [](const ReferenceSeed& a, const ReferenceSeed& b) {
    return a.score != b.score ? a.score > b.score : a.text < b.text;
  });
  return seeds;
}

struct Segmentation {
  std::vector<UnigramLattice::Edge> pieces;  // in order; piece kUnknown for <unk>
  std::vector<std::uint32_t> starts;
  double score = 0.0;
};

// Every segmentation of positions [0, length): the edges given, plus <unk> of
// one character where no one-character edge starts.
inline std::vector<Segmentation> reference_segmentations(std::size_t length,
                                                         const std::vector<std::vector<UnigramLattice::Edge>>& edges,
                                                         const std::vector<double>& scores, double unknown_score) {
  std::vector<Segmentation> all;
  Segmentation current;
  std::function<void(std::size_t)> extend = [&](std::size_t at) {
    if (at == length) {
      all.push_back(current);
      return;
    }
    std::vector<UnigramLattice::Edge> here = at < edges.size() ? edges[at] : std::vector<UnigramLattice::Edge>{};
    const bool single = std::any_of(here.begin(), here.end(), [](const auto& edge) { return edge.length == 1; });
    if (!single) here.push_back({UnigramLattice::kUnknown, 1});
    for (const UnigramLattice::Edge& edge : here) {
      if (at + edge.length > length) continue;
      const double score = edge.piece == UnigramLattice::kUnknown ? unknown_score : scores[edge.piece];
      current.pieces.push_back(edge);
      current.starts.push_back(static_cast<std::uint32_t>(at));
      current.score += score;
      extend(at + edge.length);
      current.score -= score;
      current.pieces.pop_back();
      current.starts.pop_back();
    }
  };
  extend(0);
  // Scores summed left to right, as Viterbi sums them.
  for (Segmentation& segmentation : all) {
    segmentation.score = 0.0;
    for (const auto& piece : segmentation.pieces) {
      segmentation.score += piece.piece == UnigramLattice::kUnknown ? unknown_score : scores[piece.piece];
    }
  }
  return all;
}

// Viterbi's choice among the best: the last piece starting first, then the
// same rule for the rest (reversed starts, compared in order).
inline const Segmentation& reference_best(const std::vector<Segmentation>& all) {
  const Segmentation* best = &all.front();
  for (const Segmentation& candidate : all) {
    if (candidate.score > best->score) {
      best = &candidate;
    } else if (candidate.score == best->score) {
      const std::vector<std::uint32_t> a(candidate.starts.rbegin(), candidate.starts.rend());
      const std::vector<std::uint32_t> b(best->starts.rbegin(), best->starts.rend());
      if (a < b) best = &candidate;
    }
  }
  return *best;
}

// The edges of a piece list on the corpus: each piece wherever its text is.
inline std::vector<std::vector<UnigramLattice::Edge>> matched_edges(const UnigramCorpus& corpus,
                                                                    const std::vector<std::string>& pieces) {
  std::vector<std::vector<UnigramLattice::Edge>> edges(corpus.symbols.size());
  for (std::uint32_t id = 0; id < pieces.size(); ++id) {
    const std::vector<char32_t> text = codepoints(pieces[id]);
    for (std::size_t p = 0; p + text.size() <= corpus.symbols.size(); ++p) {
      if (std::equal(text.begin(), text.end(), corpus.symbols.begin() + static_cast<std::ptrdiff_t>(p))) {
        edges[p].push_back({id, static_cast<std::uint32_t>(text.size())});
      }
    }
  }
  return edges;
}

// Random words from a small alphabet: Latin, a digit, punctuation, Cyrillic, a
// combining accent, kana, a CJK ideograph; some repeated, as real text repeats.
inline std::vector<UnigramWord> random_words(std::mt19937& rng, std::size_t count, std::size_t max_length) {
  static const std::vector<std::string> kAlphabet = {"a", "b", "a", "b", "c", "1", ".", "\xD0\xB4",
                                                     "\xCC\x81", "\xE3\x81\x8B", "\xE6\x97\xA5", "a"};
  std::uniform_int_distribution<std::size_t> letter(0, kAlphabet.size() - 1);
  std::uniform_int_distribution<std::size_t> length(1, max_length);
  std::uniform_int_distribution<std::uint64_t> frequency(1, 5);
  std::map<std::string, std::uint64_t> words;
  for (std::size_t i = 0; i < count; ++i) {
    std::string word = "\xE2\x96\x81";
    const std::size_t size = length(rng);
    for (std::size_t j = 0; j < size; ++j) word += kAlphabet[letter(rng)];
    words[word] += frequency(rng);
  }
  std::vector<UnigramWord> out;
  for (const auto& [text, count_of] : words) out.push_back({text, count_of});
  std::sort(out.begin(), out.end(), [](const UnigramWord& a, const UnigramWord& b) {
    return a.count != b.count ? a.count > b.count : a.text < b.text;
  });
  return out;
}

}  // namespace tokenlab::unigram_reference
