#include "cli/encoder_set.h"

#include <algorithm>

#include "cli/load_tokenizer.h"
#include "cli/parallel_tasks.h"
#include "tokenizer/bpe/byte_level_bpe.h"

namespace tokenlab::cli {

ChunkRule chunk_rule_for(const Tokenizer& tokenizer, const EncodeOptions& options) {
  ChunkRule rule;
  const auto* byte_level = dynamic_cast<const ByteLevelBpeTokenizer*>(&tokenizer);
  if (byte_level == nullptr) return rule;
  switch (byte_level->pattern()) {
    case SplitPattern::kGpt2:
    case SplitPattern::kCl100k:
    case SplitPattern::kQwen2:
    case SplitPattern::kO200k:
      rule.cut = true;
      break;
    default:
      return rule;
  }
  if (options.allow_special) {
    for (std::size_t id = 0; id < tokenizer.vocab_size(); ++id) {
      if (tokenizer.is_special(static_cast<TokenId>(id))) rule.specials.emplace_back(tokenizer.token_bytes(static_cast<TokenId>(id)));
    }
  }
  return rule;
}

EncoderSet load_encoder_set(const ParsedArgs& args, const EncodeOptions& options, std::size_t threads, bool json_lines) {
  EncoderSet set;
  set.tokenizers.push_back(load_tokenizer(args));
  set.rule = chunk_rule_for(*set.tokenizers[0], options);
  const std::size_t wanted = (json_lines || set.rule.cut) ? std::max<std::size_t>(threads, 1) : 1;
  set.tokenizers.resize(wanted);
  run_tasks(wanted - 1, wanted - 1, [&](std::size_t task, std::size_t) { set.tokenizers[task + 1] = load_tokenizer(args); });
  return set;
}

}  // namespace tokenlab::cli
