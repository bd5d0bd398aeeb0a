// Registration of the engine's JavaScript API. Raw names start with "_"; the JS
// wrapper (web/engine/engine.js) exposes camelCase methods over them and owns .delete().
#include <emscripten/bind.h>

#include "bindings/adapters.h"
#include "bindings/diff_adapters.h"

EMSCRIPTEN_BINDINGS(tokenlab_tokenizer) {
  using tokenlab::bindings::TokenizerHandle;
  emscripten::function("_heapSizeBytes", &tokenlab::bindings::heap_size_bytes);
  emscripten::function("_heapMaxBytes", &tokenlab::bindings::heap_max_bytes);
  emscripten::function("_heapUsedBytes", &tokenlab::bindings::heap_used_bytes);
  emscripten::function("_diffIds", &tokenlab::bindings::diff_ids);
  emscripten::class_<TokenizerHandle>("Tokenizer")
      .class_function("_fromTiktoken", &TokenizerHandle::from_tiktoken)
      .class_function("_fromCustomTiktoken", &TokenizerHandle::from_custom_tiktoken)
      .class_function("_fromTokenizerJson", &TokenizerHandle::from_tokenizer_json)
      .class_function("_fromSentencePieceModel", &TokenizerHandle::from_sentencepiece_model)
      .function("_inputView", &TokenizerHandle::input_view)
      .function("_encode", &TokenizerHandle::encode)
      .function("_count", &TokenizerHandle::count)
      .function("_decode", &TokenizerHandle::decode)
      .function("_vocabulary", &TokenizerHandle::vocabulary)
      .function("_vocabSize", &TokenizerHandle::vocab_size)
      .function("_addedSpecialTokens", &TokenizerHandle::added_special_tokens)
      .function("_trace", &TokenizerHandle::trace)
      .function("_name", &TokenizerHandle::name)
      .function("_memoryBytes", &TokenizerHandle::memory_bytes);
}
