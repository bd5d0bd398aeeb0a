#include "tokenizer/diff/token_diff.h"

#include <algorithm>

namespace tokenlab {

TokenDiff diff_ids(std::span<const TokenId> before, std::span<const TokenId> after, std::size_t max_edits) {
  TokenDiff diff;
  diff.before_changed.assign(before.size(), 0);
  diff.after_changed.assign(after.size(), 0);
  std::size_t prefix = 0;
  while (prefix < before.size() && prefix < after.size() && before[prefix] == after[prefix]) ++prefix;
  std::size_t suffix = 0;
  while (suffix < before.size() - prefix && suffix < after.size() - prefix &&
         before[before.size() - 1 - suffix] == after[after.size() - 1 - suffix]) {
    ++suffix;
  }
  const std::span<const TokenId> a = before.subspan(prefix, before.size() - prefix - suffix);
  const std::span<const TokenId> b = after.subspan(prefix, after.size() - prefix - suffix);
  const auto n = static_cast<std::ptrdiff_t>(a.size());
  const auto m = static_cast<std::ptrdiff_t>(b.size());
  auto mark_all = [&] {
    std::fill_n(diff.before_changed.begin() + static_cast<std::ptrdiff_t>(prefix), n, 1);
    std::fill_n(diff.after_changed.begin() + static_cast<std::ptrdiff_t>(prefix), m, 1);
    diff.edits = a.size() + b.size();
  };
  if (n == 0 || m == 0) {
    mark_all();
    return diff;
  }

  // 1. Forward: furthest[k + offset] is the furthest x on diagonal k = x - y
  //    after d edits; each d's row is kept for the walk back.
  const std::ptrdiff_t limit = static_cast<std::ptrdiff_t>(std::min<std::size_t>(max_edits, a.size() + b.size()));
  const std::ptrdiff_t offset = limit + 1;
  std::vector<std::ptrdiff_t> furthest(static_cast<std::size_t>(2 * offset + 1), 0);
  std::vector<std::vector<std::ptrdiff_t>> rows;
  std::ptrdiff_t edits = -1;
  for (std::ptrdiff_t d = 0; d <= limit && edits < 0; ++d) {
    for (std::ptrdiff_t k = -d; k <= d; k += 2) {
      const bool down = k == -d || (k != d && furthest[k - 1 + offset] < furthest[k + 1 + offset]);
      std::ptrdiff_t x = down ? furthest[k + 1 + offset] : furthest[k - 1 + offset] + 1;
      std::ptrdiff_t y = x - k;
      while (x < n && y < m && a[static_cast<std::size_t>(x)] == b[static_cast<std::size_t>(y)]) {
        ++x;
        ++y;
      }
      furthest[k + offset] = x;
      if (x >= n && y >= m) {
        edits = d;
        break;
      }
    }
    rows.emplace_back(furthest.begin() + (offset - d), furthest.begin() + (offset + d + 1));
  }
  if (edits < 0) {
    diff.approximate = true;
    mark_all();
    return diff;
  }

  // 2. Back: from (n, m), each edit is the step that led to the row before.
  std::ptrdiff_t x = n;
  std::ptrdiff_t y = m;
  for (std::ptrdiff_t d = edits; d > 0; --d) {
    const std::vector<std::ptrdiff_t>& previous = rows[static_cast<std::size_t>(d - 1)];  // diagonals -(d-1) .. d-1
    const std::ptrdiff_t k = x - y;
    auto at = [&](std::ptrdiff_t diagonal) { return previous[static_cast<std::size_t>(diagonal + d - 1)]; };
    const bool down = k == -d || (k != d && at(k - 1) < at(k + 1));
    const std::ptrdiff_t previous_k = down ? k + 1 : k - 1;
    const std::ptrdiff_t previous_x = at(previous_k);
    const std::ptrdiff_t previous_y = previous_x - previous_k;
    if (down) diff.after_changed[prefix + static_cast<std::size_t>(previous_y)] = 1;  // b[previous_y] added
    else diff.before_changed[prefix + static_cast<std::size_t>(previous_x)] = 1;      // a[previous_x] removed
    x = previous_x;
    y = previous_y;
  }
  diff.edits = static_cast<std::size_t>(edits);
  return diff;
}

}  // namespace tokenlab
