#include "embedding/float_text.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <version>

#if defined(__cpp_lib_to_chars)
#include <charconv>
#endif

namespace tokenlab::embedding {

bool parse_float(std::string_view field, float& value) {
  if (!field.empty() && field.front() == '+') field.remove_prefix(1);
#if defined(__cpp_lib_to_chars)
  const auto [end, error] = std::from_chars(field.data(), field.data() + field.size(), value);
  if (error != std::errc() || end != field.data() + field.size()) return false;
#else
  // strtof needs a terminated string; numbers in these files are short.
  char buffer[64];
  if (field.empty() || field.size() >= sizeof buffer) return false;
  field.copy(buffer, field.size());
  buffer[field.size()] = '\0';
  char* end = nullptr;
  value = std::strtof(buffer, &end);
  if (end != buffer + field.size()) return false;
#endif
  return std::isfinite(value);
}

void append_float(std::string& out, float value, int significant_digits) {
  char buffer[48];
#if defined(__cpp_lib_to_chars)
  const auto result = significant_digits == 0
                          ? std::to_chars(buffer, buffer + sizeof buffer, value)
                          : std::to_chars(buffer, buffer + sizeof buffer, value,
                                          std::chars_format::general, significant_digits);
  out.append(buffer, result.ptr);
#else
  // 9 significant digits always read back as the same float.
  const int digits = significant_digits == 0 ? 9 : significant_digits;
  const int length = std::snprintf(buffer, sizeof buffer, "%.*g", digits, static_cast<double>(value));
  out.append(buffer, static_cast<std::size_t>(length));
#endif
}

}  // namespace tokenlab::embedding
