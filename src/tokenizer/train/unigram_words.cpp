#include "tokenizer/train/unigram_words.h"

#include <algorithm>
#include <unordered_map>

#include "tokenizer/pretokenize/pretokenizer.h"
#include "tokenizer/unicode/utf8.h"

namespace tokenlab {

namespace {

constexpr char32_t kReplacementCharacter = 0xFFFD;

// The stretch with every malformed byte replaced by U+FFFD.
std::string valid_utf8(std::string_view stretch) {
  if (utf8::is_valid(stretch)) return std::string(stretch);
  std::string out;
  out.reserve(stretch.size() + 8);
  for (std::size_t pos = 0; pos < stretch.size();) {
    const utf8::Decoded unit = utf8::decode(stretch, pos);
    if (unit.codepoint == utf8::kInvalidCodepoint) {
      utf8::append(out, kReplacementCharacter);
    } else {
      out.append(stretch.substr(pos, unit.length));
    }
    pos += unit.length;
  }
  return out;
}

}  // namespace

void split_metaspace_word(std::string_view stretch, const std::function<void(std::string_view)>& emit) {
  const std::string text = valid_utf8(stretch);
  if (text.empty()) return;
  std::string_view rest(text);
  // Metaspace "always": one ▁ before the stretch unless it starts with one.
  std::string first;
  if (!rest.starts_with(kWordMark)) first = std::string(kWordMark);
  // split (MergedWithNext): every ▁ starts a word; the word runs to the next ▁.
  std::size_t next = rest.find(kWordMark, first.empty() ? kWordMark.size() : 0);
  first.append(rest.substr(0, next));
  emit(first);
  while (next != std::string_view::npos) {
    rest.remove_prefix(next);
    next = rest.find(kWordMark, kWordMark.size());
    emit(rest.substr(0, next));
  }
}

std::vector<std::string> metaspace_words(std::string_view text) {
  std::vector<ByteSpan> spans;
  pre_tokenize(SplitPattern::kWhitespace, text, spans);
  std::vector<std::string> words;
  for (const ByteSpan& span : spans) {
    split_metaspace_word(text.substr(span.begin, span.end - span.begin),
                         [&](std::string_view word) { words.emplace_back(word); });
  }
  return words;
}

std::vector<UnigramWord> count_metaspace_words(const std::vector<PieceCount>& stretches) {
  std::vector<UnigramWord> words;
  words.reserve(stretches.size());
  // Most stretches hold no ▁ and no malformed byte: their one word is new.
  // The others may repeat a word, so they go through a map first.
  std::unordered_map<std::string, std::uint64_t> merged;
  for (const PieceCount& stretch : stretches) {
    const bool plain = stretch.piece.find(kWordMark) == std::string_view::npos && utf8::is_valid(stretch.piece);
    if (plain) {
      std::string word(kWordMark);
      word.append(stretch.piece);
      words.push_back({std::move(word), stretch.count});
      continue;
    }
    split_metaspace_word(stretch.piece, [&](std::string_view word) { merged[std::string(word)] += stretch.count; });
  }
  if (!merged.empty()) {
    // A plain word may equal a split one ("▁ab" from "ab" and from "▁ab").
    // (Reserved first: the index points into the words' strings.)
    words.reserve(words.size() + merged.size());
    std::unordered_map<std::string_view, std::size_t> plain_index;
    plain_index.reserve(words.size());
    for (std::size_t i = 0; i < words.size(); ++i) plain_index.emplace(words[i].text, i);
    for (auto& [text, count] : merged) {
      const auto found = plain_index.find(text);
      if (found != plain_index.end()) {
        words[found->second].count += count;
      } else {
        words.push_back({text, count});
      }
    }
  }
  std::sort(words.begin(), words.end(), [](const UnigramWord& a, const UnigramWord& b) {
    return a.count != b.count ? a.count > b.count : a.text < b.text;
  });
  return words;
}

}  // namespace tokenlab
