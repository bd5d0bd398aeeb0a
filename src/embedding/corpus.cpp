#include "embedding/corpus.h"

#include <string>

#include "tokenizer/errors.h"

namespace tokenlab::embedding {
namespace {

// fastText's readWord separators.
bool is_separator(char c) {
  return c == ' ' || c == '\n' || c == '\t' || c == '\v' || c == '\f' || c == '\r' || c == '\0';
}

void check_id(std::int32_t id, std::size_t id_count) {
  if (id != Corpus::kSentenceEnd && (id < 0 || static_cast<std::size_t>(id) >= id_count)) {
    throw UsageError("token id " + std::to_string(id) + " is out of range (the tokenizer has " +
                     std::to_string(id_count) + " ids)");
  }
}

// Maps ids to rows in place (the output never runs ahead of the input),
// dropping ids without a row and repeated sentence ends.
Corpus rows_in_place(std::vector<std::int32_t> ids, std::span<const std::int32_t> row_of_id) {
  Corpus corpus;
  std::size_t size = 0;
  for (const std::int32_t id : ids) {
    check_id(id, row_of_id.size());
    if (id == Corpus::kSentenceEnd) {
      if (size > 0 && ids[size - 1] != Corpus::kSentenceEnd) ids[size++] = Corpus::kSentenceEnd;
      continue;
    }
    const std::int32_t row = row_of_id[static_cast<std::size_t>(id)];
    if (row < 0) continue;
    ids[size++] = row;
    ++corpus.word_count;
  }
  ids.resize(size);
  corpus.rows = std::move(ids);
  return corpus;
}

}  // namespace

void WordCorpusBuilder::end_word() {
  auto [it, inserted] =
      ids_of_words_.try_emplace(pending_, static_cast<std::int32_t>(words_.size()));
  if (inserted) {
    words_.push_back(pending_);
    counts_.push_back(0);
  }
  ++counts_[static_cast<std::size_t>(it->second)];
  ids_.push_back(it->second);
  pending_.clear();
}

void WordCorpusBuilder::add(std::string_view text) {
  std::size_t begin = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (!is_separator(text[i])) continue;
    pending_.append(text.substr(begin, i - begin));
    if (!pending_.empty()) end_word();
    // A sentence end after an empty line, or twice in a row, adds nothing.
    if (text[i] == '\n' && sentences_ == SentenceBreak::kLine && !ids_.empty() &&
        ids_.back() != Corpus::kSentenceEnd) {
      ids_.push_back(Corpus::kSentenceEnd);
      ++sentence_ends_;
    }
    begin = i + 1;
  }
  pending_.append(text.substr(begin));
}

WordCorpus WordCorpusBuilder::finish(std::uint64_t min_count) {
  if (!pending_.empty()) end_word();
  std::vector<WordCount> counts(words_.size());
  for (std::size_t i = 0; i < words_.size(); ++i) counts[i] = {std::move(words_[i]), counts_[i]};
  WordCorpus result;
  result.vocabulary = Vocabulary::from_counts(std::move(counts), min_count);
  std::vector<std::int32_t> row_of_id(words_.size(), -1);
  for (const auto& [word, id] : ids_of_words_) {
    row_of_id[static_cast<std::size_t>(id)] = result.vocabulary.find(word);
  }
  result.corpus = rows_in_place(std::move(ids_), row_of_id);
  *this = WordCorpusBuilder(sentences_);
  return result;
}

WordCorpus read_words(std::string_view text, std::uint64_t min_count, SentenceBreak sentences) {
  WordCorpusBuilder builder(sentences);
  builder.add(text);
  return builder.finish(min_count);
}

IdVocabulary count_ids(std::span<const std::int32_t> ids, const std::vector<std::string>& names,
                       std::uint64_t min_count) {
  std::vector<WordCount> counts(names.size());
  for (std::size_t i = 0; i < names.size(); ++i) counts[i].word = names[i];
  for (std::int32_t id : ids) {
    check_id(id, names.size());
    if (id != Corpus::kSentenceEnd) ++counts[static_cast<std::size_t>(id)].count;
  }
  IdVocabulary result;
  // Equal counts keep id order (from_counts is stable).
  result.vocabulary = Vocabulary::from_counts(std::move(counts), min_count);
  result.row_of_id.assign(names.size(), -1);
  for (std::size_t id = 0; id < names.size(); ++id) {
    result.row_of_id[id] = result.vocabulary.find(names[id]);
  }
  return result;
}

Corpus encode_ids(std::span<const std::int32_t> ids, std::span<const std::int32_t> row_of_id) {
  return rows_in_place(std::vector<std::int32_t>(ids.begin(), ids.end()), row_of_id);
}

}  // namespace tokenlab::embedding
