// The encoders of one encode/count run: one tokenizer per thread, and the rule
// for cutting its input into chunks.
//
//   --threads 2 --tokenizer cl100k_base -> two cl100k tokenizers, chunks cut at safe points
//   --tokenizer-file llama2.json        -> one tokenizer, the input one chunk
//
// Why one tokenizer per thread, not one shared: Tokenizer::encode is not const.
// The byte-level BPE keeps a piece cache, a memo of merge pairs and scratch
// vectors that every call writes, so two threads may not use one. Its
// vocabulary (the rank table) is never written after loading, but it lives
// inside the tokenizer with no way to share it, so each thread's tokenizer
// loads its own copy, the loads running side by side on the threads that will
// use them.
//
// Chunks are cut only for the tokenizers whose cuts are proven safe: the
// tiktoken encodings' byte-level BPE with their split patterns (chunk_cut.h).
// tokenizer.json and SentencePiece models normalize, prepend a word marker to
// the text's start or add tokens around it, so their input stays whole.
#pragma once

#include <cstddef>
#include <memory>
#include <vector>

#include "cli/args.h"
#include "cli/chunk_reader.h"
#include "tokenizer/tokenizer.h"

namespace tokenlab::cli {

struct EncoderSet {
  std::vector<std::unique_ptr<Tokenizer>> tokenizers;  // at least one
  ChunkRule rule;
};

// The rule for one tokenizer: cut, and the special tokens' texts a cut must
// avoid when options.allow_special matches them.
ChunkRule chunk_rule_for(const Tokenizer& tokenizer, const EncodeOptions& options);

// Loads `threads` tokenizers (fewer when the input cannot be split: one for a
// single text that cannot be cut). Throws as load_tokenizer does.
EncoderSet load_encoder_set(const ParsedArgs& args, const EncodeOptions& options, std::size_t threads, bool json_lines);

}  // namespace tokenlab::cli
