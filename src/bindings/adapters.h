// Adapters between the engine and JavaScript: they convert typed arrays to and
// from C++ containers and turn engine exceptions into JS Errors. No logic.
//
// Every result that crosses is a fresh typed array (a copy of a
// typed_memory_view), never a view into wasm memory: a later allocation may
// grow memory and detach such a view.
#pragma once

#include <emscripten/val.h>

#include <cstddef>
#include <memory>
#include <new>
#include <string>

#include "tokenizer/tokenizer.h"

namespace tokenlab::bindings {

// Bytes of the module's memory now, the most it can grow to (the link's
// MAXIMUM_MEMORY), and the bytes malloc has handed out and not had back.
std::size_t heap_size_bytes();
std::size_t heap_max_bytes();
std::size_t heap_used_bytes();

// "ran out of memory: the engine holds 2048 MB, the most it can grow to is 2048 MB"
std::string out_of_memory_message();

// Runs body; a std::exception becomes a thrown JS Error with its message.
// Running out of memory gets a message with the numbers instead of
// "std::bad_alloc"; what was allocated for the failed call is freed as the
// exception unwinds, so the module keeps working.
template <class Body>
auto rethrow_as_js_error(Body&& body) -> decltype(body()) {
  try {
    return body();
  } catch (const std::bad_alloc&) {
    emscripten::val::global("Error").new_(out_of_memory_message()).throw_();
  } catch (const std::exception& error) {
    emscripten::val::global("Error").new_(std::string(error.what())).throw_();
  }
}

class TokenizerHandle {
 public:
  explicit TokenizerHandle(std::unique_ptr<Tokenizer> tokenizer) : tokenizer_(std::move(tokenizer)) {}

  // name: r50k_base, p50k_base, cl100k_base, o200k_base; bytes: the rank file.
  static TokenizerHandle from_tiktoken(const std::string& name, const std::string& rank_file);
  // A dropped rank file with a chosen split pattern name ("cl100k", "gpt2", ...).
  static TokenizerHandle from_custom_tiktoken(const std::string& name, const std::string& pattern,
                                             const std::string& rank_file);
  // A Hugging Face tokenizer.json (Uint8Array of its bytes), named as the caller likes.
  static TokenizerHandle from_tokenizer_json(const std::string& name, const std::string& json);
  // A SentencePiece .model file (Uint8Array of its bytes): encodes as spm_encode does.
  static TokenizerHandle from_sentencepiece_model(const std::string& name, const std::string& model);

  // text: UTF-8 bytes (Uint8Array). Returns {ids, starts, ends} as Uint32Arrays.
  // add_special_tokens: BOS / [CLS] ... [SEP] of Hugging Face tokenizers.
  // Text crosses in two steps: input_view(n) sizes an input buffer in wasm
  // memory and returns a Uint8Array view of it, which JS fills with one
  // TypedArray.set; encode and count then read it. Passing a Uint8Array as a
  // std::string would copy it byte by byte in JS, a fifth of the encode time.
  // The view is valid only until the next call into the module.
  emscripten::val input_view(std::size_t size);
  emscripten::val encode(bool allow_special, bool add_special_tokens);
  // Number of tokens only; avoids copying arrays out.
  std::size_t count(bool allow_special, bool add_special_tokens);
  // ids: Uint32Array or array of numbers. Returns the bytes as a Uint8Array.
  emscripten::val decode(const emscripten::val& ids) const;

  // The whole vocabulary at once: {bytes: Uint8Array, offsets: Uint32Array
  // (vocab_size + 1 entries), special: Uint8Array (1 for special tokens)}.
  emscripten::val vocabulary() const;
  std::size_t vocab_size() const { return tokenizer_->vocab_size(); }
  // The ids the tokenizer adds around the text when add_special_tokens is on:
  // {prefix: Uint32Array, suffix: Uint32Array} (both empty for tiktoken encodings).
  emscripten::val added_special_tokens() const;
  // A token's story (hf/model_trace.h) for the ids of one word (Uint32Array):
  // typed arrays only, defined in trace_adapters.cpp.
  emscripten::val trace(const emscripten::val& ids) const;
  std::string name() const { return std::string(tokenizer_->name()); }
  std::size_t memory_bytes() const { return tokenizer_->memory_bytes(); }

 private:
  std::unique_ptr<Tokenizer> tokenizer_;
  Encoding scratch_;
  std::string input_;
};

}  // namespace tokenlab::bindings
