// Finds and loads the tokenizer a command asks for:
//   --tokenizer NAME        an OpenAI encoding (r50k_base, p50k_base, cl100k_base, o200k_base)
//                           or a Hugging Face model (llama2, llama3, mistral, bert-base-uncased),
//                           read from the vocabulary directory (--vocab-dir, else
//                           $TOKENLAB_VOCAB_DIR, else the folder the build fills)
//   --tokenizer-file FILE   any tokenizer.json, a SentencePiece .model file, or a tiktoken
//                           rank file (its split pattern from its name, e.g.
//                           cl100k_base.tiktoken, or from --pattern NAME); --tokenizer
//                           takes such a FILE too when it is a path or ends in .model, .json
//                           or .tiktoken
#pragma once

#include <memory>
#include <string>

#include "cli/args.h"
#include "tokenizer/tokenizer.h"

namespace tokenlab::cli {

// The value options load_tokenizer reads, to merge into a command's ArgSpec.
void add_tokenizer_options(ArgSpec& spec);

// Throws UsageError (unknown name, missing option) or VocabError (bad file).
std::unique_ptr<Tokenizer> load_tokenizer(const ParsedArgs& args);

std::string vocab_dir(const ParsedArgs& args);

}  // namespace tokenlab::cli
