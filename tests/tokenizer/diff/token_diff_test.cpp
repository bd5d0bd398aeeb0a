#include <doctest/doctest.h>

#include <algorithm>
#include <random>
#include <vector>

#include "tokenizer/diff/token_diff.h"

using namespace tokenlab;

namespace {

// Length of a longest common subsequence, by the plain table.
std::size_t lcs_length(const std::vector<TokenId>& a, const std::vector<TokenId>& b) {
  std::vector<std::vector<std::size_t>> table(a.size() + 1, std::vector<std::size_t>(b.size() + 1, 0));
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j) {
      table[i][j] = a[i - 1] == b[j - 1] ? table[i - 1][j - 1] + 1 : std::max(table[i - 1][j], table[i][j - 1]);
    }
  }
  return table[a.size()][b.size()];
}

std::vector<TokenId> kept(const std::vector<TokenId>& ids, const std::vector<std::uint8_t>& changed) {
  std::vector<TokenId> out;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if (!changed[i]) out.push_back(ids[i]);
  }
  return out;
}

}  // namespace

TEST_CASE("an inserted token is the only one marked") {
  const TokenDiff diff = diff_ids(std::vector<TokenId>{9906, 1917, 0}, std::vector<TokenId>{9906, 1070, 1917, 0});
  CHECK(diff.before_changed == std::vector<std::uint8_t>{0, 0, 0});
  CHECK(diff.after_changed == std::vector<std::uint8_t>{0, 1, 0, 0});
  CHECK(diff.edits == 1);
  CHECK_FALSE(diff.approximate);
}

TEST_CASE("a replaced token is marked on both sides; empty sides are all changed") {
  const TokenDiff replaced = diff_ids(std::vector<TokenId>{1, 2, 3}, std::vector<TokenId>{1, 4, 3});
  CHECK(replaced.before_changed == std::vector<std::uint8_t>{0, 1, 0});
  CHECK(replaced.after_changed == std::vector<std::uint8_t>{0, 1, 0});
  const TokenDiff emptied = diff_ids(std::vector<TokenId>{5, 6}, std::vector<TokenId>{});
  CHECK(emptied.before_changed == std::vector<std::uint8_t>{1, 1});
  CHECK(emptied.edits == 2);
}

TEST_CASE("the unmarked tokens are a longest common subsequence, over random sequences") {
  std::mt19937 random(11);
  for (int round = 0; round < 300; ++round) {
    std::vector<TokenId> a(random() % 30);
    std::vector<TokenId> b(random() % 30);
    for (TokenId& id : a) id = random() % 4;
    for (TokenId& id : b) id = random() % 4;
    const TokenDiff diff = diff_ids(a, b);
    CAPTURE(round);
    CHECK(kept(a, diff.before_changed) == kept(b, diff.after_changed));
    CHECK(kept(a, diff.before_changed).size() == lcs_length(a, b));
    CHECK(diff.edits == a.size() + b.size() - 2 * lcs_length(a, b));
  }
}

TEST_CASE("past the edit limit the middle is marked changed whole, the common ends kept") {
  const TokenDiff diff = diff_ids(std::vector<TokenId>{7, 1, 2, 3, 8}, std::vector<TokenId>{7, 4, 5, 6, 8}, 2);
  CHECK(diff.approximate);
  CHECK(diff.before_changed == std::vector<std::uint8_t>{0, 1, 1, 1, 0});
  CHECK(diff.after_changed == std::vector<std::uint8_t>{0, 1, 1, 1, 0});
}
