// The benchmark's driver for quicktok (github.com/dmatth1/quicktok), a C++
// tokenizer of the tiktoken encodings, built from a checkout the person
// running the benchmark fetches (build-quicktok.sh); only its public header
// quicktok.hpp is used. Natively or as WebAssembly under node:
//
//   quicktok_driver DATA_DIR ENCODING CORPUS IDS_OUT [RUNS]
//   quicktok_driver /tmp/qt/data cl100k_base english.txt /tmp/ids.u32 5
//     -> {"load_s":0.021,"cold_s":0.041,"warm_s":0.038,"runs":5,"bytes":4000000,"tokens":1115050,"resolution_s":2e-08}
//
// The cold run is the first encode on a freshly loaded tokenizer; "warm_s" is
// the best of RUNS further encodes of the same text on it (tie-break: the
// first of equal times, which changes nothing). The cold run's ids go to
// IDS_OUT as little-endian 32-bit words, for the benchmark to check against its
// reference; "resolution_s" is the smallest step of the clock seen here, so
// the benchmark can refuse a time shorter than it. Times use steady_clock.
// Errors go to stderr with exit code 2.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "quicktok.hpp"

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point started) {
  return std::chrono::duration<double>(Clock::now() - started).count();
}

// The smallest nonzero difference between two readings, over a few hundred.
double clock_resolution() {
  double smallest = 1;
  for (int sample = 0; sample < 200; ++sample) {
    const auto first = Clock::now();
    auto next = Clock::now();
    while (next == first) next = Clock::now();
    smallest = std::min(smallest, std::chrono::duration<double>(next - first).count());
  }
  return smallest;
}

std::string read_file(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) throw std::runtime_error("cannot open " + path);
  return std::string(std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>());
}

void write_ids(const std::string& path, const std::vector<std::uint32_t>& ids) {
  std::ofstream file(path, std::ios::binary);
  std::vector<unsigned char> bytes(ids.size() * 4);
  for (std::size_t i = 0; i < ids.size(); ++i) {
    for (int shift = 0; shift < 4; ++shift) bytes[i * 4 + shift] = static_cast<unsigned char>(ids[i] >> (8 * shift));
  }
  file.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
  if (!file) throw std::runtime_error("cannot write " + path);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 5 || argc > 6) {
    std::fprintf(stderr, "usage: quicktok_driver DATA_DIR ENCODING CORPUS IDS_OUT [RUNS]\n");
    return 2;
  }
  try {
    const int runs = argc == 6 ? std::max(1, std::atoi(argv[5])) : 5;
    const std::string text = read_file(argv[3]);
    const double resolution = clock_resolution();

    const auto load_started = Clock::now();
    quicktok::Tokenizer tokenizer = quicktok::Tokenizer::load_dir(argv[1], argv[2]);
    const double load_seconds = seconds_since(load_started);

    std::vector<std::uint32_t> ids;
    const auto* bytes = reinterpret_cast<const std::uint8_t*>(text.data());
    const auto cold_started = Clock::now();
    tokenizer.encode(bytes, text.size(), ids);
    const double cold_seconds = seconds_since(cold_started);

    double warm_seconds = 1e300;
    std::vector<std::uint32_t> again;
    for (int run = 0; run < runs; ++run) {
      again.clear();
      const auto started = Clock::now();
      tokenizer.encode(bytes, text.size(), again);
      warm_seconds = std::min(warm_seconds, seconds_since(started));
      if (again != ids) throw std::runtime_error("a warm run gave other ids than the cold run");
    }
    write_ids(argv[4], ids);
    std::printf("{\"load_s\":%.9g,\"cold_s\":%.9g,\"warm_s\":%.9g,\"runs\":%d,\"bytes\":%zu,\"tokens\":%zu,\"resolution_s\":%.9g}\n",
                load_seconds, cold_seconds, warm_seconds, runs, text.size(), ids.size(), resolution);
    return 0;
  } catch (const std::exception& error) {
    std::fprintf(stderr, "quicktok_driver: %s\n", error.what());
    return 2;
  }
}
