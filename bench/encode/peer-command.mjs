// Benchmark peers built locally, outside the project (quicktok's driver,
// bench/peers/build-quicktok.sh), given as --peer-command NAME=COMMAND. The
// command runs under bash with these placeholders replaced (shell-quoted):
//
//   {corpus}    the input file            {encoding}  cl100k_base, o200k_base, ...
//   {ids}       where to write the ids    {runs}      the warm runs to take the best of
//
// and must write the ids as little-endian 32-bit words to {ids} and, as the
// last line of its stdout, one JSON object with cold_s, warm_s (seconds) and
// resolution_s (its clock's smallest step), and load_s if it knows it:
//
//   --peer-command 'quicktok-native=/tmp/qt-peer/quicktok_driver /tmp/qt/data {encoding} {corpus} {ids} {runs}'
//     -> {"load_s":0.02,"cold_s":0.041,"warm_s":0.038,"resolution_s":2e-8,...}
//
// A peer whose name ends in -native is compared with tokenlab-native, one
// ending in -wasm with tokenlab-wasm.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';

/** @param {string} spec NAME=COMMAND @returns {{name: string, command: string}} */
export function parsePeerCommand(spec) {
  const equals = spec.indexOf('=');
  if (equals <= 0 || equals === spec.length - 1) throw new Error(`--peer-command wants NAME=COMMAND, got "${spec}"`);
  const name = spec.slice(0, equals);
  if (!/^[A-Za-z0-9_.-]+$/.test(name)) throw new Error(`--peer-command name "${name}": letters, digits, _ . - only`);
  return { name, command: spec.slice(equals + 1) };
}

const quote = (value) => `'${String(value).replaceAll("'", "'\\''")}'`;

/** @param {string} command @param {Record<string, string | number>} values */
export function substitute(command, values) {
  return command.replace(/\{(corpus|encoding|ids|runs)\}/g, (_, key) => quote(values[key]));
}

/** @param {Buffer} bytes */
function decodeIds(bytes) {
  if (bytes.length % 4 !== 0) throw new Error(`ids file of ${bytes.length} bytes is not whole 32-bit words`);
  const ids = new Array(bytes.length / 4);
  for (let i = 0; i < ids.length; ++i) ids[i] = bytes.readUInt32LE(i * 4);
  return ids;
}

/**
 * Runs a peer once on one input; null with a reason when it fails (an
 * encoding it does not know, say), so the benchmark can go on without it.
 * @returns {{ids: number[], coldSeconds: number, warmSeconds: number, loadSeconds: number | null, resolution: number} | {error: string}}
 */
export function runPeer(peer, { corpus, encoding, runs, idsFile }) {
  rmSync(idsFile, { force: true });
  const command = substitute(peer.command, { corpus, encoding, ids: idsFile, runs });
  const result = spawnSync('bash', ['-c', command], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (result.status !== 0) return { error: `exit ${result.status}: ${(result.stderr || '').trim().split('\n').pop()}` };
  const last = result.stdout.trim().split('\n').pop() ?? '';
  let report;
  try {
    report = JSON.parse(last);
  } catch {
    return { error: `last line of its output is not JSON: ${last.slice(0, 200)}` };
  }
  for (const key of ['cold_s', 'warm_s', 'resolution_s']) {
    if (typeof report[key] !== 'number') return { error: `its report has no number ${key}: ${last.slice(0, 200)}` };
  }
  if (!existsSync(idsFile)) return { error: `it wrote no ids to ${idsFile}` };
  const ids = decodeIds(readFileSync(idsFile));
  rmSync(idsFile, { force: true });
  return { ids, coldSeconds: report.cold_s, warmSeconds: report.warm_s, loadSeconds: typeof report.load_s === 'number' ? report.load_s : null,
    resolution: report.resolution_s };
}

/** The tokenlab row a peer is compared with: tokenlab-native for NAME-native, tokenlab-wasm for NAME-wasm. @param {string} name */
export function counterpartOf(name) {
  if (name.endsWith('-native')) return 'tokenlab-native';
  if (name.endsWith('-wasm')) return 'tokenlab-wasm';
  return null;
}
