// Fuzzes LLaMA 3's merging over token ids (BpeModel::set_id_pair_merging,
// merges_as_ranks.h) against its merge-list loop, on arbitrary bytes.
//
// Input: byte 0 the options (bit 0 allow_special, bit 1 add_special_tokens),
// the rest the text, any bytes. Two instances of the model, one merging over
// ids and one by the merge list (each with its own piece cache), give the
// same ids, starts and ends.
#include <cstdint>
#include <memory>
#include <string_view>

#include "property.h"
#include "shipped_tokenizers.h"
#include "tokenizer/hf/tokenizer.h"

namespace {

struct Pair {
  std::unique_ptr<tokenlab::Tokenizer> by_ids = tokenlab::fuzz::load_shipped_json("llama3");
  std::unique_ptr<tokenlab::Tokenizer> by_list = tokenlab::fuzz::load_shipped_json("llama3");
};

const Pair& pair() {
  static const Pair loaded = [] {
    Pair p;
    auto& by_ids = dynamic_cast<tokenlab::HfTokenizer&>(*p.by_ids);
    auto& by_list = dynamic_cast<tokenlab::HfTokenizer&>(*p.by_list);
    FUZZ_CHECK(by_ids.set_id_pair_merging(true), "LLaMA 3's merges should follow its token ids");
    FUZZ_CHECK(!by_list.set_id_pair_merging(false), "the merge-list loop could not be chosen");
    return p;
  }();
  return loaded;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const Pair& tokenizers = pair();
  tokenlab::fuzz::FuzzInput input(data, size);
  const std::uint8_t flags = input.take_byte();
  const tokenlab::EncodeOptions options{.allow_special = (flags & 1) != 0, .add_special_tokens = (flags & 2) != 0};
  const std::string_view text = input.rest();
  const tokenlab::Encoding by_ids = tokenizers.by_ids->encode(text, options);
  const tokenlab::Encoding by_list = tokenizers.by_list->encode(text, options);
  FUZZ_CHECK(by_ids.ids == by_list.ids, "merging over ids gives other ids than the merge list");
  FUZZ_CHECK(by_ids.starts == by_list.starts && by_ids.ends == by_list.ends,
             "merging over ids gives other offsets than the merge list");
  return 0;
}
