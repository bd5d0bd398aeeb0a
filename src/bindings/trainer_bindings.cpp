// Registration of the BPE trainer's JavaScript API. Raw names start with "_";
// the JS wrapper (web/engine/trainer-engine.js) exposes camelCase methods over them
// and owns .delete().
#include <emscripten/bind.h>

#include "bindings/trainer_adapters.h"

EMSCRIPTEN_BINDINGS(tokenlab_trainer) {
  using tokenlab::bindings::TrainerHandle;
  emscripten::class_<TrainerHandle>("Trainer")
      .class_function("_create", &TrainerHandle::create)
      .class_function("_tieBreakRule", &TrainerHandle::tie_break_rule)
      .function("_addText", &TrainerHandle::add_text)
      .function("_finishText", &TrainerHandle::finish_text)
      .function("_step", &TrainerHandle::step)
      .function("_done", &TrainerHandle::done)
      .function("_stopReason", &TrainerHandle::stop_reason)
      .function("_stopReasonText", &TrainerHandle::stop_reason_text)
      .function("_mergesDone", &TrainerHandle::merges_done)
      .function("_mergesTarget", &TrainerHandle::merges_target)
      .function("_vocabSize", &TrainerHandle::vocab_size)
      .function("_merges", &TrainerHandle::merges)
      .function("_tokenBytes", &TrainerHandle::token_bytes)
      .function("_topPairs", &TrainerHandle::top_pairs)
      .function("_segmentation", &TrainerHandle::segmentation)
      .function("_corpusStats", &TrainerHandle::corpus_stats)
      .function("_tokenizerJson", &TrainerHandle::tokenizer_json)
      .function("_tiktokenRanks", &TrainerHandle::tiktoken_ranks)
      .function("_prefixTokenCounts", &TrainerHandle::prefix_token_counts);
}
