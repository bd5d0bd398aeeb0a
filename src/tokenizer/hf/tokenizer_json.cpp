#include "tokenizer/hf/tokenizer_json.h"

#include <algorithm>
#include <limits>

#include "tokenizer/bpe/byte_level.h"
#include "tokenizer/errors.h"
#include "tokenizer/hf/bpe.h"
#include "tokenizer/hf/tokenizer_json_components.h"
#include "tokenizer/hf/tokenizer_json_float.h"
#include "tokenizer/unigram/unigram_model.h"
#include "tokenizer/unicode/utf8.h"
#include "tokenizer/hf/wordpiece.h"

namespace tokenlab {

namespace {

using tokenizer_json::field_or;
using tokenizer_json::Json;

constexpr const char* kSupportedModels = "BPE, WordPiece, Unigram";

// Ids number a file's entries, each at least 6 bytes of JSON ("\"a\":0,"), so
// an id above the file's size is no real file's; the tables indexed by id
// would otherwise be sized for it (8 GB for one entry with id 2^30).
void check_id(std::uint64_t id, std::size_t file_size, const std::string& what) {
  if (id > file_size || id >= kNoRank / 2) {
    throw VocabError("tokenizer.json: " + what + " id " + std::to_string(id) + " is above the file's size (" +
                     std::to_string(file_size) + " bytes): ids number its entries");
  }
}

std::string shorten(std::string_view text) {
  constexpr std::size_t kShown = 40;
  return text.size() <= kShown ? std::string(text) : std::string(text.substr(0, kShown)) + "...";
}

// model.vocab and model.merges, captured while parsing instead of becoming
// JSON values: for LLaMA 3 that is 128,000 object members and 280,147 merges,
// and a std::map per object member would triple the load time.
struct CapturedModel {
  struct VocabEntry {
    std::uint32_t offset;  // into vocab_text
    std::uint32_t length;
    std::uint64_t id;      // kBadId when the value was not an unsigned integer
  };
  struct MergeEntry {
    std::uint32_t offset;  // into merge_text: left then right
    std::uint32_t left_length;
    std::uint32_t right_length;
    bool well_formed;
  };
  // A Unigram entry [piece, score]; well_formed is false for anything else.
  struct ScoredEntry {
    std::uint32_t offset;  // into vocab_text
    std::uint32_t length;
    double score;
    bool well_formed;
  };
  static constexpr std::uint64_t kBadId = ~std::uint64_t{0};

  std::size_t file_size = 0;
  bool vocab_is_object = false;
  std::string vocab_text;
  std::vector<VocabEntry> vocab;
  std::vector<ScoredEntry> scored;  // model.vocab when it is an array (Unigram)
  std::string merge_text;
  std::vector<MergeEntry> merges;

  std::string_view token(const VocabEntry& entry) const {
    return std::string_view(vocab_text).substr(entry.offset, entry.length);
  }
  std::pair<std::string_view, std::string_view> parts(const MergeEntry& entry) const {
    const std::string_view text(merge_text);
    return {text.substr(entry.offset, entry.left_length),
            text.substr(entry.offset + entry.left_length, entry.right_length)};
  }

  // score_text: how the score was written, when it was not an integer.
  void add_scored(const Json& entry, const std::string& score_text) {
    ScoredEntry scored_entry{static_cast<std::uint32_t>(vocab_text.size()), 0, 0.0, false};
    if (entry.is_array() && entry.size() == 2 && entry[0].is_string() && entry[1].is_number()) {
      const std::string& piece = entry[0].get_ref<const std::string&>();
      // As the Rust library reads it (tokenizer_json_float.h); out of range for it: not finite.
      const double score = entry[1].is_number_float() && !score_text.empty()
                               ? tokenizer_json::serde_json_f64(score_text).value_or(kOutOfRange)
                               : entry[1].get<double>();
      scored_entry = {scored_entry.offset, static_cast<std::uint32_t>(piece.size()), score, true};
      vocab_text.append(piece);
    }
    scored.push_back(scored_entry);
  }
  static constexpr double kOutOfRange = std::numeric_limits<double>::infinity();
  std::string_view piece(const ScoredEntry& entry) const {
    return std::string_view(vocab_text).substr(entry.offset, entry.length);
  }

  void add_vocab(const std::string& token, const Json& id) {
    vocab.push_back({static_cast<std::uint32_t>(vocab_text.size()), static_cast<std::uint32_t>(token.size()),
                     id.is_number_unsigned() ? id.get<std::uint64_t>() : kBadId});
    vocab_text.append(token);
  }
  // "a b" or ["a", "b"]
  void add_merge(const Json& merge) {
    MergeEntry entry{static_cast<std::uint32_t>(merge_text.size()), 0, 0, false};
    if (merge.is_string()) {
      const std::string& text = merge.get_ref<const std::string&>();
      const std::size_t space = text.find(' ');
      if (space != std::string::npos && text.find(' ', space + 1) == std::string::npos) {
        entry = {entry.offset, static_cast<std::uint32_t>(space), static_cast<std::uint32_t>(text.size() - space - 1),
                 true};
        merge_text.append(text, 0, space);
        merge_text.append(text, space + 1);
      } else {
        merge_text.append(text);  // kept for the error message
        entry.left_length = static_cast<std::uint32_t>(text.size());
      }
    } else if (merge.is_array() && merge.size() == 2 && merge[0].is_string() && merge[1].is_string()) {
      const std::string& left = merge[0].get_ref<const std::string&>();
      const std::string& right = merge[1].get_ref<const std::string&>();
      entry = {entry.offset, static_cast<std::uint32_t>(left.size()), static_cast<std::uint32_t>(right.size()), true};
      merge_text.append(left);
      merge_text.append(right);
    }
    merges.push_back(entry);
  }
};

// nlohmann's parser with a callback (what Json::parse runs), keeping the text of
// the last floating-point number read, which the callback passes on.
class RecordingParser : public nlohmann::detail::json_sax_dom_callback_parser<Json> {
 public:
  using Base = nlohmann::detail::json_sax_dom_callback_parser<Json>;
  RecordingParser(Json& root, Json::parser_callback_t callback, std::string& last_float_text)
      : Base(root, std::move(callback)), last_float_text_(last_float_text) {}

  bool number_integer(Json::number_integer_t value) {
    last_float_text_.clear();
    return Base::number_integer(value);
  }
  bool number_unsigned(Json::number_unsigned_t value) {
    last_float_text_.clear();
    return Base::number_unsigned(value);
  }
  bool number_float(Json::number_float_t value, const std::string& text) {
    last_float_text_ = text;
    return Base::number_float(value, text);
  }

 private:
  std::string& last_float_text_;
};

// Parses the document, leaving model.vocab (an object, or Unigram's array of
// [piece, score]) and model.merges out of the tree and in captured.
Json parse_document(std::string_view bytes, CapturedModel& captured) {
  // Where the parser is: inside "model" (depth 1 key), then inside its "vocab"
  // or "merges" (depth 2 key); vocab_key is the member being read (depth 3).
  enum class Section { kOther, kVocab, kMerges };
  bool in_model = false;
  Section section = Section::kOther;
  bool vocab_is_array = false;
  std::string vocab_key;
  std::string last_float_text;
  captured.file_size = bytes.size();
  auto capture = [&](int depth, Json::parse_event_t event, Json& parsed) {
    if (event == Json::parse_event_t::key) {
      const std::string& key = parsed.get_ref<const std::string&>();
      if (depth == 1) in_model = key == "model";
      if (depth == 2 && in_model) section = key == "vocab" ? Section::kVocab : key == "merges" ? Section::kMerges : Section::kOther;
      if (depth == 3 && in_model && section == Section::kVocab) {
        vocab_key = key;
        return false;  // a member whose key is refused stays out of the object's map
      }
      return true;
    }
    if (depth == 2 && in_model && section == Section::kVocab && event == Json::parse_event_t::array_start) {
      vocab_is_array = true;
    }
    if (depth != 3 || !in_model) return true;
    if (section == Section::kVocab && vocab_is_array) {
      // Each element once complete: [piece, score] ends (array_end), anything
      // else is a value or an object that ends here.
      if (event == Json::parse_event_t::value || event == Json::parse_event_t::array_end ||
          event == Json::parse_event_t::object_end) {
        captured.add_scored(parsed, last_float_text);
        return false;
      }
      return true;
    }
    if (section == Section::kVocab && event == Json::parse_event_t::value) {
      captured.vocab_is_object = true;
      captured.add_vocab(vocab_key, parsed);
      return false;
    }
    if (section == Section::kMerges && (event == Json::parse_event_t::value || event == Json::parse_event_t::array_end)) {
      captured.add_merge(parsed);
      return false;
    }
    return true;
  };
  try {
    Json document;
    RecordingParser parser(document, capture, last_float_text);
    Json::sax_parse(bytes.begin(), bytes.end(), &parser);
    if (document.is_discarded()) document = nullptr;  // as Json::parse leaves a discarded root
    return document;
  } catch (const Json::exception& error) {
    // parse_error, or out_of_range for a number beyond a double ("1e400").
    throw VocabError("tokenizer.json: not valid JSON (" + std::string(error.what()) + ")");
  }
}

// The raw bytes of a byte-level string into out (cleared first); false when a
// character is outside the byte alphabet.
bool raw_bytes(std::string_view text, std::string& out) {
  out.clear();
  for (std::size_t pos = 0; pos < text.size();) {
    const utf8::Decoded unit = utf8::decode(text, pos);
    const auto byte = byte_level::from_codepoint(unit.codepoint);
    if (!byte) return false;
    out.push_back(static_cast<char>(*byte));
    pos += unit.length;
  }
  return true;
}

// The vocabulary keyed by the token's bytes (byte-level: the GPT-2
// characters turned back into raw bytes).
RankTable build_vocab(const Json& model, const CapturedModel& captured, bool byte_level) {
  if (!captured.vocab_is_object && !(model.contains("vocab") && model.at("vocab").is_object())) {
    throw VocabError("tokenizer.json: model.vocab is not an object of token -> id");
  }
  RankTable table;
  std::string bytes;
  for (const auto& entry : captured.vocab) {
    const std::string_view text = captured.token(entry);
    if (entry.id == CapturedModel::kBadId) {
      throw VocabError("tokenizer.json: model.vocab entry \"" + shorten(text) + "\" has no valid id");
    }
    check_id(entry.id, captured.file_size, "model.vocab");
    // An entry outside the byte alphabet can never come out of byte-level input: leave it out.
    if (byte_level && !raw_bytes(text, bytes)) continue;
    if (!byte_level) bytes.assign(text);
    if (!table.add(bytes, static_cast<Rank>(entry.id))) {
      throw VocabError("tokenizer.json: model.vocab entry \"" + shorten(text) + "\" (id " +
                       std::to_string(entry.id) + ") repeats a token or an id");
    }
  }
  return table;
}

MergeTable build_merges(const Json& model, const CapturedModel& captured, const RankTable& vocab, bool byte_level) {
  if (captured.merges.empty() && !(model.contains("merges") && model.at("merges").is_array())) {
    throw VocabError("tokenizer.json: model.merges is missing or not an array");
  }
  MergeTable table;
  table.reserve(captured.merges.size());
  std::string left, right, merged;
  for (std::size_t index = 0; index < captured.merges.size(); ++index) {
    const auto& entry = captured.merges[index];
    const auto [left_text, right_text] = captured.parts(entry);
    if (!entry.well_formed) {
      throw VocabError("tokenizer.json: merge " + std::to_string(index) + " \"" + shorten(left_text) +
                       "\" is neither \"a b\" (one space) nor [\"a\", \"b\"]");
    }
    if (byte_level) {
      if (!raw_bytes(left_text, left) || !raw_bytes(right_text, right)) {
        throw VocabError("tokenizer.json: merge " + std::to_string(index) + " has a character outside the byte alphabet");
      }
    } else {
      left.assign(left_text);
      right.assign(right_text);
    }
    merged.assign(left).append(right);
    const TokenId left_id = vocab.find(left);
    const TokenId right_id = vocab.find(right);
    const TokenId result = vocab.find(merged);
    if (left_id == kNoRank || right_id == kNoRank || result == kNoRank) {
      const std::string& missing = left_id == kNoRank ? left : right_id == kNoRank ? right : merged;
      throw VocabError("tokenizer.json: merge " + std::to_string(index) + ": \"" + shorten(missing) +
                       "\" is not in the vocabulary");
    }
    table.add(left_id, right_id, static_cast<Rank>(index), result);
  }
  return table;
}

TokenId unknown_id(const Json& model, const RankTable& vocab, const char* fallback) {
  const std::string unk = field_or<std::string>(model, "unk_token", fallback);
  if (unk.empty()) return kNoRank;
  const TokenId id = vocab.find(unk);
  if (id == kNoRank) throw VocabError("tokenizer.json: unk_token \"" + shorten(unk) + "\" is not in the vocabulary");
  return id;
}

// Unigram: "vocab": [[piece, score], ...], "unk_id", "byte_fallback"
// (tokenizers/src/models/unigram/serialization.rs).
std::unique_ptr<TokenModel> parse_unigram(const Json& model, const CapturedModel& captured, bool byte_level) {
  if (byte_level) throw UsageError("tokenizer.json: a Unigram model after a ByteLevel pre-tokenizer is not supported");
  if (!model.contains("vocab") || !model.at("vocab").is_array()) {
    throw VocabError("tokenizer.json: model.vocab of a Unigram model is not an array of [piece, score]");
  }
  std::vector<UnigramPiece> pieces;
  pieces.reserve(captured.scored.size());
  for (std::size_t index = 0; index < captured.scored.size(); ++index) {
    const auto& entry = captured.scored[index];
    if (!entry.well_formed) {
      throw VocabError("tokenizer.json: model.vocab entry " + std::to_string(index) + " is not [piece, score]");
    }
    pieces.push_back({std::string(captured.piece(entry)), entry.score, PieceType::kNormal});
  }
  const auto unk = model.find("unk_id");
  if (unk == model.end() || unk->is_null()) {
    throw VocabError("tokenizer.json: the Unigram model has no unk_id (its unknown piece)");
  }
  if (!unk->is_number_unsigned() || unk->get<std::uint64_t>() >= pieces.size()) {
    throw VocabError("tokenizer.json: model.unk_id " + unk->dump() + " is not the index of a piece (" +
                     std::to_string(pieces.size()) + " pieces)");
  }
  UnigramOptions options;
  options.flavor = UnigramFlavor::kHuggingFace;
  options.unk_id = static_cast<TokenId>(unk->get<std::uint64_t>());
  options.byte_fallback = field_or(model, "byte_fallback", false);
  try {
    return std::make_unique<UnigramModel>(std::move(pieces), options);
  } catch (const VocabError& error) {
    throw VocabError(std::string("tokenizer.json: ") + error.what());
  }
}

std::unique_ptr<TokenModel> parse_model(const Json& model, const CapturedModel& captured, bool byte_level) {
  if (!model.is_object()) throw VocabError("tokenizer.json: \"model\" is missing or not an object");
  std::string type = field_or<std::string>(model, "type", "");
  if (type.empty()) {
    // Older files omit it.
    type = model.contains("merges") ? "BPE" : model.contains("vocab") && model.at("vocab").is_array() ? "Unigram" : "WordPiece";
  }
  if (type == "Unigram") return parse_unigram(model, captured, byte_level);
  if (type == "BPE") {
    if (field_or(model, "dropout", 0.0) > 0.0) {
      throw UsageError("tokenizer.json: BPE dropout is not supported (tokenlab encodes deterministically)");
    }
    for (const char* affix : {"continuing_subword_prefix", "end_of_word_suffix"}) {
      if (!field_or<std::string>(model, affix, "").empty()) {
        throw UsageError(std::string("tokenizer.json: BPE with a ") + affix + " is not supported");
      }
    }
    RankTable vocab = build_vocab(model, captured, byte_level);
    MergeTable merges = build_merges(model, captured, vocab, byte_level);
    BpeModelOptions options;
    options.byte_level = byte_level;
    options.byte_fallback = field_or(model, "byte_fallback", false);
    options.fuse_unk = field_or(model, "fuse_unk", false);
    options.ignore_merges = field_or(model, "ignore_merges", false);
    options.unk = unknown_id(model, vocab, "");
    return std::make_unique<BpeModel>(std::move(vocab), std::move(merges), options);
  }
  if (type == "WordPiece") {
    RankTable vocab = build_vocab(model, captured, false);
    const TokenId unk = unknown_id(model, vocab, "[UNK]");
    if (unk == kNoRank) throw VocabError("tokenizer.json: WordPiece needs an unk_token");
    return std::make_unique<WordPieceModel>(std::move(vocab), unk,
                                            field_or<std::string>(model, "continuing_subword_prefix", "##"),
                                            field_or<std::size_t>(model, "max_input_chars_per_word", 100));
  }
  throw UsageError("tokenizer.json: model \"" + type + "\" is not supported; supported: " + kSupportedModels);
}

std::vector<AddedToken> parse_added_tokens(const Json& added, std::size_t file_size) {
  std::vector<AddedToken> tokens;
  if (added.is_null()) return tokens;
  if (!added.is_array()) throw VocabError("tokenizer.json: added_tokens is not an array");
  for (const Json& entry : added) {
    AddedToken token;
    if (!entry.contains("id") || !entry.at("id").is_number_unsigned() || !entry.contains("content")) {
      throw VocabError("tokenizer.json: an added token lacks an id or content");
    }
    const auto id = entry.at("id").get<std::uint64_t>();
    check_id(id, file_size, "added token");
    token.id = static_cast<TokenId>(id);
    token.content = entry.at("content").get<std::string>();
    token.special = field_or(entry, "special", false);
    token.normalized = field_or(entry, "normalized", !token.special);  // transformers.js's default
    token.lstrip = field_or(entry, "lstrip", false);
    token.rstrip = field_or(entry, "rstrip", false);
    token.single_word = field_or(entry, "single_word", false);
    tokens.push_back(std::move(token));
  }
  return tokens;
}

}  // namespace

std::unique_ptr<HfTokenizer> load_tokenizer_json(std::string name, std::string_view json_bytes) {
  CapturedModel captured;
  const Json document = parse_document(json_bytes, captured);
  if (!document.is_object() || !document.contains("model")) {
    throw VocabError("not a tokenizer.json: expected a JSON object with a \"model\"");
  }
  try {
    HfTokenizerParts parts;
    parts.name = std::move(name);
    parts.normalizer = tokenizer_json::parse_normalizer(document.value("normalizer", Json()));
    parts.pre_tokenizer = tokenizer_json::parse_pre_tokenizer(document.value("pre_tokenizer", Json()));
    parts.model = parse_model(document.at("model"), captured, parts.pre_tokenizer.byte_level());
    parts.added_tokens = parse_added_tokens(document.value("added_tokens", Json()), json_bytes.size());
    parts.decoder = tokenizer_json::parse_decoder(document.value("decoder", Json()));
    const TokenModel& model = *parts.model;
    const auto& added = parts.added_tokens;
    auto token_id = [&](const std::string& text) {
      for (const AddedToken& token : added) {
        if (token.content == text) return token.id;
      }
      return model.find(text);
    };
    auto ids = tokenizer_json::parse_post_processor(document.value("post_processor", Json()), token_id);
    // Ids given as numbers (BertProcessing, TemplateProcessing's "ids") must name
    // tokens too, or encode would add ids that decode refuses.
    for (const auto* list : {&ids.prefix, &ids.suffix}) {
      for (const TokenId id : *list) {
        const bool is_added = std::any_of(added.begin(), added.end(), [&](const AddedToken& token) { return token.id == id; });
        if (!is_added && model.token_text(id).empty()) {
          throw VocabError("tokenizer.json: post_processor id " + std::to_string(id) + " is not in the vocabulary");
        }
      }
    }
    parts.prefix_ids = std::move(ids.prefix);
    parts.suffix_ids = std::move(ids.suffix);
    return std::make_unique<HfTokenizer>(std::move(parts));
  } catch (const Json::exception& error) {
    // A field of the wrong type or a missing one, e.g. "[json.exception.type_error.302] type must be string".
    throw VocabError("tokenizer.json: unexpected structure (" + std::string(error.what()) + ")");
  }
}

}  // namespace tokenlab
