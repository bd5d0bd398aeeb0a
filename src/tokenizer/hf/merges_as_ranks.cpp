#include "tokenizer/hf/merges_as_ranks.h"

#include <algorithm>
#include <utility>
#include <vector>

namespace tokenlab {

bool merges_follow_token_ids(const RankTable& vocab, const MergeTable& merges) {
  std::vector<std::pair<Rank, TokenId>> listed;  // (place in the list, result)
  listed.reserve(merges.size());
  bool joined = true;
  merges.for_each([&](TokenId left, TokenId right, MergeTable::Merge merge) {
    const std::string_view left_bytes = vocab.bytes_of(left);
    const std::string_view right_bytes = vocab.bytes_of(right);
    const std::string_view result = vocab.bytes_of(merge.result);
    joined = joined && !left_bytes.empty() && !right_bytes.empty() &&
             result.size() == left_bytes.size() + right_bytes.size() && result.starts_with(left_bytes) &&
             result.ends_with(right_bytes);
    listed.emplace_back(merge.rank, merge.result);
  });
  if (!joined || listed.empty()) return false;
  std::sort(listed.begin(), listed.end());
  for (std::size_t i = 1; i < listed.size(); ++i) {
    if (listed[i].second < listed[i - 1].second) return false;
  }
  for (Rank id = 0; id < vocab.rank_limit(); ++id) {
    const std::string_view bytes = vocab.bytes_of(id);
    for (std::size_t cut = 1; cut < bytes.size(); ++cut) {
      const Rank left = vocab.find(bytes.substr(0, cut));
      if (left == kNoRank) continue;
      const Rank right = vocab.find(bytes.substr(cut));
      if (right == kNoRank) continue;
      if (merges.find(left, right).result != id) return false;
    }
  }
  return true;
}

}  // namespace tokenlab
