// Finds and loads the tokenizer a command asks for: --tokenizer NAME from the
// vocabulary directory (--vocab-dir, else $TOKENLAB_VOCAB_DIR, else the folder
// the build fills).
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
