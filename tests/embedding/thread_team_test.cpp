#include <doctest/doctest.h>

#include <atomic>
#include <stdexcept>
#include <thread>
#include <vector>

#include "embedding/thread_team.h"
#include "embedding/trainer.h"

using tokenlab::embedding::max_threads;
using tokenlab::embedding::ThreadTeam;

TEST_CASE("a thread team runs the job once on each of its threads, round after round") {
  if (max_threads() < 3) return;
  ThreadTeam team(3);
  CHECK(team.size() == 3);
  for (int round = 1; round <= 50; ++round) {
    std::vector<std::atomic<int>> calls(3);
    std::vector<std::thread::id> ids(3);
    team.run([&](std::size_t t) {
      calls[t].fetch_add(1);
      ids[t] = std::this_thread::get_id();
    });
    for (const auto& count : calls) CHECK(count.load() == 1);
    CHECK(ids[0] == std::this_thread::get_id());
    CHECK(ids[1] != ids[0]);
    CHECK(ids[2] != ids[1]);
  }
}

TEST_CASE("a team of one runs the job on the caller alone") {
  ThreadTeam team(1);
  int calls = 0;
  team.run([&](std::size_t t) {
    CHECK(t == 0);
    ++calls;
  });
  CHECK(calls == 1);
}

TEST_CASE("a thread team rethrows a helper's exception once every thread has returned") {
  if (max_threads() < 2) return;
  ThreadTeam team(2);
  std::atomic<bool> caller_returned{false};
  CHECK_THROWS_AS(team.run([&](std::size_t t) {
                    if (t == 1) throw std::runtime_error("helper failed");
                    caller_returned = true;
                  }),
                  std::runtime_error);
  CHECK(caller_returned);
  // The team still works after a failed round.
  std::atomic<int> calls{0};
  team.run([&](std::size_t) { calls.fetch_add(1); });
  CHECK(calls == 2);
}
