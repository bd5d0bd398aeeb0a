// Fresh JavaScript typed arrays from C++ containers: a copy of a
// typed_memory_view, never the view itself, since a later allocation may grow
// the module's memory and detach such a view.
//
//   copy_array_to_js("Float64Array", std::vector<double>{1, 2}) -> Float64Array [1, 2]
//   copy_bytes_to_js("hi")                                      -> Uint8Array [104, 105]
#pragma once

#include <emscripten/val.h>

#include <string_view>
#include <vector>

namespace tokenlab::bindings {

template <class T>
emscripten::val copy_array_to_js(const char* array_type, const std::vector<T>& values) {
  return emscripten::val::global(array_type).new_(emscripten::typed_memory_view(values.size(), values.data()));
}

inline emscripten::val copy_bytes_to_js(std::string_view bytes) {
  return emscripten::val::global("Uint8Array")
      .new_(emscripten::typed_memory_view(bytes.size(), reinterpret_cast<const unsigned char*>(bytes.data())));
}

}  // namespace tokenlab::bindings
