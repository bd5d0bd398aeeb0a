// Registration of the embedding engine's JavaScript API. Raw names start with
// "_"; the JS wrapper (web/engine/embedding-engine.js) exposes camelCase methods over
// them and owns .delete().
#include <emscripten/bind.h>

#include "bindings/embedding_adapters.h"

EMSCRIPTEN_BINDINGS(tokenlab_embedding) {
  using tokenlab::bindings::EmbeddingCorpusHandle;
  using tokenlab::bindings::EmbeddingTrainerHandle;
  using tokenlab::bindings::WordVectorsHandle;

  emscripten::class_<EmbeddingCorpusHandle>("EmbeddingCorpus")
      .class_function("_forWords", &EmbeddingCorpusHandle::for_words)
      .class_function("_forIds", &EmbeddingCorpusHandle::for_ids)
      .function("_addText", &EmbeddingCorpusHandle::add_text)
      .function("_addIds", &EmbeddingCorpusHandle::add_ids)
      .function("_entriesRead", &EmbeddingCorpusHandle::entries_read)
      .function("_finishWords", &EmbeddingCorpusHandle::finish_words)
      .function("_finishIds", &EmbeddingCorpusHandle::finish_ids)
      .function("_vocabularySize", &EmbeddingCorpusHandle::vocabulary_size)
      .function("_corpusWords", &EmbeddingCorpusHandle::corpus_words)
      .function("_trainingMemoryBytes", &EmbeddingCorpusHandle::training_memory_bytes);

  emscripten::class_<WordVectorsHandle>("WordVectors")
      .class_function("_fromVec", &WordVectorsHandle::from_vec)
      .class_function("_fromTsv", &WordVectorsHandle::from_tsv)
      .class_function("_fromRows", &WordVectorsHandle::from_rows)
      .function("_size", &WordVectorsHandle::size)
      .function("_dim", &WordVectorsHandle::dim)
      .function("_words", &WordVectorsHandle::words)
      .function("_find", &WordVectorsHandle::find)
      .function("_nearestToRow", &WordVectorsHandle::nearest_to_row)
      .function("_nearest", &WordVectorsHandle::nearest)
      .function("_analogy", &WordVectorsHandle::analogy)
      .function("_similarity", &WordVectorsHandle::similarity)
      .function("_vector", &WordVectorsHandle::vector)
      .function("_rows", &WordVectorsHandle::rows)
      .function("_pca", &WordVectorsHandle::pca)
      .function("_kmeans", &WordVectorsHandle::kmeans)
      .function("_toVec", &WordVectorsHandle::to_vec)
      .function("_toTsv", &WordVectorsHandle::to_tsv)
      .function("_postProcessed", &WordVectorsHandle::post_processed)
      .function("_dayZero", &WordVectorsHandle::day_zero)
      .function("_memoryBytes", &WordVectorsHandle::memory_bytes);

  emscripten::class_<EmbeddingTrainerHandle>("EmbeddingTrainer")
      .class_function("_create", &EmbeddingTrainerHandle::create)
      .class_function("_validateOptions", &EmbeddingTrainerHandle::validate_options)
      .function("_step", &EmbeddingTrainerHandle::step)
      .function("_progress", &EmbeddingTrainerHandle::progress)
      .function("_vectors", &EmbeddingTrainerHandle::vectors)
      .function("_memoryBytes", &EmbeddingTrainerHandle::memory_bytes);
}
