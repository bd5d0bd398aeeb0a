// Loads a Hugging Face tokenizer.json from its bytes into an HfTokenizer.
//
//   auto llama3 = load_tokenizer_json("llama3", bytes of tokenizer.json);
//   llama3->encode("Hello world") -> [128000, 9906, 1917]
//
// Supported components (anything else is a UsageError naming the component and
// listing these):
//   model           BPE (byte-level or with byte_fallback; ignore_merges; merges as
//                   "a b" or ["a", "b"]), WordPiece, Unigram (vocab [[piece, score], ...],
//                   unk_id, byte_fallback; exactly as the Rust library, unigram_model.h)
//   normalizer      BertNormalizer, Lowercase, NFC, NFD, NFKC, NFKD, Precompiled, Prepend,
//                   Replace (String or Regex pattern), Strip, StripAccents, Sequence of these
//   pre_tokenizer   BertPreTokenizer, ByteLevel, CharDelimiterSplit, Digits, Metaspace,
//                   Punctuation, Split, Whitespace, WhitespaceSplit, and Sequences of them
//                   (T5's WhitespaceSplit + Metaspace)
//   post_processor  TemplateProcessing, BertProcessing, RobertaProcessing, ByteLevel, Sequence
//   decoder         ByteLevel, WordPiece, Metaspace, Sequence of Replace/ByteFallback/Fuse/Strip
// Malformed input (not JSON, truncated, a merge of unknown tokens) is a
// VocabError saying what failed where.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "tokenizer/hf/tokenizer.h"

namespace tokenlab {

std::unique_ptr<HfTokenizer> load_tokenizer_json(std::string name, std::string_view json_bytes);

}  // namespace tokenlab
