// Clock resolution, so the benchmark can refuse a figure whose timed interval
// is shorter than its clock can tell apart: the smallest nonzero difference
// between two readings, over a few hundred.
//
//   wallResolution() -> 1e-7 (seconds; performance.now() in node 20 steps in ~100 ns)
//   cpuResolution()  -> 1e-6 (process.cpuUsage() counts microseconds)

function smallestStep(read) {
  let smallest = Infinity;
  for (let sample = 0; sample < 200; ++sample) {
    const first = read();
    let next = read();
    const started = performance.now();
    // A clock that never moves within 50 ms is coarser than 50 ms for our purpose.
    while (next === first && performance.now() - started < 50) next = read();
    if (next !== first) smallest = Math.min(smallest, next - first);
  }
  return smallest;
}

/** @returns {number} seconds */
export function wallResolution() {
  return smallestStep(() => performance.now()) / 1000;
}

/** @returns {number} seconds */
export function cpuResolution() {
  return smallestStep(() => {
    const used = process.cpuUsage();
    return used.user + used.system;
  }) / 1e6;
}

// A figure in MB/s, or null when the interval is under the clock's resolution
// (the table prints "below clock resolution" in its place).
/** @param {number} bytes @param {number} seconds @param {number} resolution */
export function mbPerSecond(bytes, seconds, resolution) {
  if (!(seconds >= resolution) || seconds <= 0) return null;
  return bytes / 1e6 / seconds;
}
