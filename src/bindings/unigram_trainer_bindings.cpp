// Registration of the Unigram trainer's JavaScript API. Raw names start with
// "_"; the JS wrapper (web/engine/unigram-trainer-engine.js) exposes camelCase
// methods over them and owns .delete().
#include <emscripten/bind.h>

#include "bindings/unigram_trainer_adapters.h"

EMSCRIPTEN_BINDINGS(tokenlab_unigram_trainer) {
  using tokenlab::bindings::UnigramTrainerHandle;
  emscripten::class_<UnigramTrainerHandle>("UnigramTrainer")
      .class_function("_create", &UnigramTrainerHandle::create)
      .function("_addText", &UnigramTrainerHandle::add_text)
      .function("_finishText", &UnigramTrainerHandle::finish_text)
      .function("_train", &UnigramTrainerHandle::train)
      .function("_trained", &UnigramTrainerHandle::trained)
      .function("_pieces", &UnigramTrainerHandle::pieces)
      .function("_summary", &UnigramTrainerHandle::summary)
      .function("_tokenizerJson", &UnigramTrainerHandle::tokenizer_json);
}
