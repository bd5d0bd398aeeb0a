// Pre-tokenizers: split text into pieces before BPE, exactly as the regular
// expressions of the reference tokenizers do, but hand-written (std::regex
// cannot express \p{L} or the lookahead, and a regex engine is far slower).
//
//   kGpt2 on "Hello world's  end" -> "Hello", " world", "'s", " ", " end"
//
// Pieces are returned as byte spans into the input; they cover it exactly, in
// order. Malformed UTF-8 bytes are treated as one codepoint each that is
// neither letter, number nor whitespace (so they group like punctuation).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace tokenlab {

enum class SplitPattern {
  kGpt2,       // r50k_base, p50k_base (and GPT-2's encoder.json)
  kCl100k,     // cl100k_base; LLaMA 3 uses the same expression
  kQwen2,      // Qwen 2, 2.5 and 3: cl100k's expression with single digits (\p{N}, not \p{N}{1,3})
  kO200k,      // o200k_base
  // DeepSeek V3's three Splits, in turn: runs of up to three digits; runs of
  // CJK ideographs and kana; then words, punctuation and whitespace. Unlike the
  // others these leave text that no alternative matches between pieces, as a
  // piece of its own (Hugging Face's Split keeps it).
  kDeepSeekDigits,  // \p{N}{1,3}
  kDeepSeekCjk,     // [一-龥぀-ゟ゠-ヿ]+
  kDeepSeekWords,   // [!"#...~][A-Za-z]+|[^\r\n\p{L}\p{P}\p{S}]?[\p{L}\p{M}]+| ?[\p{P}\p{S}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+
  kWhitespace, // runs of non-whitespace; whitespace is dropped
  kNone,       // the whole text is one piece
};

struct ByteSpan {
  std::uint32_t begin;
  std::uint32_t end;
};

// Appends the pieces of text to pieces (which is not cleared).
void pre_tokenize(SplitPattern pattern, std::string_view text, std::vector<ByteSpan>& pieces);

// Parses a pattern name: "gpt2", "r50k", "p50k", "cl100k", "llama3", "o200k",
// "whitespace", "none" (and their *_base spellings); also accepts the literal
// regular expressions of the supported tokenizers. Throws UsageError listing
// the supported patterns otherwise.
SplitPattern split_pattern_from_name(std::string_view name_or_regex);

// The pattern whose literal regular expression this is, if a hand-written
// splitter implements it (the tokenizer.json reader's fast path).
std::optional<SplitPattern> split_pattern_for_regex(std::string_view regex);

// The regular expression a hand-written splitter implements, as tiktoken and
// Hugging Face write it (for GPT-2, the spelling of GPT-2's encoder.py, which
// Hugging Face's ByteLevel uses); empty for kWhitespace and kNone.
std::string_view split_pattern_regex(SplitPattern pattern);

// The canonical short name ("gpt2", "cl100k", "o200k", "whitespace", "none").
std::string_view split_pattern_name(SplitPattern pattern);

}  // namespace tokenlab
