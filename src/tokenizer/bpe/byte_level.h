// GPT-2's byte-level alphabet ("bytes_to_unicode"): every byte gets a printable
// character, so token bytes can be written as JSON strings in vocab.json,
// merges.txt and tokenizer.json.
//
//   'A' (0x41) -> "A";  ' ' (0x20) -> "Ġ" (U+0120);  '\n' (0x0A) -> "Ċ" (U+010A)
//   to_byte_level("Hi there") == "HiĠthere";  from_byte_level("HiĠthere") == "Hi there"
//
// Bytes that are printable Latin-1 ('!'..'~', '¡'..'¬', '®'..'ÿ') stand for
// themselves; the other 68 (controls, space, DEL, NBSP, soft hyphen) map in byte
// order to U+0100, U+0101, ... U+0143.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tokenlab::byte_level {

// The character byte b is written as.
char32_t to_codepoint(std::uint8_t byte);

// The byte a character stands for, or nullopt when the character is not in
// the alphabet.
std::optional<std::uint8_t> from_codepoint(char32_t codepoint);

// UTF-8 text of the byte-level characters of bytes.
std::string to_byte_level(std::string_view bytes);

// The bytes a byte-level string stands for; nullopt when it holds a character
// outside the alphabet or malformed UTF-8.
std::optional<std::string> from_byte_level(std::string_view text);

}  // namespace tokenlab::byte_level
