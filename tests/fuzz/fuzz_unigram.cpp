// Fuzzes the Unigram model and its two loaders.
//
// Input: a first byte that picks the target, then its bytes:
//   0  a tokenizer.json (load_tokenizer_json; its model is mostly Unigram in the seeds)
//   1  a SentencePiece .model file (load_sentencepiece_model)
//   2  a vocabulary and a text for UnigramModel itself: lines "piece<TAB>score", an empty
//      line, then the text; the first piece is the unknown one; the next byte picks the
//      flavour and byte fallback
// A file that loads must encode a fixed sample and its own bytes into ids inside
// the vocabulary that name tokens, and decode them. The model's tokens must
// cover the text in order, each known piece spelling its span, and its best
// path's score must be the sum of its steps.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "encoding_checks.h"
#include "property.h"
#include "tokenizer/errors.h"
#include "tokenizer/hf/sentencepiece_file.h"
#include "tokenizer/hf/tokenizer_json.h"
#include "tokenizer/unigram/unigram_model.h"

namespace {

constexpr std::string_view kSample =
    "Hello world's  end <s></s><unk> 12345 Caf\xC3\xA9 \xE4\xBD\xA0\xE5\xA5\xBD \xF0\x9F\x98\x80\xFF\t\n \xE2\x96\x81x";

void check_tokenizer(tokenlab::Tokenizer& tokenizer, std::string_view own) {
  for (const bool allow_special : {false, true}) {
    const tokenlab::EncodeOptions options{.allow_special = allow_special, .add_special_tokens = true};
    tokenlab::fuzz::check_encoding(tokenizer, kSample, tokenizer.encode(kSample, options), false);
    tokenlab::fuzz::check_encoding(tokenizer, own, tokenizer.encode(own, options), false);
  }
}

void check_model(std::string_view input, std::uint8_t choice) {
  const std::size_t blank = input.find("\n\n");
  if (blank == std::string_view::npos) return;
  std::vector<tokenlab::UnigramPiece> pieces;
  for (std::size_t pos = 0; pos < blank;) {
    const std::size_t end = std::min(input.find('\n', pos), blank);
    const std::string_view line = input.substr(pos, end - pos);
    const std::size_t tab = line.find('\t');
    tokenlab::UnigramPiece piece;
    piece.text = std::string(line.substr(0, tab));
    piece.score = tab == std::string_view::npos ? 0.0 : std::strtod(std::string(line.substr(tab + 1)).c_str(), nullptr);
    // Some pieces user-defined or unused, by their length (only the SentencePiece flavour reads types).
    piece.type = pieces.empty()                  ? tokenlab::PieceType::kUnknown
                 : piece.text.size() % 5 == 4 ? tokenlab::PieceType::kUserDefined
                 : piece.text.size() % 7 == 6 ? tokenlab::PieceType::kUnused
                                              : tokenlab::PieceType::kNormal;
    pieces.push_back(std::move(piece));
    pos = end + 1;
  }
  const std::string_view text = input.substr(blank + 2);
  tokenlab::UnigramOptions options;
  options.flavor = choice & 1 ? tokenlab::UnigramFlavor::kSentencePiece : tokenlab::UnigramFlavor::kHuggingFace;
  options.byte_fallback = (choice & 2) != 0;
  options.unk_id = 0;
  std::unique_ptr<tokenlab::UnigramModel> model;
  try {
    model = std::make_unique<tokenlab::UnigramModel>(pieces, options);
  } catch (const tokenlab::VocabError&) {
    return;
  }
  std::vector<tokenlab::TokenId> ids;
  std::vector<std::uint32_t> starts;
  model->encode_piece(text, ids, starts);
  FUZZ_CHECK(ids.size() == starts.size(), "ids and starts differ in length");
  for (std::size_t i = 0; i < ids.size(); ++i) {
    FUZZ_CHECK(ids[i] < model->vocab_size(), "id outside the vocabulary");
    const std::uint32_t end = i + 1 < ids.size() ? starts[i + 1] : static_cast<std::uint32_t>(text.size());
    FUZZ_CHECK(starts[i] <= end && end <= text.size(), "token spans out of order");
    FUZZ_CHECK(i > 0 || starts[i] == 0, "the first token starts after the text does");
    const std::string_view piece = model->token_text(ids[i]);
    const bool byte_piece = piece.size() == 6 && piece.starts_with("<0x");
    if (ids[i] != options.unk_id && !byte_piece) {
      FUZZ_CHECK(text.substr(starts[i], end - starts[i]) == piece, "a token does not spell its span");
    }
  }
  FUZZ_CHECK(text.empty() == ids.empty(), "a text without tokens, or tokens without text");
  const tokenlab::UnigramSegmentation path = model->best_segmentation(text);
  double sum = 0;
  std::uint32_t at = 0;
  for (const auto& segment : path.segments) {
    FUZZ_CHECK(segment.begin == at && segment.end > segment.begin, "the best path has a gap");
    at = segment.end;
    if (options.flavor == tokenlab::UnigramFlavor::kHuggingFace) {
      sum = segment.score + sum;
    } else {
      sum = segment.unknown ? static_cast<double>(static_cast<float>(segment.score) + static_cast<float>(sum))
                            : static_cast<double>(static_cast<float>(segment.score + sum));
    }
  }
  FUZZ_CHECK(at == text.size(), "the best path does not reach the end");
  FUZZ_CHECK(sum == path.total_score, "the best path's score is not the sum of its steps");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::uint8_t target = data[0] % 3;
  const std::string_view file(reinterpret_cast<const char*>(data) + 1, size - 1);
  if (target == 2) {
    if (file.empty()) return 0;
    check_model(file.substr(1), static_cast<std::uint8_t>(file[0]));
    return 0;
  }
  std::unique_ptr<tokenlab::HfTokenizer> tokenizer;
  try {
    tokenizer = target == 0 ? tokenlab::load_tokenizer_json("fuzz", file) : tokenlab::load_sentencepiece_model("fuzz", file);
  } catch (const tokenlab::VocabError&) {
    return 0;
  } catch (const tokenlab::UsageError&) {
    return 0;  // an unsupported component or model type
  }
  check_tokenizer(*tokenizer, file.substr(0, 2048));
  return 0;
}
