#include "tokenizer/hf/tokenizer_json_components.h"

#include "tokenizer/hf/bert_normalizer.h"
#include "tokenizer/hf/precompiled_normalizer.h"
#include "tokenizer/errors.h"
#include "tokenizer/unicode/utf8.h"

namespace tokenlab::tokenizer_json {

namespace {

constexpr const char* kSupportedNormalizers =
    "BertNormalizer, Lowercase, NFC, NFD, NFKC, NFKD, Precompiled, Prepend, Replace, Strip, StripAccents, "
    "Sequence";
constexpr const char* kSupportedPreTokenizers =
    "BertPreTokenizer, ByteLevel, CharDelimiterSplit, Digits, Metaspace, Punctuation, Split (Regex or String, "
    "every behavior, invert), Whitespace, WhitespaceSplit, and Sequences of them";
constexpr const char* kSupportedPostProcessors =
    "TemplateProcessing, BertProcessing, RobertaProcessing, ByteLevel, Sequence";
constexpr const char* kSupportedDecoders =
    "ByteLevel, WordPiece, Metaspace, Sequence of Replace, ByteFallback, Fuse and Strip";

std::string type_of(const Json& config, const char* component) {
  if (!config.is_object()) throw VocabError(std::string("tokenizer.json: ") + component + " is not an object");
  const auto type = config.find("type");
  if (type == config.end() || !type->is_string()) {
    throw VocabError(std::string("tokenizer.json: ") + component + " has no \"type\"");
  }
  return type->get<std::string>();
}

[[noreturn]] void unsupported(const char* component, const std::string& what, const char* supported) {
  throw UsageError(std::string("tokenizer.json: ") + component + " " + what + " is not supported; supported: " +
                   supported);
}

// {"String": " "} -> " "; a decoder's Replace with a Regex pattern is not supported.
std::string string_pattern(const Json& config, const char* component) {
  const Json& pattern = config.at("pattern");
  if (pattern.contains("String")) return pattern.at("String").get<std::string>();
  unsupported(component, "\"Replace\" with a Regex pattern", kSupportedDecoders);
}

HfPreTokenizer::Prepend prepend_scheme(const Json& config) {
  if (const auto scheme = config.find("prepend_scheme"); scheme != config.end() && scheme->is_string()) {
    const std::string value = scheme->get<std::string>();
    if (value == "always") return HfPreTokenizer::Prepend::kAlways;
    if (value == "first") return HfPreTokenizer::Prepend::kFirst;
    if (value == "never") return HfPreTokenizer::Prepend::kNever;
    unsupported("pre_tokenizer", "Metaspace prepend_scheme \"" + value + "\"", "always, first, never");
  }
  // Files older than prepend_scheme say add_prefix_space.
  return field_or(config, "add_prefix_space", true) ? HfPreTokenizer::Prepend::kAlways
                                                    : HfPreTokenizer::Prepend::kNever;
}

// Metaspace's replacement: one character (a Rust char).
std::string metaspace_replacement(const Json& config) {
  const std::string replacement = field_or<std::string>(config, "replacement", "\u2581");
  if (replacement.empty() || utf8::decode(replacement, 0).length != replacement.size()) {
    throw VocabError("tokenizer.json: Metaspace replacement \"" + replacement + "\" is not one character");
  }
  return replacement;
}

}  // namespace

std::unique_ptr<Normalizer> parse_normalizer(const Json& config) {
  if (config.is_null()) return nullptr;
  const std::string type = type_of(config, "normalizer");
  if (type == "Sequence") {
    std::vector<std::unique_ptr<Normalizer>> steps;
    for (const Json& step : config.at("normalizers")) {
      if (auto normalizer = parse_normalizer(step)) steps.push_back(std::move(normalizer));
    }
    if (steps.size() == 1) return std::move(steps[0]);
    return std::make_unique<SequenceNormalizer>(std::move(steps));
  }
  if (type == "Prepend") return std::make_unique<PrependNormalizer>(config.at("prepend").get<std::string>());
  if (type == "Replace") {
    std::string content = field_or<std::string>(config, "content", "");
    if (const Json& pattern = config.at("pattern"); pattern.contains("Regex")) {
      return std::make_unique<RegexReplaceNormalizer>(
          std::make_shared<const Regex>(pattern.at("Regex").get<std::string>()), std::move(content));
    }
    return std::make_unique<ReplaceNormalizer>(string_pattern(config, "normalizer"), std::move(content));
  }
  if (type == "Lowercase") return std::make_unique<LowercaseNormalizer>();
  if (type == "NFC") return std::make_unique<UnicodeFormNormalizer>(NormalizationForm::kNfc);
  if (type == "NFD") return std::make_unique<UnicodeFormNormalizer>(NormalizationForm::kNfd);
  if (type == "NFKC") return std::make_unique<UnicodeFormNormalizer>(NormalizationForm::kNfkc);
  if (type == "NFKD") return std::make_unique<UnicodeFormNormalizer>(NormalizationForm::kNfkd);
  if (type == "Strip") {
    return std::make_unique<StripNormalizer>(field_or(config, "strip_left", true),
                                             field_or(config, "strip_right", true));
  }
  if (type == "StripAccents") return std::make_unique<StripAccentsNormalizer>();
  if (type == "BertNormalizer") {
    BertNormalizerOptions options;
    options.clean_text = field_or(config, "clean_text", true);
    options.handle_chinese_chars = field_or(config, "handle_chinese_chars", true);
    options.lowercase = field_or(config, "lowercase", true);
    options.strip_accents = field_or(config, "strip_accents", options.lowercase);  // null: as lowercase
    return std::make_unique<BertNormalizer>(options);
  }
  if (type == "Precompiled") {
    // Base64 of SentencePiece's charsmap; Hugging Face's library refuses "" and null alike.
    const std::string charsmap = config.at("precompiled_charsmap").get<std::string>();
    if (charsmap.empty()) throw VocabError("tokenizer.json: Precompiled normalizer with an empty precompiled_charsmap");
    return std::make_unique<PrecompiledNormalizer>(PrecompiledCharsmap::from_base64(charsmap));
  }
  unsupported("normalizer", "\"" + type + "\"", kSupportedNormalizers);
}

namespace {

SplitBehavior split_behavior(const Json& step) {
  const std::string behavior = field_or<std::string>(step, "behavior", "Isolated");
  if (behavior == "Isolated") return SplitBehavior::kIsolated;
  if (behavior == "Removed") return SplitBehavior::kRemoved;
  if (behavior == "MergedWithPrevious") return SplitBehavior::kMergedWithPrevious;
  if (behavior == "MergedWithNext") return SplitBehavior::kMergedWithNext;
  if (behavior == "Contiguous") return SplitBehavior::kContiguous;
  unsupported("pre_tokenizer", "Split behavior \"" + behavior + "\"",
              "Isolated, Removed, MergedWithPrevious, MergedWithNext, Contiguous");
}

// Split: a hand-written splitter when the regex is one of theirs (Isolated),
// else Oniguruma, or a literal string.
SplitStep split_step(const Json& step) {
  const SplitBehavior behavior = split_behavior(step);
  const bool invert = field_or(step, "invert", false);
  const Json& pattern = step.at("pattern");
  if (pattern.contains("String")) return SplitStep::literal(pattern.at("String").get<std::string>(), behavior, invert);
  if (!pattern.contains("Regex")) throw VocabError("tokenizer.json: Split pattern is neither a Regex nor a String");
  const std::string regex = pattern.at("Regex").get<std::string>();
  if (behavior == SplitBehavior::kIsolated && !invert) {
    if (const auto known = split_pattern_for_regex(regex)) return SplitStep::pattern(*known);
  }
  return SplitStep::regex(std::make_shared<const Regex>(regex), behavior, invert);
}

}  // namespace

HfPreTokenizer parse_pre_tokenizer(const Json& config) {
  if (config.is_null()) return HfPreTokenizer::none();
  std::vector<const Json*> steps;
  const std::string type = type_of(config, "pre_tokenizer");
  if (type == "Sequence") {
    for (const Json& step : config.at("pretokenizers")) steps.push_back(&step);
  } else {
    steps.push_back(&config);
  }
  HfPreTokenizer pre_tokenizer;
  for (std::size_t i = 0; i < steps.size(); ++i) {
    const Json& step = *steps[i];
    const std::string step_type = type_of(step, "pre_tokenizer");
    if (step_type == "Split") {
      pre_tokenizer.add_step(split_step(step));
    } else if (step_type == "WhitespaceSplit") {
      // Runs of non-White_Space characters; the whitespace itself is dropped.
      pre_tokenizer.add_step(SplitStep::pattern(SplitPattern::kWhitespace));
    } else if (step_type == "Whitespace") {
      // Hugging Face's \w+|[^\w\s]+, the rest (whitespace) removed.
      pre_tokenizer.add_step(
          SplitStep::regex(std::make_shared<const Regex>(R"(\w+|[^\w\s]+)"), SplitBehavior::kRemoved, true));
    } else if (step_type == "CharDelimiterSplit") {
      pre_tokenizer.add_step(
          SplitStep::literal(step.at("delimiter").get<std::string>(), SplitBehavior::kRemoved, false));
    } else if (step_type == "Digits") {
      pre_tokenizer.add_step(SplitStep::digits(field_or(step, "individual_digits", false)));
    } else if (step_type == "Punctuation") {
      pre_tokenizer.add_step(SplitStep::punctuation(split_behavior(step)));
    } else if (step_type == "BertPreTokenizer") {
      pre_tokenizer.add_step(SplitStep::bert());
    } else if (step_type == "Metaspace") {
      pre_tokenizer.add_metaspace(metaspace_replacement(step), prepend_scheme(step), field_or(step, "split", true));
    } else if (step_type == "ByteLevel") {
      // transformers.js's defaults: add_prefix_space false, use_regex true.
      const bool add_prefix_space = field_or(step, "add_prefix_space", false);
      if (add_prefix_space && i != 0) {
        unsupported("pre_tokenizer", "ByteLevel with add_prefix_space after another step", kSupportedPreTokenizers);
      }
      pre_tokenizer.set_byte_level(add_prefix_space);
      if (field_or(step, "use_regex", true)) pre_tokenizer.add_step(SplitStep::pattern(SplitPattern::kGpt2));
    } else {
      unsupported("pre_tokenizer", "\"" + step_type + "\"" + (steps.size() > 1 ? " inside a Sequence" : ""),
                  kSupportedPreTokenizers);
    }
  }
  return pre_tokenizer;
}

HfDecoder parse_decoder(const Json& config) {
  if (config.is_null()) return HfDecoder::join_with_spaces();
  const std::string type = type_of(config, "decoder");
  if (type == "ByteLevel") return HfDecoder::byte_level();
  if (type == "WordPiece") {
    return HfDecoder::word_piece(field_or<std::string>(config, "prefix", "##"), field_or(config, "cleanup", true));
  }
  if (type == "Metaspace") {
    return HfDecoder::metaspace(metaspace_replacement(config),
                                prepend_scheme(config) != HfPreTokenizer::Prepend::kNever);
  }
  if (type == "Sequence") {
    // LLaMA 2 / Mistral: Replace("▁" -> " "), ByteFallback, Fuse, Strip(" ", 1, 0).
    std::string replacement;
    std::size_t strip = 0;
    for (const Json& step : config.at("decoders")) {
      const std::string step_type = type_of(step, "decoder");
      if (step_type == "Replace" && field_or<std::string>(step, "content", "") == " ") {
        replacement = string_pattern(step, "decoder");
      } else if (step_type == "Strip" && field_or<std::string>(step, "content", "") == " " &&
                 field_or(step, "stop", 0) == 0) {
        strip = field_or<std::size_t>(step, "start", 0);
      } else if (step_type == "Metaspace") {
        replacement = field_or<std::string>(step, "replacement", "\u2581");
        strip = prepend_scheme(step) != HfPreTokenizer::Prepend::kNever ? 1 : 0;
      } else if (step_type == "ByteLevel" && config.at("decoders").size() == 1) {
        return HfDecoder::byte_level();
      } else if (step_type != "ByteFallback" && step_type != "Fuse") {
        unsupported("decoder", "\"" + step_type + "\" inside a Sequence", kSupportedDecoders);
      }
    }
    return HfDecoder::sentence_piece(replacement, strip);
  }
  unsupported("decoder", "\"" + type + "\"", kSupportedDecoders);
}

PostProcessorIds parse_post_processor(const Json& config, const std::function<TokenId(const std::string&)>& token_id) {
  PostProcessorIds ids;
  if (config.is_null()) return ids;
  const std::string type = type_of(config, "post_processor");
  auto lookup = [&](const std::string& text) {
    const TokenId id = token_id(text);
    if (id == kNoRank) throw VocabError("tokenizer.json: post_processor token \"" + text + "\" is not in the vocabulary");
    return id;
  };
  if (type == "ByteLevel") return ids;
  if (type == "Sequence") {
    for (const Json& step : config.at("processors")) {
      PostProcessorIds inner = parse_post_processor(step, token_id);
      // Each step wraps what the previous ones produced.
      ids.prefix.insert(ids.prefix.begin(), inner.prefix.begin(), inner.prefix.end());
      ids.suffix.insert(ids.suffix.end(), inner.suffix.begin(), inner.suffix.end());
    }
    return ids;
  }
  if (type == "BertProcessing" || type == "RobertaProcessing") {
    // "cls": ["[CLS]", 101], "sep": ["[SEP]", 102]
    ids.prefix.push_back(config.at("cls").at(1).get<TokenId>());
    ids.suffix.push_back(config.at("sep").at(1).get<TokenId>());
    return ids;
  }
  if (type == "TemplateProcessing") {
    const Json& special_tokens = config.contains("special_tokens") ? config.at("special_tokens") : Json::object();
    bool after_sequence = false;
    for (const Json& item : config.at("single")) {
      if (item.contains("Sequence")) {
        after_sequence = true;
        continue;
      }
      const std::string name = item.at("SpecialToken").at("id").get<std::string>();
      std::vector<TokenId> item_ids;
      if (const auto entry = special_tokens.find(name); entry != special_tokens.end()) {
        for (const Json& id : entry->at("ids")) item_ids.push_back(id.get<TokenId>());
      } else {
        item_ids.push_back(lookup(name));
      }
      auto& target = after_sequence ? ids.suffix : ids.prefix;
      target.insert(target.end(), item_ids.begin(), item_ids.end());
    }
    return ids;
  }
  unsupported("post_processor", "\"" + type + "\"", kSupportedPostProcessors);
}

}  // namespace tokenlab::tokenizer_json
