#include "cli/parallel_tasks.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace tokenlab::cli {

void run_tasks(std::size_t workers, std::size_t tasks, const std::function<void(std::size_t task, std::size_t worker)>& work) {
  workers = std::max<std::size_t>(1, std::min(workers, tasks));
  if (workers == 1) {
    for (std::size_t task = 0; task < tasks; ++task) work(task, 0);
    return;
  }
  std::atomic<std::size_t> next_task{0};
  std::atomic<bool> failed{false};
  std::exception_ptr failure;
  std::mutex failure_mutex;
  const auto run_worker = [&](std::size_t worker) {
    try {
      for (std::size_t task = next_task++; task < tasks && !failed; task = next_task++) work(task, worker);
    } catch (...) {
      const std::lock_guard lock(failure_mutex);
      if (!failure) failure = std::current_exception();
      failed = true;
    }
  };
  std::vector<std::thread> threads;
  threads.reserve(workers - 1);
  for (std::size_t worker = 1; worker < workers; ++worker) threads.emplace_back(run_worker, worker);
  run_worker(0);
  for (std::thread& thread : threads) thread.join();
  if (failure) std::rethrow_exception(failure);
}

}  // namespace tokenlab::cli
