// tokenlab's native CLI as a benchmark row, timed inside the process by
// `tokenlab encode --timing --repeat N` (steady clock): the first pass of a
// fresh process is cold, the best of the later passes warm, and the load is
// its own figure. The ids checked are those the first pass writes.
//
//   timing: load 0.025101 s, encode 0.103200 s, warm 0.095000 s, bytes 4000000, tokens 1115050, threads 1, resolution 2.0e-08 s
//     -> { loadSeconds: 0.0251, coldSeconds: 0.1032, warmSeconds: 0.095, tokens: 1115050, resolution: 2e-8 }
import { spawnSync } from 'node:child_process';
import { openSync, closeSync, readFileSync, rmSync } from 'node:fs';

const kTimingLine = /^timing: load ([0-9.]+) s, encode ([0-9.]+) s(?:, warm ([0-9.]+) s)?, bytes (\d+), tokens (\d+), threads (\d+), resolution ([0-9.e+-]+) s$/m;

/**
 * @param {string} stderr
 * @returns {{loadSeconds: number, coldSeconds: number, warmSeconds: number | null, bytes: number, tokens: number, threads: number, resolution: number}}
 */
export function parseTiming(stderr) {
  const match = stderr.match(kTimingLine);
  if (!match) throw new Error(`no timing line in: ${stderr.slice(0, 500)}`);
  return { loadSeconds: Number(match[1]), coldSeconds: Number(match[2]), warmSeconds: match[3] === undefined ? null : Number(match[3]),
    bytes: Number(match[4]), tokens: Number(match[5]), threads: Number(match[6]), resolution: Number(match[7]) };
}

/**
 * One fresh process: `repeat` passes over the input, ids of the first written to idsFile.
 * @param {string} cliPath @param {string[]} args without the FILE @param {string} file
 * @param {number} repeat @param {string | null} idsFile null: ids to /dev/null
 */
export function runTimed(cliPath, args, file, repeat, idsFile) {
  const out = openSync(idsFile ?? '/dev/null', 'w');
  try {
    const result = spawnSync(cliPath, [...args, '--timing', '--repeat', String(repeat), file],
      { stdio: ['ignore', out, 'pipe'], maxBuffer: 1 << 26 });
    if (result.status !== 0) throw new Error(`tokenlab ${args.join(' ')} ${file}: ${result.stderr}`);
    return parseTiming(result.stderr.toString());
  } finally {
    closeSync(out);
  }
}

/** The ids a CLI run wrote (one line, separated by spaces); the file is removed. @param {string} idsFile */
export function readIds(idsFile) {
  const text = readFileSync(idsFile, 'latin1').trim();
  rmSync(idsFile, { force: true });
  return text === '' ? [] : text.split(' ').map(Number);
}
