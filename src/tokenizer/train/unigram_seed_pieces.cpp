#include "tokenizer/train/unigram_seed_pieces.h"

#include <algorithm>
#include <limits>

#include "tokenizer/errors.h"
#include "tokenizer/train/unigram_scripts.h"
#include "tokenizer/unicode/utf8.h"

namespace tokenlab {

namespace {

constexpr std::uint32_t kNoWord = std::numeric_limits<std::uint32_t>::max();
constexpr std::size_t kCancelCheckInterval = std::size_t{1} << 20;

void check_cancel(const std::atomic<bool>* cancel) {
  if (cancel != nullptr && cancel->load(std::memory_order_relaxed)) throw Cancelled();
}

// The positions of symbols sorted by their first `window` symbols (a prefix
// of at least that length is compared; past the end counts as smallest).
//
// Prefix doubling: after the round for h, rank[i] orders the suffixes by their
// first 2h symbols, from the pair (rank of the first h, rank of the next h).
// Each round is one stable counting sort by the first half, of the positions
// already ordered by their second half (read off the previous order).
std::vector<std::uint32_t> sort_suffixes(const std::vector<char32_t>& symbols, std::size_t window,
                                         const std::atomic<bool>* cancel) {
  const std::size_t n = symbols.size();
  std::vector<std::uint32_t> order(n);
  std::vector<std::uint32_t> rank(n);
  std::vector<std::uint32_t> scratch(n);
  constexpr std::size_t kAlphabet = std::size_t{UnigramCorpus::kRareCharacter} + 1;
  std::vector<std::uint32_t> start(std::max(kAlphabet, n) + 1, 0);

  // 1. By the first symbol.
  for (const char32_t symbol : symbols) ++start[symbol + 1];
  for (std::size_t value = 1; value <= kAlphabet; ++value) start[value] += start[value - 1];
  for (std::size_t i = 0; i < n; ++i) order[start[symbols[i]]++] = static_cast<std::uint32_t>(i);
  std::uint32_t top_rank = 0;
  for (std::size_t j = 0; j < n; ++j) {
    if (j > 0 && symbols[order[j]] != symbols[order[j - 1]]) ++top_rank;
    rank[order[j]] = top_rank;
  }

  // 2. Double the compared prefix until it covers the window.
  for (std::size_t h = 1; h < window && top_rank + 1 < n; h *= 2) {
    check_cancel(cancel);
    // Positions by their second half: those with nothing h symbols on first.
    std::size_t filled = 0;
    for (std::size_t i = n > h ? n - h : 0; i < n; ++i) scratch[filled++] = static_cast<std::uint32_t>(i);
    for (std::size_t j = 0; j < n; ++j) {
      if (order[j] >= h) scratch[filled++] = order[j] - static_cast<std::uint32_t>(h);
    }
    // Stable counting sort by the first half.
    std::fill(start.begin(), start.begin() + top_rank + 2, 0);
    for (std::size_t i = 0; i < n; ++i) ++start[rank[i] + 1];
    for (std::size_t value = 1; value <= top_rank + 1; ++value) start[value] += start[value - 1];
    for (std::size_t j = 0; j < n; ++j) order[start[rank[scratch[j]]]++] = scratch[j];
    // New ranks, from the pairs.
    const auto second = [&](std::uint32_t position) -> std::uint64_t {
      return position + h < n ? std::uint64_t{rank[position + h]} + 1 : 0;
    };
    top_rank = 0;
    scratch[order[0]] = 0;
    for (std::size_t j = 1; j < n; ++j) {
      if (rank[order[j]] != rank[order[j - 1]] || second(order[j]) != second(order[j - 1])) ++top_rank;
      scratch[order[j]] = top_rank;
    }
    rank.swap(scratch);
  }
  return order;
}

// Seeds in their final order: score descending, then codepoints ascending.
struct SeedOrder {
  const std::vector<char32_t>& symbols;
  const std::vector<std::uint32_t>& suffix_array;

  bool operator()(const SeedSubstring& a, const SeedSubstring& b) const {
    if (a.score() != b.score()) return a.score() > b.score();
    const char32_t* left = symbols.data() + suffix_array[a.first];
    const char32_t* right = symbols.data() + suffix_array[b.first];
    return std::lexicographical_compare(left, left + a.length, right, right + b.length);
  }
};

}  // namespace

std::vector<std::uint8_t> valid_piece_lengths(const UnigramCorpus& corpus, std::size_t max_piece_chars) {
  const std::vector<char32_t>& symbols = corpus.symbols;
  std::vector<std::uint8_t> lengths(symbols.size(), 0);
  // Script of the characters so far; kAnyScript until the first one.
  constexpr int kAnyScript = -1;
  for (std::size_t position = 0; position < symbols.size(); ++position) {
    int previous = kAnyScript;
    std::size_t length = 0;
    for (; length < max_piece_chars; ++length) {
      const char32_t symbol = symbols[position + length];  // the corpus ends with kWordEnd
      if (symbol == UnigramCorpus::kWordEnd || symbol == UnigramCorpus::kRareCharacter) break;
      if (symbol == kWordMarkCodepoint) {
        if (length > 0) break;  // ▁ only first
        continue;
      }
      int script = unigram_scripts::script(symbol);
      if (script == unigram_scripts::kInherited) script = previous;
      if (script != kAnyScript && previous != kAnyScript && script != previous) break;
      previous = script;
    }
    lengths[position] = static_cast<std::uint8_t>(length);
  }
  return lengths;
}

SeedSubstrings find_seed_substrings(const UnigramCorpus& corpus, std::size_t max_seeds, std::size_t max_piece_chars,
                                    const std::vector<std::string>& excluded, const std::atomic<bool>* cancel) {
  SeedSubstrings found;
  const std::vector<char32_t>& symbols = corpus.symbols;
  const std::size_t n = symbols.size();
  if (n == 0) return found;
  // One symbol more than a piece holds, so that a common prefix of exactly
  // max_piece_chars is told from a longer one.
  const std::size_t window = max_piece_chars + 1;

  // 1. Sort the suffixes and measure adjacent common prefixes, cut at word ends.
  found.suffix_array = sort_suffixes(symbols, window, cancel);
  const std::vector<std::uint32_t>& suffixes = found.suffix_array;
  std::vector<std::uint8_t> common(n + 1, 0);  // common[j]: of suffixes j-1 and j; common[n] = 0
  for (std::size_t j = 1; j < n; ++j) {
    const char32_t* a = symbols.data() + suffixes[j - 1];
    const char32_t* b = symbols.data() + suffixes[j];
    std::size_t k = 0;
    while (k < window && a[k] == b[k] && a[k] != UnigramCorpus::kWordEnd) ++k;
    common[j] = static_cast<std::uint8_t>(k);
  }
  check_cancel(cancel);

  // 2. What a substring needs: a valid piece, not a special piece, seen twice.
  const std::vector<std::uint8_t> valid_lengths = valid_piece_lengths(corpus, max_piece_chars);
  std::vector<std::vector<char32_t>> excluded_codepoints;
  for (const std::string& text : excluded) {
    std::vector<char32_t> codepoints;
    for (std::size_t pos = 0; pos < text.size();) {
      const utf8::Decoded unit = utf8::decode(text, pos);
      codepoints.push_back(unit.codepoint);
      pos += unit.length;
    }
    excluded_codepoints.push_back(std::move(codepoints));
  }
  std::vector<std::uint32_t> word_of(n, kNoWord);
  for (std::size_t word = 0; word < corpus.word_count(); ++word) {
    std::fill(word_of.begin() + corpus.word_begin(word), word_of.begin() + corpus.word_end(word),
              static_cast<std::uint32_t>(word));
  }
  const auto weight = [&](std::size_t j) -> std::uint64_t {
    const std::uint32_t word = word_of[suffixes[j]];
    return word == kNoWord ? 0 : corpus.frequency[word];
  };
  const SeedOrder order{symbols, suffixes};
  std::vector<SeedSubstring>& pool = found.seeds;
  const auto consider = [&](std::uint32_t first, std::uint32_t last, std::size_t length, std::uint64_t frequency) {
    if (length < 2 || length > max_piece_chars || length > valid_lengths[suffixes[first]]) return;
    const char32_t* text = symbols.data() + suffixes[first];
    for (const std::vector<char32_t>& special : excluded_codepoints) {
      if (special.size() == length && std::equal(special.begin(), special.end(), text)) return;
    }
    ++found.candidates;
    if (max_seeds == 0) return;
    pool.push_back({first, last, static_cast<std::uint32_t>(length), frequency});
    // Keep the pool bounded: cut it back to the best max_seeds when it doubles.
    if (pool.size() >= 2 * max_seeds) {
      std::nth_element(pool.begin(), pool.begin() + static_cast<std::ptrdiff_t>(max_seeds), pool.end(), order);
      pool.resize(max_seeds);
    }
  };

  // 3. Right-maximal substrings shared by several suffixes: the LCP intervals,
  // bottom-up with a stack of open intervals (depth, first suffix, weight so far).
  struct Open {
    std::size_t depth;
    std::uint32_t first;
    std::uint64_t weight;
  };
  std::vector<Open> open{{0, 0, 0}};
  for (std::size_t j = 1; j <= n; ++j) {
    if (j % kCancelCheckInterval == 0) check_cancel(cancel);
    const std::size_t depth = common[j];
    std::uint64_t carried = weight(j - 1);  // of suffixes first .. j-1 not yet in an open interval
    auto first = static_cast<std::uint32_t>(j - 1);
    while (depth < open.back().depth) {
      Open closed = open.back();
      open.pop_back();
      closed.weight += carried;
      consider(closed.first, static_cast<std::uint32_t>(j - 1), closed.depth, closed.weight);
      carried = closed.weight;
      first = closed.first;
    }
    if (depth > open.back().depth) {
      open.push_back({depth, first, carried});
    } else {
      open.back().weight += carried;
    }
  }

  // 4. A word ending that no other suffix shares is still right-maximal when
  // its word occurs twice (each occurrence ends its own word).
  for (std::size_t j = 0; j < n; ++j) {
    if (j % kCancelCheckInterval == 0) check_cancel(cancel);
    const char32_t* text = symbols.data() + suffixes[j];
    std::size_t length = 0;
    while (length < window && text[length] != UnigramCorpus::kWordEnd) ++length;
    if (length > std::max<std::size_t>(common[j], common[j + 1]) && weight(j) >= 2) {
      consider(static_cast<std::uint32_t>(j), static_cast<std::uint32_t>(j), length, weight(j));
    }
  }

  // 5. The best max_seeds, in order.
  if (pool.size() > max_seeds) {
    std::nth_element(pool.begin(), pool.begin() + static_cast<std::ptrdiff_t>(max_seeds), pool.end(), order);
    pool.resize(max_seeds);
  }
  std::sort(pool.begin(), pool.end(), order);
  return found;
}

std::string seed_spelling(const UnigramCorpus& corpus, const SeedSubstrings& found, const SeedSubstring& seed) {
  std::string text;
  const std::uint32_t position = found.suffix_array[seed.first];
  for (std::uint32_t k = 0; k < seed.length; ++k) utf8::append(text, corpus.symbols[position + k]);
  return text;
}

}  // namespace tokenlab
