#include "bindings/adapters.h"

#include <emscripten/heap.h>
#include <malloc.h>

#include <vector>

#include "bindings/js_arrays.h"
#include "tokenizer/pretokenize/pretokenizer.h"
#include "tokenizer/bpe/tiktoken_encodings.h"
#include "tokenizer/hf/sentencepiece_file.h"
#include "tokenizer/hf/tokenizer_json.h"

namespace tokenlab::bindings {

namespace {

using emscripten::val;

// An input this much larger than the next one is given back to the allocator
// instead of kept for reuse: one 100 MB text must not pin 100 MB (and its
// encoding, 12 bytes a token) for the tokenizer's lifetime.
constexpr std::size_t kKeepBufferBytes = 16u << 20;

std::string megabytes(std::size_t bytes) { return std::to_string((bytes + (1u << 19)) >> 20) + " MB"; }

}  // namespace

std::size_t heap_size_bytes() { return emscripten_get_heap_size(); }
std::size_t heap_max_bytes() { return emscripten_get_heap_max(); }
std::size_t heap_used_bytes() { return static_cast<std::size_t>(mallinfo().uordblks); }

std::string out_of_memory_message() {
  return "ran out of memory: the engine holds " + megabytes(heap_size_bytes()) + ", the most it can grow to is " +
         megabytes(heap_max_bytes());
}

TokenizerHandle TokenizerHandle::from_tiktoken(const std::string& name, const std::string& rank_file) {
  return rethrow_as_js_error([&] { return TokenizerHandle(make_tiktoken_tokenizer(name, rank_file)); });
}

TokenizerHandle TokenizerHandle::from_custom_tiktoken(const std::string& name, const std::string& pattern,
                                                      const std::string& rank_file) {
  return rethrow_as_js_error([&] {
    return TokenizerHandle(make_custom_tiktoken_tokenizer(name, split_pattern_from_name(pattern), rank_file));
  });
}

TokenizerHandle TokenizerHandle::from_tokenizer_json(const std::string& name, const std::string& json) {
  return rethrow_as_js_error([&] { return TokenizerHandle(load_tokenizer_json(name, json)); });
}

TokenizerHandle TokenizerHandle::from_sentencepiece_model(const std::string& name, const std::string& model) {
  return rethrow_as_js_error([&] { return TokenizerHandle(load_sentencepiece_model(name, model)); });
}

val TokenizerHandle::input_view(std::size_t size) {
  return rethrow_as_js_error([&] {
    if (input_.capacity() > kKeepBufferBytes && size < input_.capacity() / 4) {
      std::string().swap(input_);
      scratch_ = Encoding();
    }
    input_.resize(size);
    return val(emscripten::typed_memory_view(size, reinterpret_cast<unsigned char*>(input_.data())));
  });
}

val TokenizerHandle::encode(bool allow_special, bool add_special_tokens) {
  return rethrow_as_js_error([&] {
    tokenizer_->encode(input_, EncodeOptions{allow_special, add_special_tokens}, scratch_);
    val result = val::object();
    result.set("ids", copy_array_to_js("Uint32Array", scratch_.ids));
    result.set("starts", copy_array_to_js("Uint32Array", scratch_.starts));
    result.set("ends", copy_array_to_js("Uint32Array", scratch_.ends));
    return result;
  });
}

std::size_t TokenizerHandle::count(bool allow_special, bool add_special_tokens) {
  return rethrow_as_js_error([&] {
    tokenizer_->encode(input_, EncodeOptions{allow_special, add_special_tokens}, scratch_);
    return scratch_.size();
  });
}

val TokenizerHandle::decode(const val& ids) const {
  return rethrow_as_js_error([&] {
    const std::vector<TokenId> id_vector = emscripten::convertJSArrayToNumberVector<TokenId>(ids);
    return copy_bytes_to_js(tokenizer_->decode(id_vector));
  });
}

val TokenizerHandle::vocabulary() const {
  return rethrow_as_js_error([&] {
    const std::size_t size = tokenizer_->vocab_size();
    std::string bytes;
    std::vector<std::uint32_t> offsets;
    std::vector<std::uint8_t> special(size, 0);
    offsets.reserve(size + 1);
    for (std::size_t id = 0; id < size; ++id) {
      offsets.push_back(static_cast<std::uint32_t>(bytes.size()));
      bytes.append(tokenizer_->token_bytes(static_cast<TokenId>(id)));
      special[id] = tokenizer_->is_special(static_cast<TokenId>(id)) ? 1 : 0;
    }
    offsets.push_back(static_cast<std::uint32_t>(bytes.size()));
    val result = val::object();
    result.set("bytes", copy_bytes_to_js(bytes));
    result.set("offsets", copy_array_to_js("Uint32Array", offsets));
    result.set("special", copy_array_to_js("Uint8Array", special));
    return result;
  });
}

val TokenizerHandle::added_special_tokens() const {
  return rethrow_as_js_error([&] {
    static const std::vector<TokenId> kNone;
    const auto* hugging_face = dynamic_cast<const HfTokenizer*>(tokenizer_.get());
    val result = val::object();
    result.set("prefix", copy_array_to_js("Uint32Array", hugging_face ? hugging_face->prefix_ids() : kNone));
    result.set("suffix", copy_array_to_js("Uint32Array", hugging_face ? hugging_face->suffix_ids() : kNone));
    return result;
  });
}

}  // namespace tokenlab::bindings
