// HfTokenizer: the Hugging Face tokenizer pipeline, stage by stage as
// tokenizer.json describes it (tokenizer_json.h builds one from that file):
//
//   added tokens -> normalizer -> pre-tokenizer -> model -> post-processor, and decoder for ids -> text
//
//   Mistral "Hi <s>" (special tokens allowed, BOS added):
//     split "Hi " | <s>;  normalize "Hi " -> "▁Hi▁";  model -> ▁Hi ▁;  post-process -> <s> ▁Hi ▁ <s>
//     ids [1, 15359, 28705, 1], starts [0, 0, 2, 3], ends [0, 2, 3, 6]
//
// Offsets are UTF-8 byte offsets into the original text, carried through the
// normalizer's alignments. Tokens the post-processor adds (BOS, [CLS], [SEP])
// take no text: an empty span at the start (prefix) or the end (suffix).
//
// Special added tokens (<s>, [CLS], <|begin_of_text|>) are recognised in the
// text only when EncodeOptions::allow_special is set, as the references do
// always and Hugging Face's split_special_tokens=True turns off; added tokens
// that are not special are always recognised.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "tokenizer/hf/added_vocabulary.h"
#include "tokenizer/hf/bpe.h"
#include "tokenizer/hf/decoder.h"
#include "tokenizer/hf/pre_tokenizer.h"
#include "tokenizer/hf/normalizer.h"
#include "tokenizer/hf/token_model.h"
#include "tokenizer/tokenizer.h"

namespace tokenlab {

struct HfTokenizerParts {
  std::string name;
  std::vector<AddedToken> added_tokens;
  std::unique_ptr<Normalizer> normalizer;  // null: text passes unchanged
  HfPreTokenizer pre_tokenizer;
  std::unique_ptr<TokenModel> model;
  std::vector<TokenId> prefix_ids;  // the post-processor's tokens before the text (BOS, [CLS])
  std::vector<TokenId> suffix_ids;  // and after it ([SEP])
  HfDecoder decoder = HfDecoder::join_with_spaces();
};

class HfTokenizer final : public Tokenizer {
 public:
  explicit HfTokenizer(HfTokenizerParts parts);

  using Tokenizer::encode;
  void encode(std::string_view text, const EncodeOptions& options, Encoding& out) override;
  std::string decode(std::span<const TokenId> ids) const override;
  std::size_t vocab_size() const override { return vocab_size_; }
  std::string_view token_bytes(TokenId id) const override;
  bool is_special(TokenId id) const override { return id < special_.size() && special_[id]; }
  std::string_view name() const override { return parts_.name; }
  std::size_t memory_bytes() const override;

  const std::vector<TokenId>& prefix_ids() const { return parts_.prefix_ids; }

  // Off: every segment takes the general pipeline, the reference the fused
  // paths (tokenizer_fused.cpp) are checked against. On by default.
  void set_fused_paths(bool enabled) { fused_enabled_ = enabled; }
  // BpeModel::set_id_pair_merging for a BPE model; false for the others.
  bool set_id_pair_merging(bool enabled);
  const std::vector<TokenId>& suffix_ids() const { return parts_.suffix_ids; }
  const TokenModel& model() const { return *parts_.model; }

 private:
  struct Matchers {
    AddedTokenMatcher all;          // every added token of this level
    AddedTokenMatcher non_special;  // only those that are not special
    const AddedTokenMatcher& pick(bool allow_special) const { return allow_special ? all : non_special; }
  };

  void encode_text(std::string_view text, std::uint32_t begin, std::uint32_t end, bool allow_special, Encoding& out);
  void encode_normalized(const NormalizedText& normalized, bool at_text_start, Encoding& out);
  // Splits a segment of the original text at offset begin and runs the model
  // over its pieces, appending straight to out (then moving the new starts by
  // the piece's offset): copying through piece_ids_ was a fifth of LLaMA 3's
  // encode.
  void encode_unchanged(std::string_view segment, std::uint32_t begin, Encoding& out);
  // Runs the model over the pieces in pieces_ and appends tokens; map turns
  // piece-relative spans into original offsets.
  template <class MapSpan>
  void encode_split_pieces(std::string_view text, MapSpan map, Encoding& out);
  const std::string* added_content(TokenId id) const;

  // The fused paths (tokenizer_fused.cpp): which one this pipeline allows.
  enum class FusedPath { kNone, kBertLowercase, kBertCased, kSpaceRewrite };
  FusedPath choose_fused_path();  // sets space_rewrite_ on the way
  // The general pipeline over original text at offset begin, for stretches the fused paths leave.
  void encode_general(std::string_view text, std::uint32_t begin, Encoding& out);
  void encode_bert_fused(std::string_view text, std::uint32_t begin, std::uint32_t end, Encoding& out);
  // Runs the model over one piece whose bytes map one to one onto the original from begin.
  void encode_piece_at(std::string_view piece, std::uint32_t begin, Encoding& out);

  HfTokenizerParts parts_;
  Matchers original_level_;    // added tokens matched in the original text
  Matchers normalized_level_;  // added tokens with "normalized": matched after the normalizer
  std::size_t vocab_size_ = 0;
  std::vector<bool> special_;
  std::vector<const AddedToken*> added_by_id_;
  std::string display_blob_;              // token_bytes of every id, concatenated
  std::vector<std::uint32_t> display_offsets_;  // vocab_size_ + 1 offsets into display_blob_
  FusedPath fused_path_ = FusedPath::kNone;
  bool fused_enabled_ = true;
  SpaceRewrite space_rewrite_;           // kSpaceRewrite: what the normalizer does
  BpeModel* space_rewrite_model_ = nullptr;  // and the model that encodes it fused
  // The model when it is a byte-level BPE: encode_unchanged then hands it
  // each piece with its offset (BpeModel::encode_piece_at).
  BpeModel* whole_piece_model_ = nullptr;

  // Scratch, reused across calls.
  std::vector<AddedTokenMatcher::Segment> segments_;
  std::vector<AddedTokenMatcher::Segment> sub_segments_;
  std::vector<ByteSpan> pieces_;
  std::vector<TokenId> piece_ids_;
  std::vector<std::uint32_t> piece_starts_;
  NormalizedText normalized_;
  NormalizedText rewritten_;
  std::string lowered_;  // a word of the fused BERT path
};

}  // namespace tokenlab
