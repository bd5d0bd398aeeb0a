#include "cli/json_string_lines.h"

#include <istream>
#include <nlohmann/json.hpp>

#include "tokenizer/errors.h"

namespace tokenlab::cli {

namespace {

// nlohmann's messages can quote a whole long line ("last read: '...'").
constexpr std::size_t kMaxProblemLength = 200;

// SAX events for one line: keeps the top-level string, stops at anything else.
// Parsing through SAX builds no json value, and the string is copied straight
// into the caller's reused buffer.
class StringOnly {
 public:
  explicit StringOnly(std::string& text) : text_(text) {}

  bool string(std::string& value) {
    text_.assign(value);
    return true;
  }
  bool null() { return refuse("null"); }
  bool boolean(bool) { return refuse("a boolean"); }
  bool number_integer(nlohmann::json::number_integer_t) { return refuse("a number"); }
  bool number_unsigned(nlohmann::json::number_unsigned_t) { return refuse("a number"); }
  bool number_float(nlohmann::json::number_float_t, const std::string&) { return refuse("a number"); }
  bool binary(nlohmann::json::binary_t&) { return refuse("binary data"); }
  bool start_object(std::size_t) { return refuse("an object"); }
  bool start_array(std::size_t) { return refuse("an array"); }
  // Never reached: parsing stops at the start of an object or array.
  bool key(std::string&) { return false; }
  bool end_object() { return false; }
  bool end_array() { return false; }

  bool parse_error(std::size_t, const std::string&, const nlohmann::json::exception& error) {
    problem_ = describe(error.what());
    return false;
  }

  const std::string& problem() const { return problem_; }

 private:
  bool refuse(const char* what) {
    problem_ = std::string("expected a JSON string, got ") + what;
    return false;
  }

  // "[json.exception.parse_error.101] parse error at line 1, column 8: syntax error ..."
  //   -> "not valid JSON: column 8: syntax error ..." (the line is ours to name)
  static std::string describe(std::string_view message) {
    if (const auto column = message.find("column "); column != std::string_view::npos) {
      message.remove_prefix(column);
    }
    std::string problem = "not valid JSON: " + std::string(message.substr(0, kMaxProblemLength));
    if (message.size() > kMaxProblemLength) problem += "...";
    return problem;
  }

  std::string& text_;
  std::string problem_;
};

}  // namespace

bool JsonStringLines::next(std::string_view& text) {
  if (!std::getline(in_, line_)) {
    if (in_.bad()) throw UsageError("line " + std::to_string(line_number_ + 1) + ": cannot read input");
    return false;
  }
  ++line_number_;
  if (line_.empty()) throw UsageError("line " + std::to_string(line_number_) + ": empty line, expected a JSON string");
  StringOnly handler(text_);
  if (!nlohmann::json::sax_parse(line_.begin(), line_.end(), &handler)) {
    throw UsageError("line " + std::to_string(line_number_) + ": " + handler.problem());
  }
  text = text_;
  return true;
}

}  // namespace tokenlab::cli
