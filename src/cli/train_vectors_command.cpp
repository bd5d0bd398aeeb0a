// tokenlab train-vectors: word2vec-style vectors from a text file, written as .vec.
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <ostream>

#include "cli/args.h"
#include "cli/command.h"
#include "cli/load_tokenizer.h"
#include "embedding/corpus.h"
#include "embedding/post_processing.h"
#include "embedding/trainer.h"
#include "embedding/vec_format.h"
#include "tokenizer/errors.h"

namespace tokenlab::cli {

namespace {

using embedding::SentenceBreak;
using embedding::TrainingOptions;
using embedding::WordCorpus;

constexpr std::size_t kReadChunk = 1 << 20;
constexpr std::uint64_t kReportEvery = 200'000;

ArgSpec train_vectors_spec() {
  ArgSpec spec;
  add_tokenizer_options(spec);
  spec.value_options.insert({"input", "output", "model", "dim", "window", "negative", "min-count",
                             "sample", "epochs", "lr", "threads", "seed", "unit", "sentences", "digits", "kernels",
                             "post-process"});
  spec.switch_options.insert("quiet");
  return spec;
}

// An integer option; the ranges themselves are checked by validate().
long long integer_option(const ParsedArgs& args, const std::string& name, long long fallback) {
  const double value = args.get_number(name, static_cast<double>(fallback));
  if (value != std::floor(value) || std::abs(value) > 1e15) {
    throw UsageError("--" + name + " expects a whole number, got \"" + args.get_or(name, "") + "\"");
  }
  return static_cast<long long>(value);
}

int bounded_int(long long value) {
  // Out-of-range values stay out of range without overflowing int.
  return static_cast<int>(std::max<long long>(-1, std::min<long long>(value, 1'000'000)));
}

TrainingOptions training_options(const ParsedArgs& args) {
  TrainingOptions options;
  options.model = embedding::model_from_name(args.get_or("model", "skipgram"));
  options.dim = bounded_int(integer_option(args, "dim", options.dim));
  options.window = bounded_int(integer_option(args, "window", options.window));
  options.negative = bounded_int(integer_option(args, "negative", options.negative));
  const long long min_count = integer_option(args, "min-count", 5);
  if (min_count < 1) throw UsageError("min-count must be at least 1");
  options.min_count = static_cast<std::uint64_t>(min_count);
  options.sample = args.get_number("sample", options.sample);
  options.epochs = bounded_int(integer_option(args, "epochs", options.epochs));
  options.learning_rate = static_cast<float>(args.get_number("lr", options.learning_rate));
  options.threads = bounded_int(integer_option(args, "threads", options.threads));
  const long long seed = integer_option(args, "seed", 1);
  if (seed < 0) throw UsageError("--seed must not be negative");
  options.seed = static_cast<std::uint64_t>(seed);
  const std::string kernels = args.get_or("kernels", "best");
  if (kernels != "best" && kernels != "reference") {
    throw UsageError("--kernels expects best or reference, not \"" + kernels + "\"");
  }
  options.reference_kernels = kernels == "reference";
  embedding::validate(options);
  return options;
}

SentenceBreak sentence_break(const ParsedArgs& args) {
  const std::string value = args.get_or("sentences", "line");
  if (value == "line") return SentenceBreak::kLine;
  if (value == "document") return SentenceBreak::kDocument;
  throw UsageError("--sentences expects line or document, not \"" + value + "\"");
}

// --unit words: whitespace-separated words, streamed in chunks.
WordCorpus read_word_corpus(const std::string& path, std::istream& in, SentenceBreak sentences,
                            std::uint64_t min_count) {
  std::ifstream file;
  std::istream* stream = &in;
  if (path != "-") {
    file.open(path, std::ios::binary);
    if (!file) throw UsageError("cannot open " + path);
    stream = &file;
  }
  embedding::WordCorpusBuilder builder(sentences);
  std::string chunk(kReadChunk, '\0');
  while (*stream) {
    stream->read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
    builder.add(std::string_view(chunk.data(), static_cast<std::size_t>(stream->gcount())));
  }
  return builder.finish(min_count);
}

// A token's bytes as a .vec word: printable ASCII stays, every other byte
// (space, controls, backslash, bytes of non-ASCII characters) becomes \xNN, so
// the name has no whitespace and tells the exact bytes.
std::string token_name(std::string_view bytes) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string name;
  for (unsigned char c : bytes) {
    if (c > 0x20 && c < 0x7F && c != '\\') {
      name.push_back(static_cast<char>(c));
    } else {
      name += "\\x";
      name.push_back(kHex[c >> 4]);
      name.push_back(kHex[c & 15]);
    }
  }
  return name.empty() ? "\\x" : name;
}

// --unit TOKENIZER: the ids of any tokenizer load_tokenizer knows, one
// sentence per line (or one for the whole text). Each id's vector is named by
// token_name of its bytes.
WordCorpus read_token_corpus(const std::string& unit, const ParsedArgs& args, std::istream& in,
                             SentenceBreak sentences, std::uint64_t min_count) {
  ParsedArgs tokenizer_args = args;
  if (!args.get("tokenizer-file")) tokenizer_args.options["tokenizer"] = {unit};
  auto tokenizer = load_tokenizer(tokenizer_args);
  const std::string text = read_input(args.get_or("input", "-"), in);
  EncodeOptions encode_options;
  encode_options.add_special_tokens = false;
  std::vector<std::int32_t> ids;
  Encoding encoding;
  const auto encode_part = [&](std::string_view part) {
    tokenizer->encode(part, encode_options, encoding);
    ids.insert(ids.end(), encoding.ids.begin(), encoding.ids.end());
    ids.push_back(embedding::Corpus::kSentenceEnd);
  };
  if (sentences == SentenceBreak::kDocument) {
    encode_part(text);
  } else {
    for (std::size_t begin = 0; begin < text.size();) {
      std::size_t end = text.find('\n', begin);
      if (end == std::string::npos) end = text.size();
      encode_part(std::string_view(text).substr(begin, end - begin));
      begin = end + 1;
    }
  }
  std::vector<std::string> names(tokenizer->vocab_size());
  for (std::size_t id = 0; id < names.size(); ++id) {
    // Ids that are not tokens never occur; a distinct name keeps them apart.
    const std::string_view bytes = tokenizer->token_bytes(static_cast<TokenId>(id));
    names[id] = bytes.empty() ? "<id" + std::to_string(id) + ">" : token_name(bytes);
  }
  embedding::IdVocabulary counted = embedding::count_ids(ids, names, min_count);
  WordCorpus result;
  result.corpus = embedding::encode_ids(ids, counted.row_of_id);
  result.vocabulary = std::move(counted.vocabulary);
  return result;
}

std::string format_seconds(double seconds) {
  char buffer[32];
  if (seconds < 90) {
    std::snprintf(buffer, sizeof buffer, "%.0fs", seconds);
  } else {
    std::snprintf(buffer, sizeof buffer, "%.0fm%02.0fs", std::floor(seconds / 60), std::fmod(seconds, 60));
  }
  return buffer;
}

int run_train_vectors(const std::vector<std::string>& raw_args, Io io) {
  const ParsedArgs args = parse_args(raw_args, train_vectors_spec());
  if (!args.positionals.empty()) throw UsageError("unexpected argument \"" + args.positionals[0] + "\"");
  const auto input = args.get("input");
  const auto output = args.get("output");
  if (!input) throw UsageError("--input FILE is required (- for stdin)");
  if (!output) throw UsageError("--output FILE.vec is required");
  const TrainingOptions options = training_options(args);
  const SentenceBreak sentences = sentence_break(args);
  // Checked before training: the vectors written are post-processed (fitted
  // on every row), none by default so the file is the trainer's own.
  const embedding::PostProcessing post = embedding::parse_post_processing(args.get_or("post-process", "none"));
  if (post.removed_components >= static_cast<std::size_t>(options.dim)) {
    throw UsageError("--post-process " + embedding::post_processing_name(post) + ": cannot remove " +
                     std::to_string(post.removed_components) + " principal components of " +
                     std::to_string(options.dim) + "-dimensional vectors");
  }
  const bool quiet = args.has("quiet");
  // 0: each value in the shortest form that reads back exactly.
  const long long digits = integer_option(args, "digits", 0);
  if (digits < 0 || digits > 9) {
    throw UsageError("--digits must be between 0 (exact) and 9, not " + std::to_string(digits));
  }

  // A bad output path fails before the training time is spent; appending
  // tests it without clobbering an existing file, which is replaced only at
  // the end.
  {
    const bool existed = std::filesystem::exists(*output);
    std::ofstream probe(*output, std::ios::binary | std::ios::app);
    if (!probe) throw UsageError("cannot write " + *output);
    probe.close();
    if (!existed) std::filesystem::remove(*output);
  }

  const std::string unit = args.get_or("unit", "words");
  WordCorpus data = unit == "words" ? read_word_corpus(*input, io.in, sentences, options.min_count)
                                    : read_token_corpus(unit, args, io.in, sentences, options.min_count);
  if (data.vocabulary.empty()) {
    throw UsageError("no " + std::string(unit == "words" ? "word" : "token") + " of " + *input +
                     " occurs at least min-count (" + std::to_string(options.min_count) +
                     ") times; lower --min-count or give more text");
  }
  const std::uint64_t corpus_words = data.corpus.word_count;
  embedding::Trainer trainer(data.vocabulary, std::move(data.corpus), options);

  const auto start = std::chrono::steady_clock::now();
  const auto elapsed = [&] {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  };
  trainer.run(
      [&](const embedding::TrainingProgress& progress) {
        if (quiet) return true;
        const double seconds = elapsed();
        const double rate = seconds > 0 ? static_cast<double>(progress.words_done) / seconds : 0.0;
        const double left = rate > 0 ? static_cast<double>(progress.words_total - progress.words_done) / rate : 0.0;
        char line[160];
        std::snprintf(line, sizeof line, "\r%5.1f%%  epoch %.2f  %.0f words/s  lr %.5f  loss %.4f  eta %s   ",
                      100.0 * static_cast<double>(progress.words_done) / static_cast<double>(progress.words_total),
                      progress.epoch, rate, progress.learning_rate, progress.loss,
                      format_seconds(left).c_str());
        io.err << line << std::flush;
        return true;
      },
      kReportEvery);
  const double seconds = elapsed();

  const std::string text = embedding::write_vec(
      data.vocabulary.words(),
      post.none() ? trainer.input_vectors()
                  : embedding::post_processed(trainer.input_vectors(), post, trainer.input_vectors().rows()),
      static_cast<int>(digits));
  std::ofstream out_file(*output, std::ios::binary | std::ios::trunc);
  out_file.write(text.data(), static_cast<std::streamsize>(text.size()));
  out_file.close();
  if (!out_file) throw UsageError("cannot write " + *output);
  if (!quiet) {
    char summary[200];
    std::snprintf(summary, sizeof summary,
                  "\n%zu words in the vocabulary, %llu corpus words x %d epochs in %.2fs (%.0f words/s, "
                  "%d thread%s)\n",
                  data.vocabulary.size(), static_cast<unsigned long long>(corpus_words), options.epochs,
                  seconds, static_cast<double>(corpus_words) * options.epochs / seconds, options.threads,
                  options.threads == 1 ? "" : "s");
    io.err << summary << "wrote " << *output << "\n";
  }
  return kExitOk;
}

const Registration kTrainVectors{
    {"train-vectors",
     "train-vectors --input FILE --output FILE.vec [--model skipgram|cbow] [--dim 100] [--window 5] "
     "[--negative 5] [--min-count 5] [--sample 1e-4] [--epochs 5] [--lr 0.025] [--threads N] [--seed S] "
     "[--unit words|TOKENIZER] [--sentences line|document] [--digits N] [--kernels best|reference] "
     "[--post-process none|centre|centre+D] [--quiet]",
     "train word vectors (word2vec skip-gram or CBOW with negative sampling) and write them as .vec",
     &run_train_vectors}};

}  // namespace

}  // namespace tokenlab::cli
