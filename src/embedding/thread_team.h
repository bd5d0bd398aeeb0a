// Threads that stay up between the trainer's steps: run(job) has each helper
// thread call job(1) .. job(size - 1) while the caller runs job(0), and
// returns when all have returned.
//
//   ThreadTeam team(2);                      // one helper thread
//   team.run([&](std::size_t t) { work(t); });  // work(0) here, work(1) there
//
// Why not a std::thread per step: the page trains in steps of ~100 ms so it
// can show progress, and in WebAssembly each new thread is a message to a
// Web Worker of the module's pool and back. A team started once parks its
// helpers on a condition variable between runs instead.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace tokenlab::embedding {

class ThreadTeam {
 public:
  using Job = std::function<void(std::size_t thread)>;

  // Starts size - 1 helper threads. Throws std::system_error when the system
  // (or the module's pool of Web Workers) gives fewer; those started are
  // stopped first. started() says how many there were.
  explicit ThreadTeam(std::size_t size);
  ~ThreadTeam();
  ThreadTeam(const ThreadTeam&) = delete;
  ThreadTeam& operator=(const ThreadTeam&) = delete;

  // Rethrows the first exception a thread's job threw, after all returned.
  void run(const Job& job);

  std::size_t size() const { return helpers_.size() + 1; }

 private:
  void serve(std::size_t thread);
  void stop();

  std::mutex mutex_;
  std::condition_variable wake_;
  std::condition_variable finished_;
  const Job* job_ = nullptr;
  std::uint64_t round_ = 0;
  std::size_t running_ = 0;
  bool stopping_ = false;
  std::exception_ptr error_;
  std::vector<std::thread> helpers_;
};

}  // namespace tokenlab::embedding
