// Standard base64 (RFC 4648, '+' '/' and '=' padding), as tiktoken rank files use.
//   decode("aGk=") -> "hi";  encode("hi") -> "aGk="
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace tokenlab::base64 {

// nullopt for malformed input (bad character, bad padding or length).
std::optional<std::string> decode(std::string_view text);
std::string encode(std::string_view bytes);

}  // namespace tokenlab::base64
