// Loads a Hugging Face tokenizer.json from its bytes into an HfTokenizer.
//
//   auto llama3 = load_tokenizer_json("llama3", bytes of tokenizer.json);
//   llama3->encode("Hello world") -> [128000, 9906, 1917]
//
// Supported components (anything else is a UsageError naming the component and
// listing these):
//   model           BPE (byte-level or with byte_fallback; ignore_merges; merges as
//                   "a b" or ["a", "b"]), WordPiece
//   normalizer      BertNormalizer, Lowercase, NFC, NFD, NFKC, NFKD, Prepend, Replace
//                   (String pattern), Strip, StripAccents, Sequence of these
//   pre_tokenizer   BertPreTokenizer, ByteLevel, Metaspace, Split (Isolated, with the
//                   GPT-2, cl100k/LLaMA 3 or o200k expression), Sequence of Split and ByteLevel
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
