// Runs numbered tasks on a few threads, each task once, handing every task the
// number of the worker that runs it, so a worker can use its own encoder and
// scratch buffers:
//
//   run_tasks(2, 5, work) -> work(0, w), work(1, w'), ... work(4, w''), with w in {0, 1};
//   worker 0 is the calling thread
//
// Tasks are taken in order from a shared counter (tie-break: whichever worker
// is free first takes the next task), so the slow tasks spread by themselves;
// callers keep each task's result in its own slot and so keep input order.
#pragma once

#include <cstddef>
#include <functional>

namespace tokenlab::cli {

// Rethrows the first exception a task threw (by task order of detection),
// after every worker has stopped.
void run_tasks(std::size_t workers, std::size_t tasks, const std::function<void(std::size_t task, std::size_t worker)>& work);

}  // namespace tokenlab::cli
