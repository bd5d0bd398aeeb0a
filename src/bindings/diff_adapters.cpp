#include "bindings/diff_adapters.h"

#include <vector>

#include "bindings/adapters.h"
#include "bindings/js_arrays.h"
#include "tokenizer/diff/token_diff.h"

namespace tokenlab::bindings {

emscripten::val diff_ids(const emscripten::val& before, const emscripten::val& after) {
  return rethrow_as_js_error([&] {
    const std::vector<TokenId> before_ids = emscripten::convertJSArrayToNumberVector<TokenId>(before);
    const std::vector<TokenId> after_ids = emscripten::convertJSArrayToNumberVector<TokenId>(after);
    const TokenDiff diff = tokenlab::diff_ids(before_ids, after_ids);
    emscripten::val result = emscripten::val::object();
    result.set("beforeChanged", copy_array_to_js("Uint8Array", diff.before_changed));
    result.set("afterChanged", copy_array_to_js("Uint8Array", diff.after_changed));
    result.set("edits", emscripten::val(static_cast<double>(diff.edits)));
    result.set("approximate", emscripten::val(diff.approximate));
    return result;
  });
}

}  // namespace tokenlab::bindings
