// Floats as text, for the vector file formats (.vec, the Projector's TSV).
//
//   float v; parse_float("-0.25", v) → true, v = -0.25f;  parse_float("1e99", v) → false (not finite)
//   append_float(out, 0.1f, 0) appends "0.1"; append_float(out, 0.123456f, 3) appends "0.123"
#pragma once

#include <string>
#include <string_view>

namespace tokenlab::embedding {

// The whole field as a finite float (a leading '+' allowed); false for
// anything else: empty, trailing characters, nan, inf, out of range.
bool parse_float(std::string_view field, float& value);

// significant_digits 0: the shortest form that reads back as the same float.
void append_float(std::string& out, float value, int significant_digits);

}  // namespace tokenlab::embedding
