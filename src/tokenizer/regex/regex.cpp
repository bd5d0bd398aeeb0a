#include "tokenizer/regex/regex.h"

#include <oniguruma.h>

#include <mutex>

#include "tokenizer/errors.h"
#include "tokenizer/unicode/utf8.h"

namespace tokenlab {

namespace {

// Backtracking budgets: per search from one start position, and for one whole
// search. Oniguruma's own default per match is 10,000,000 and unbounded per
// search; real tokenizer patterns need a few steps per byte, so these stop
// only patterns that backtrack catastrophically.
constexpr unsigned long kRetryLimitInMatch = 10'000'000;
constexpr unsigned long kRetryLimitInSearch = 50'000'000;

void initialize_oniguruma() {
  static std::once_flag once;
  std::call_once(once, [] {
    OnigEncoding encodings[] = {ONIG_ENCODING_UTF8};
    onig_initialize(encodings, 1);
  });
}

std::string error_text(int code, OnigErrorInfo* info) {
  OnigUChar message[ONIG_MAX_ERROR_MESSAGE_LEN];
  const int length = info ? onig_error_code_to_str(message, code, info) : onig_error_code_to_str(message, code);
  return std::string(reinterpret_cast<const char*>(message), length > 0 ? static_cast<std::size_t>(length) : 0);
}

const OnigUChar* bytes(std::string_view text, std::size_t offset) {
  return reinterpret_cast<const OnigUChar*>(text.data()) + offset;
}

}  // namespace

struct Regex::Compiled {
  regex_t* regex = nullptr;
  OnigRegion* region = nullptr;
  OnigMatchParam* match_param = nullptr;
};

Regex::Regex(std::string_view pattern) : pattern_(pattern), compiled_(std::make_unique<Compiled>()) {
  initialize_oniguruma();
  OnigErrorInfo info;
  const int result = onig_new(&compiled_->regex, bytes(pattern, 0), bytes(pattern, pattern.size()), ONIG_OPTION_NONE,
                              ONIG_ENCODING_UTF8, ONIG_SYNTAX_DEFAULT, &info);
  if (result != ONIG_NORMAL) {
    compiled_->regex = nullptr;
    throw UsageError("pattern " + std::string(pattern) + " does not compile: " + error_text(result, &info));
  }
  compiled_->region = onig_region_new();
  compiled_->match_param = onig_new_match_param();
  onig_initialize_match_param(compiled_->match_param);
  onig_set_retry_limit_in_match_of_match_param(compiled_->match_param, kRetryLimitInMatch);
  onig_set_retry_limit_in_search_of_match_param(compiled_->match_param, kRetryLimitInSearch);
}

Regex::~Regex() {
  if (compiled_->match_param) onig_free_match_param(compiled_->match_param);
  if (compiled_->region) onig_region_free(compiled_->region, 1);
  if (compiled_->regex) onig_free(compiled_->regex);
}

void Regex::find_all(std::string_view text, std::vector<ByteSpan>& matches) const {
  if (utf8::is_valid(text)) return find_all_valid(text, matches);
  const auto size = static_cast<std::uint32_t>(text.size());
  std::uint32_t run = 0;
  for (std::uint32_t pos = 0; pos <= size;) {
    const utf8::Decoded unit = pos < size ? utf8::decode(text, pos) : utf8::Decoded{0, 0};
    if (pos < size && unit.codepoint != utf8::kInvalidCodepoint) {
      pos += unit.length;
      continue;
    }
    const std::size_t first = matches.size();
    find_all_valid(text.substr(run, pos - run), matches);
    for (std::size_t i = first; i < matches.size(); ++i) {
      matches[i].begin += run;
      matches[i].end += run;
    }
    run = ++pos;
  }
}

void Regex::find_all_valid(std::string_view text, std::vector<ByteSpan>& matches) const {
  const std::size_t size = text.size();
  const OnigUChar* start = bytes(text, 0);
  const OnigUChar* end = bytes(text, size);
  std::size_t from = 0;
  // After a non-empty match the next empty match (wherever it is) is dropped
  // once, as the onig crate's iterator drops it.
  bool skip_next_empty = false;
  while (from <= size) {
    onig_region_clear(compiled_->region);
    const int found = onig_search_with_param(compiled_->regex, start, end, bytes(text, from), end, compiled_->region,
                                             ONIG_OPTION_NONE, compiled_->match_param);
    if (found == ONIG_MISMATCH) return;
    if (found < 0) {
      throw UsageError("pattern " + pattern_ + " gave up on this text (" + error_text(found, nullptr) +
                       "): it backtracks too much");
    }
    const auto match_begin = static_cast<std::uint32_t>(compiled_->region->beg[0]);
    const auto match_end = static_cast<std::uint32_t>(compiled_->region->end[0]);
    if (match_begin == match_end) {
      // Step past the empty match, one character (one byte at the end).
      from = match_end + (match_end < size ? utf8::decode(text, match_end).length : 1);
      if (skip_next_empty) {
        skip_next_empty = false;
        continue;
      }
    } else {
      from = match_end;
      skip_next_empty = true;
    }
    matches.push_back({match_begin, match_end});
  }
}

}  // namespace tokenlab
