#include "embedding/thread_team.h"

namespace tokenlab::embedding {

ThreadTeam::ThreadTeam(std::size_t size) {
  try {
    for (std::size_t t = 1; t < size; ++t) helpers_.emplace_back([this, t] { serve(t); });
  } catch (...) {
    stop();
    throw;
  }
}

ThreadTeam::~ThreadTeam() { stop(); }

void ThreadTeam::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  for (std::thread& helper : helpers_) helper.join();
  helpers_.clear();
}

void ThreadTeam::run(const Job& job) {
  {
    std::lock_guard lock(mutex_);
    job_ = &job;
    running_ = helpers_.size();
    error_ = nullptr;
    ++round_;
  }
  wake_.notify_all();
  std::exception_ptr own_error;
  try {
    job(0);
  } catch (...) {
    own_error = std::current_exception();
  }
  std::unique_lock lock(mutex_);
  finished_.wait(lock, [this] { return running_ == 0; });
  job_ = nullptr;
  if (own_error) std::rethrow_exception(own_error);
  if (error_) std::rethrow_exception(error_);
}

void ThreadTeam::serve(std::size_t thread) {
  std::uint64_t seen = 0;
  std::unique_lock lock(mutex_);
  while (true) {
    wake_.wait(lock, [&] { return stopping_ || round_ != seen; });
    if (stopping_) return;
    seen = round_;
    const Job& job = *job_;
    lock.unlock();
    std::exception_ptr error;
    try {
      job(thread);
    } catch (...) {
      error = std::current_exception();
    }
    lock.lock();
    if (error && !error_) error_ = error;
    if (--running_ == 0) finished_.notify_one();
  }
}

}  // namespace tokenlab::embedding
