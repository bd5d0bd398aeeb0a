// The token diff (tokenizer/diff/token_diff.h) for JavaScript.
//
//   diff_ids(Uint32Array [1, 2, 3], Uint32Array [1, 4, 3])
//     -> {beforeChanged: Uint8Array [0, 1, 0], afterChanged: Uint8Array [0, 1, 0], edits: 2, approximate: false}
#pragma once

#include <emscripten/val.h>

namespace tokenlab::bindings {

emscripten::val diff_ids(const emscripten::val& before, const emscripten::val& after);

}  // namespace tokenlab::bindings
