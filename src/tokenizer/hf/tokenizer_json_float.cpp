#include "tokenizer/hf/tokenizer_json_float.h"

#include <cmath>
#include <cstdint>
#include <limits>

namespace tokenlab::tokenizer_json {

namespace {

// serde_json's POW10: the doubles nearest 1e0 .. 1e308.
constexpr double kPowersOfTen[309] = {
    1e000, 1e001, 1e002, 1e003, 1e004, 1e005, 1e006, 1e007, 1e008, 1e009,
    1e010, 1e011, 1e012, 1e013, 1e014, 1e015, 1e016, 1e017, 1e018, 1e019,
    1e020, 1e021, 1e022, 1e023, 1e024, 1e025, 1e026, 1e027, 1e028, 1e029,
    1e030, 1e031, 1e032, 1e033, 1e034, 1e035, 1e036, 1e037, 1e038, 1e039,
    1e040, 1e041, 1e042, 1e043, 1e044, 1e045, 1e046, 1e047, 1e048, 1e049,
    1e050, 1e051, 1e052, 1e053, 1e054, 1e055, 1e056, 1e057, 1e058, 1e059,
    1e060, 1e061, 1e062, 1e063, 1e064, 1e065, 1e066, 1e067, 1e068, 1e069,
    1e070, 1e071, 1e072, 1e073, 1e074, 1e075, 1e076, 1e077, 1e078, 1e079,
    1e080, 1e081, 1e082, 1e083, 1e084, 1e085, 1e086, 1e087, 1e088, 1e089,
    1e090, 1e091, 1e092, 1e093, 1e094, 1e095, 1e096, 1e097, 1e098, 1e099,
    1e100, 1e101, 1e102, 1e103, 1e104, 1e105, 1e106, 1e107, 1e108, 1e109,
    1e110, 1e111, 1e112, 1e113, 1e114, 1e115, 1e116, 1e117, 1e118, 1e119,
    1e120, 1e121, 1e122, 1e123, 1e124, 1e125, 1e126, 1e127, 1e128, 1e129,
    1e130, 1e131, 1e132, 1e133, 1e134, 1e135, 1e136, 1e137, 1e138, 1e139,
    1e140, 1e141, 1e142, 1e143, 1e144, 1e145, 1e146, 1e147, 1e148, 1e149,
    1e150, 1e151, 1e152, 1e153, 1e154, 1e155, 1e156, 1e157, 1e158, 1e159,
    1e160, 1e161, 1e162, 1e163, 1e164, 1e165, 1e166, 1e167, 1e168, 1e169,
    1e170, 1e171, 1e172, 1e173, 1e174, 1e175, 1e176, 1e177, 1e178, 1e179,
    1e180, 1e181, 1e182, 1e183, 1e184, 1e185, 1e186, 1e187, 1e188, 1e189,
    1e190, 1e191, 1e192, 1e193, 1e194, 1e195, 1e196, 1e197, 1e198, 1e199,
    1e200, 1e201, 1e202, 1e203, 1e204, 1e205, 1e206, 1e207, 1e208, 1e209,
    1e210, 1e211, 1e212, 1e213, 1e214, 1e215, 1e216, 1e217, 1e218, 1e219,
    1e220, 1e221, 1e222, 1e223, 1e224, 1e225, 1e226, 1e227, 1e228, 1e229,
    1e230, 1e231, 1e232, 1e233, 1e234, 1e235, 1e236, 1e237, 1e238, 1e239,
    1e240, 1e241, 1e242, 1e243, 1e244, 1e245, 1e246, 1e247, 1e248, 1e249,
    1e250, 1e251, 1e252, 1e253, 1e254, 1e255, 1e256, 1e257, 1e258, 1e259,
    1e260, 1e261, 1e262, 1e263, 1e264, 1e265, 1e266, 1e267, 1e268, 1e269,
    1e270, 1e271, 1e272, 1e273, 1e274, 1e275, 1e276, 1e277, 1e278, 1e279,
    1e280, 1e281, 1e282, 1e283, 1e284, 1e285, 1e286, 1e287, 1e288, 1e289,
    1e290, 1e291, 1e292, 1e293, 1e294, 1e295, 1e296, 1e297, 1e298, 1e299,
    1e300, 1e301, 1e302, 1e303, 1e304, 1e305, 1e306, 1e307, 1e308,
};

// serde_json's overflow!(a * 10 + b, u64::MAX).
bool overflows(std::uint64_t value, std::uint64_t digit) {
  constexpr std::uint64_t kMax = std::numeric_limits<std::uint64_t>::max();
  return value >= kMax / 10 && (value > kMax / 10 || digit > kMax % 10);
}

// f64_from_parts (not float_roundtrip).
std::optional<double> from_parts(bool positive, std::uint64_t significand, std::int64_t exponent) {
  double value = static_cast<double>(significand);
  for (;;) {
    const std::uint64_t magnitude = exponent < 0 ? static_cast<std::uint64_t>(-exponent) : static_cast<std::uint64_t>(exponent);
    if (magnitude <= 308) {
      if (exponent >= 0) {
        value *= kPowersOfTen[magnitude];
        if (std::isinf(value)) return std::nullopt;
      } else {
        value /= kPowersOfTen[magnitude];
      }
      break;
    }
    if (value == 0.0) break;
    if (exponent >= 0) return std::nullopt;
    value /= 1e308;
    exponent += 308;
  }
  return positive ? value : -value;
}

}  // namespace

std::optional<double> serde_json_f64(std::string_view lexeme) {
  std::size_t pos = 0;
  auto digit_at = [&](std::size_t at) { return at < lexeme.size() && lexeme[at] >= '0' && lexeme[at] <= '9'; };
  const bool positive = !(pos < lexeme.size() && lexeme[pos] == '-');
  if (!positive) ++pos;
  std::uint64_t significand = 0;
  std::int64_t exponent = 0;
  // parse_integer, then parse_long_integer: once the u64 would overflow, each
  // further integer digit only raises the exponent.
  bool overflowed = false;
  for (; digit_at(pos); ++pos) {
    const auto digit = static_cast<std::uint64_t>(lexeme[pos] - '0');
    if (overflowed || overflows(significand, digit)) {
      overflowed = true;
      ++exponent;
    } else {
      significand = significand * 10 + digit;
    }
  }
  // parse_decimal: fraction digits while they fit, the rest dropped.
  if (pos < lexeme.size() && lexeme[pos] == '.') {
    ++pos;
    bool dropping = false;
    for (; digit_at(pos); ++pos) {
      const auto digit = static_cast<std::uint64_t>(lexeme[pos] - '0');
      if (dropping || overflows(significand, digit)) {
        dropping = true;
        continue;
      }
      significand = significand * 10 + digit;
      --exponent;
    }
  }
  // parse_exponent: an i32 that saturates when added; one that overflows is
  // out of range (or zero, for a negative exponent or a zero significand).
  if (pos < lexeme.size() && (lexeme[pos] == 'e' || lexeme[pos] == 'E')) {
    ++pos;
    bool positive_exponent = true;
    if (pos < lexeme.size() && (lexeme[pos] == '+' || lexeme[pos] == '-')) positive_exponent = lexeme[pos++] == '+';
    std::int64_t written = 0;
    for (; digit_at(pos); ++pos) {
      written = written * 10 + (lexeme[pos] - '0');
      if (written > std::numeric_limits<std::int32_t>::max()) {
        if (significand != 0 && positive_exponent) return std::nullopt;
        return positive ? 0.0 : -0.0;
      }
    }
    constexpr std::int64_t kMin = std::numeric_limits<std::int32_t>::min();
    constexpr std::int64_t kMax = std::numeric_limits<std::int32_t>::max();
    exponent = positive_exponent ? std::min(exponent + written, kMax) : std::max(exponent - written, kMin);
  }
  return from_parts(positive, significand, exponent);
}

}  // namespace tokenlab::tokenizer_json
