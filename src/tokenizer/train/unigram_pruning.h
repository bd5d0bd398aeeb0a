// Pruning a Unigram vocabulary, as sentencepiece's trainer does: each piece's
// loss is how much the corpus log-likelihood would fall if the piece were gone
// and every occurrence of it in the best segmentations were split its second
// best way instead; the pieces with the smallest losses go, until
// shrinking_factor × the pieces (but never fewer than target) are left.
//
//   "▁the" seen 900 times in the best splits, second best "▁th"+"e": removing
//   it costs 900/N × (log p(▁the) - log p(▁th) - log p(e)), with the counts of
//   ▁th and e raised by 900 and the total by 900 (one piece becomes two).
//
// Rules, in order:
//  - a piece of one character is always kept (it has no other split);
//  - a piece whose own best split is not itself (a split scores strictly
//    higher) goes, and so does a piece no best segmentation uses;
//  - the rest are kept by loss, largest first.
// Tie-break: equal losses -> the piece whose text is smaller (bytes) is kept first.
// <unk> in a second-best split counts as a piece never used.
#pragma once

#include <atomic>
#include <cstdint>
#include <vector>

#include "tokenizer/train/unigram_corpus.h"
#include "tokenizer/train/unigram_lattice.h"
#include "tokenizer/train/unigram_piece_table.h"

namespace tokenlab {

struct UnigramPruning {
  std::vector<std::uint32_t> kept;  // piece ids, ascending
  std::uint64_t tokens = 0;         // in the best segmentations of the text before pruning
};

// Throws Cancelled when *cancel becomes true.
UnigramPruning prune_pieces(const UnigramLattice& lattice, const UnigramCorpus& corpus,
                            const UnigramPieceTable& pieces, std::size_t target, double shrinking_factor,
                            const std::atomic<bool>* cancel = nullptr);

}  // namespace tokenlab
