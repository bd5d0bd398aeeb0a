// TokenizerHandle::trace: a TokenTrace as struct-of-arrays.
//
//   trace(ids of " Kuznetsov") -> {kind: "rank-bpe", piece: Uint8Array, matches: true, wholeToken: false,
//     replayed, initialIds, initialStarts, lefts, rights, results, ranks, begins, splits, ends,
//     finalIds, finalStarts (Uint32Array), pieceIds, pieceBegins, pieceEnds (Uint32Array),
//     pieceScores (Float64Array), totalScore, altSegments, altIds, altEnds (Uint32Array),
//     altScores, altTotals (Float64Array)}
#include <vector>

#include "bindings/adapters.h"
#include "bindings/js_arrays.h"
#include "tokenizer/hf/model_trace.h"

namespace tokenlab::bindings {

namespace {

using emscripten::val;

const char* kind_name(TraceKind kind) {
  switch (kind) {
    case TraceKind::kRankBpe: return "rank-bpe";
    case TraceKind::kMergeBpe: return "merge-bpe";
    case TraceKind::kWordPiece: return "wordpiece";
    case TraceKind::kUnigram: return "unigram";
  }
  return "";
}

template <class Item, class Field>
val column(const char* array_type, const std::vector<Item>& items, Field field) {
  std::vector<decltype(field(items.front()))> values;
  values.reserve(items.size());
  for (const Item& item : items) values.push_back(field(item));
  return copy_array_to_js(array_type, values);
}

}  // namespace

val TokenizerHandle::trace(const val& ids) const {
  return rethrow_as_js_error([&] {
    const std::vector<TokenId> id_vector = emscripten::convertJSArrayToNumberVector<TokenId>(ids);
    const TokenTrace trace = trace_tokens(*tokenizer_, id_vector);
    const MergeTrace& merges = trace.merges;
    val result = val::object();
    result.set("kind", val(kind_name(trace.kind)));
    result.set("piece", copy_bytes_to_js(trace.piece));
    result.set("matches", val(trace.matches));
    result.set("wholeToken", val(trace.whole_token));
    result.set("replayed", copy_array_to_js("Uint32Array", trace.replayed));
    result.set("initialIds", column("Uint32Array", merges.initial, [](const Symbol& s) { return s.id; }));
    result.set("initialStarts", column("Uint32Array", merges.initial, [](const Symbol& s) { return s.start; }));
    result.set("lefts", column("Uint32Array", merges.steps, [](const MergeStep& s) { return s.left; }));
    result.set("rights", column("Uint32Array", merges.steps, [](const MergeStep& s) { return s.right; }));
    result.set("results", column("Uint32Array", merges.steps, [](const MergeStep& s) { return s.result; }));
    result.set("ranks", column("Uint32Array", merges.steps, [](const MergeStep& s) { return s.rank; }));
    result.set("begins", column("Uint32Array", merges.steps, [](const MergeStep& s) { return s.begin; }));
    result.set("splits", column("Uint32Array", merges.steps, [](const MergeStep& s) { return s.split; }));
    result.set("ends", column("Uint32Array", merges.steps, [](const MergeStep& s) { return s.end; }));
    result.set("finalIds", column("Uint32Array", merges.final, [](const Symbol& s) { return s.id; }));
    result.set("finalStarts", column("Uint32Array", merges.final, [](const Symbol& s) { return s.start; }));
    result.set("pieceIds", column("Uint32Array", trace.pieces, [](const TracedPiece& p) { return p.id; }));
    result.set("pieceBegins", column("Uint32Array", trace.pieces, [](const TracedPiece& p) { return p.begin; }));
    result.set("pieceEnds", column("Uint32Array", trace.pieces, [](const TracedPiece& p) { return p.end; }));
    result.set("pieceScores", column("Float64Array", trace.pieces, [](const TracedPiece& p) { return p.score; }));
    result.set("totalScore", val(trace.total_score));
    const auto& alternatives = trace.alternatives;
    result.set("altSegments", column("Uint32Array", alternatives, [](const UnigramAlternative& a) { return a.segment; }));
    result.set("altIds", column("Uint32Array", alternatives, [](const UnigramAlternative& a) { return a.id; }));
    result.set("altEnds", column("Uint32Array", alternatives, [](const UnigramAlternative& a) { return a.end; }));
    result.set("altScores", column("Float64Array", alternatives, [](const UnigramAlternative& a) { return a.score; }));
    result.set("altTotals", column("Float64Array", alternatives, [](const UnigramAlternative& a) { return a.best_total; }));
    return result;
  });
}

}  // namespace tokenlab::bindings
