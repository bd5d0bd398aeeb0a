#include "tokenizer/hf/sentencepiece_file.h"

#include <cstdio>
#include <cstring>

#include "tokenizer/errors.h"
#include "tokenizer/hf/sentencepiece_normalizer.h"

namespace tokenlab {

namespace {

[[noreturn]] void malformed(const std::string& what) { throw VocabError("SentencePiece model: " + what); }

std::string shorten(std::string_view text) {
  constexpr std::size_t kShown = 40;
  return text.size() <= kShown ? std::string(text) : std::string(text.substr(0, kShown)) + "...";
}

// Protobuf's wire format over the bytes of one message, which start at byte
// `base` of the file (for the errors).
class WireReader {
 public:
  enum WireType : std::uint32_t { kVarint = 0, kFixed64 = 1, kLengthDelimited = 2, kFixed32 = 5 };
  struct Field {
    std::uint32_t number;
    std::uint32_t wire_type;
  };

  WireReader(std::string_view bytes, std::size_t base, const char* message)
      : bytes_(bytes), base_(base), message_(message) {}

  bool done() const { return pos_ == bytes_.size(); }

  Field next_field() {
    const std::size_t at = pos_;
    const std::uint64_t tag = varint();
    const auto number = tag >> 3;
    const auto wire_type = static_cast<std::uint32_t>(tag & 7);
    if (number == 0 || number > (std::uint64_t{1} << 29) - 1) fail(at, "a field number of 0 or above 2^29 - 1");
    if (wire_type == 3 || wire_type == 4) fail(at, "a group (field " + std::to_string(number) + "), which proto2 files for SentencePiece never hold");
    if (wire_type > kFixed32) fail(at, "wire type " + std::to_string(wire_type) + " (field " + std::to_string(number) + ")");
    return {static_cast<std::uint32_t>(number), wire_type};
  }

  std::uint64_t varint() {
    const std::size_t at = pos_;
    std::uint64_t value = 0;
    for (int shift = 0; shift < 70; shift += 7) {
      if (pos_ == bytes_.size()) fail(at, "a varint cut off by the end");
      const auto byte = static_cast<unsigned char>(bytes_[pos_++]);
      value |= static_cast<std::uint64_t>(byte & 0x7F) << shift;
      if ((byte & 0x80) == 0) return value;
    }
    fail(at, "a varint longer than 10 bytes");
  }

  // A length-delimited field's bytes, and where they start in the file.
  std::pair<std::string_view, std::size_t> length_delimited() {
    const std::size_t at = pos_;
    const std::uint64_t length = varint();
    if (length > bytes_.size() - pos_) {
      fail(at, "a length of " + std::to_string(length) + " bytes past the end (" +
                   std::to_string(bytes_.size() - pos_) + " left)");
    }
    const std::size_t start = pos_;
    pos_ += static_cast<std::size_t>(length);
    return {bytes_.substr(start, static_cast<std::size_t>(length)), base_ + start};
  }

  std::uint32_t fixed32() {
    if (bytes_.size() - pos_ < 4) fail(pos_, "a fixed32 cut off by the end");
    std::uint32_t value = 0;
    for (int i = 3; i >= 0; --i) value = value << 8 | static_cast<unsigned char>(bytes_[pos_ + i]);
    pos_ += 4;
    return value;
  }

  void skip(std::uint32_t wire_type) {
    switch (wire_type) {
      case kVarint: varint(); return;
      case kLengthDelimited: length_delimited(); return;
      case kFixed32: fixed32(); return;
      case kFixed64:
        if (bytes_.size() - pos_ < 8) fail(pos_, "a fixed64 cut off by the end");
        pos_ += 8;
        return;
      default: fail(pos_, "wire type " + std::to_string(wire_type));
    }
  }

 private:
  [[noreturn]] void fail(std::size_t at, const std::string& what) const {
    malformed(std::string(message_) + " at byte " + std::to_string(base_ + at) + ": " + what);
  }

  std::string_view bytes_;
  std::size_t base_;
  const char* message_;
  std::size_t pos_ = 0;
};

// ModelProto.SentencePiece.Type; false for a value proto2 does not know.
bool piece_type(std::uint64_t value, PieceType& type) {
  switch (value) {
    case 1: type = PieceType::kNormal; return true;
    case 2: type = PieceType::kUnknown; return true;
    case 3: type = PieceType::kControl; return true;
    case 4: type = PieceType::kUserDefined; return true;
    case 5: type = PieceType::kUnused; return true;
    case 6: type = PieceType::kByte; return true;
    default: return false;
  }
}

UnigramPiece parse_piece(std::string_view bytes, std::size_t base) {
  UnigramPiece piece;
  WireReader reader(bytes, base, "a piece");
  while (!reader.done()) {
    const auto field = reader.next_field();
    if (field.number == 1 && field.wire_type == WireReader::kLengthDelimited) {
      piece.text.assign(reader.length_delimited().first);
    } else if (field.number == 2 && field.wire_type == WireReader::kFixed32) {
      const std::uint32_t bits = reader.fixed32();
      float score;
      std::memcpy(&score, &bits, sizeof score);
      piece.score = score;
    } else if (field.number == 3 && field.wire_type == WireReader::kVarint) {
      piece_type(reader.varint(), piece.type);
    } else {
      reader.skip(field.wire_type);
    }
  }
  return piece;
}

void parse_trainer_spec(std::string_view bytes, std::size_t base, SentencePieceModelProto& proto) {
  WireReader reader(bytes, base, "trainer_spec");
  while (!reader.done()) {
    const auto field = reader.next_field();
    if (field.wire_type == WireReader::kVarint && field.number == 3) {
      if (const std::uint64_t type = reader.varint(); type >= 1 && type <= 4) {
        proto.model_type = static_cast<SentencePieceModelProto::ModelType>(type);
      }
    } else if (field.wire_type == WireReader::kVarint && field.number == 35) {
      proto.byte_fallback = reader.varint() != 0;
    } else if (field.wire_type == WireReader::kVarint && field.number == 24) {
      proto.treat_whitespace_as_suffix = reader.varint() != 0;
    } else if (field.wire_type == WireReader::kLengthDelimited && field.number == 44) {
      proto.unk_surface.assign(reader.length_delimited().first);
    } else {
      reader.skip(field.wire_type);
    }
  }
}

void parse_normalizer_spec(std::string_view bytes, std::size_t base, SentencePieceModelProto& proto) {
  WireReader reader(bytes, base, "normalizer_spec");
  while (!reader.done()) {
    const auto field = reader.next_field();
    if (field.wire_type == WireReader::kLengthDelimited && field.number == 2) {
      proto.precompiled_charsmap.assign(reader.length_delimited().first);
    } else if (field.wire_type == WireReader::kVarint && field.number == 3) {
      proto.add_dummy_prefix = reader.varint() != 0;
    } else if (field.wire_type == WireReader::kVarint && field.number == 4) {
      proto.remove_extra_whitespaces = reader.varint() != 0;
    } else if (field.wire_type == WireReader::kVarint && field.number == 5) {
      proto.escape_whitespaces = reader.varint() != 0;
    } else {
      reader.skip(field.wire_type);
    }
  }
}

const char* model_type_name(SentencePieceModelProto::ModelType type) {
  switch (type) {
    case SentencePieceModelProto::ModelType::kUnigram: return "UNIGRAM";
    case SentencePieceModelProto::ModelType::kBpe: return "BPE";
    case SentencePieceModelProto::ModelType::kWord: return "WORD";
    case SentencePieceModelProto::ModelType::kChar: return "CHAR";
  }
  return "?";
}

// PieceToByte: "<0x00>".."<0xFF>" with upper-case digits, else -1.
int byte_of_piece(std::string_view text) {
  auto hex = [](char digit) {
    return digit >= '0' && digit <= '9' ? digit - '0' : digit >= 'A' && digit <= 'F' ? digit - 'A' + 10 : -1;
  };
  if (text.size() != 6 || !text.starts_with("<0x") || text[5] != '>') return -1;
  const int high = hex(text[3]);
  const int low = hex(text[4]);
  return high < 0 || low < 0 ? -1 : high * 16 + low;
}

}  // namespace

SentencePieceModelProto parse_sentencepiece_model(std::string_view bytes) {
  SentencePieceModelProto proto;
  WireReader reader(bytes, 0, "ModelProto");
  while (!reader.done()) {
    const auto field = reader.next_field();
    if (field.wire_type != WireReader::kLengthDelimited || field.number > 3) {
      reader.skip(field.wire_type);
      continue;
    }
    const auto [message, base] = reader.length_delimited();
    if (field.number == 1) proto.pieces.push_back(parse_piece(message, base));
    if (field.number == 2) parse_trainer_spec(message, base, proto);
    if (field.number == 3) parse_normalizer_spec(message, base, proto);
  }
  return proto;
}

bool looks_like_sentencepiece_model(std::string_view bytes) { return !bytes.empty() && bytes[0] == '\x0A'; }

std::unique_ptr<HfTokenizer> load_sentencepiece_model(std::string name, std::string_view bytes) {
  SentencePieceModelProto proto = parse_sentencepiece_model(bytes);
  if (proto.model_type != SentencePieceModelProto::ModelType::kUnigram) {
    throw UsageError(std::string("SentencePiece model: a ") + model_type_name(proto.model_type) +
                     " model is not supported (only UNIGRAM models are)");
  }
  if (proto.pieces.empty()) malformed("it has no pieces");
  // SentencePiece's own checks (ModelInterface::InitializePieces, unigram::Model).
  TokenId unk = kNoRank;
  bool has_matchable_piece = false;
  bool byte_found[256] = {};
  SentencePieceDecoding decoding;
  SentencePieceNormalizerOptions normalizer_options;
  for (std::size_t id = 0; id < proto.pieces.size(); ++id) {
    const UnigramPiece& piece = proto.pieces[id];
    auto where = [&] { return "piece " + std::to_string(id) + " (\"" + shorten(piece.text) + "\")"; };
    if (piece.text.empty()) malformed("piece " + std::to_string(id) + " is empty");
    switch (piece.type) {
      case PieceType::kUnknown:
        if (unk != kNoRank) malformed("pieces " + std::to_string(unk) + " and " + std::to_string(id) + " are both UNKNOWN");
        unk = static_cast<TokenId>(id);
        decoding.unknown_piece = piece.text;
        break;
      case PieceType::kControl:
        decoding.control_pieces.push_back(piece.text);
        break;
      case PieceType::kUserDefined:
        normalizer_options.user_defined_symbols.push_back(piece.text);
        has_matchable_piece = true;
        break;
      case PieceType::kNormal:
      case PieceType::kUnused:
        has_matchable_piece = true;
        break;
      case PieceType::kByte: {
        if (!proto.byte_fallback) malformed(where() + " is a BYTE piece, but byte_fallback is off");
        const int byte = byte_of_piece(piece.text);
        if (byte < 0) malformed(where() + " is a BYTE piece other than <0x00>..<0xFF>");
        byte_found[byte] = true;
        break;
      }
    }
  }
  if (unk == kNoRank) malformed("no piece is of type UNKNOWN");
  if (proto.byte_fallback) {
    for (int byte = 0; byte < 256; ++byte) {
      if (!byte_found[byte]) {
        char text[16];
        std::snprintf(text, sizeof text, "<0x%02X>", static_cast<unsigned>(byte));
        malformed(std::string("byte_fallback is on, but the BYTE piece ") + text + " is missing");
      }
    }
  }
  if (!has_matchable_piece) malformed("no piece is NORMAL, USER_DEFINED or UNUSED, so none can match text");

  HfTokenizerParts parts;
  parts.name = std::move(name);
  try {
    normalizer_options.add_dummy_prefix = proto.add_dummy_prefix;
    normalizer_options.remove_extra_whitespaces = proto.remove_extra_whitespaces;
    normalizer_options.escape_whitespaces = proto.escape_whitespaces;
    normalizer_options.treat_whitespace_as_suffix = proto.treat_whitespace_as_suffix;
    parts.normalizer = std::make_unique<SentencePieceNormalizer>(PrecompiledCharsmap::parse(proto.precompiled_charsmap),
                                                                 std::move(normalizer_options));
    decoding.unknown_surface = proto.unk_surface;
    decoding.byte_pieces = proto.byte_fallback;
    decoding.add_dummy_prefix = proto.add_dummy_prefix;
    decoding.remove_extra_whitespaces = proto.remove_extra_whitespaces;
    parts.decoder = HfDecoder::sentence_piece_model(std::move(decoding));
    parts.model = std::make_unique<UnigramModel>(std::move(proto.pieces),
                                                 UnigramOptions{UnigramFlavor::kSentencePiece, unk, proto.byte_fallback});
  } catch (const VocabError& error) {
    malformed(error.what());
  }
  return std::make_unique<HfTokenizer>(std::move(parts));
}

}  // namespace tokenlab
