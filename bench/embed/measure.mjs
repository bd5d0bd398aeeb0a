// Runs one trainer as a child process under GNU time (/usr/bin/time -v) for
// its peak memory, and reads the child's CPU time from /proc whenever a line
// of its stderr matches a marker, so training can be timed apart from
// reading the corpus and writing the vectors.
//
//   const run = await runMeasured('fasttext', ['skipgram', ...], {
//     markers: { start: /^Number of labels/, end: /^Progress: 100/ },
//   });
//   run.marks.end.cpuSeconds - run.marks.start.cpuSeconds  // training CPU time
//   run.maxRssMb, run.cpuSeconds, run.wallSeconds, run.stdout
//
// Lines are split at \r as well as \n (progress lines end in \r). A marker
// records its first matching line; onLine sees every line with the child's
// CPU and wall time at that moment. CPU time is user + system time of the
// trainer process itself (all its threads), read from /proc/PID/stat in
// clock ticks, so it is exact to a tick (10 ms) plus the delay before this
// process reads the line.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const kTimeBinary = '/usr/bin/time';
const clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

// The trainer: the one child of the time process.
function childOf(pid) {
  try {
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/);
    return children[0] ? Number(children[0]) : null;
  } catch {
    return null;
  }
}

function cpuSecondsOf(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start at field 3.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const userTicks = Number(fields[11]);
    const systemTicks = Number(fields[12]);
    return (userTicks + systemTicks) / clockTicks;
  } catch {
    return null;
  }
}

// GNU time's -v report: "Maximum resident set size (kbytes): 123456" and friends.
function parseTimeReport(text) {
  const field = (label) => {
    const match = text.match(new RegExp(`${label}[^:]*:\\s*([\\d.:]+)`));
    return match ? match[1] : null;
  };
  const wall = (field('Elapsed \\(wall clock\\) time') || '0').split(':').map(Number);
  return {
    maxRssMb: Number(field('Maximum resident set size')) / 1024,
    cpuSeconds: Number(field('User time')) + Number(field('System time')),
    wallSeconds: wall.reduce((sum, part) => sum * 60 + part, 0),
    exitStatus: Number(field('Exit status')),
  };
}

export function runMeasured(command, args, { markers = {}, onLine = null, env = process.env, cwd } = {}) {
  const reportDir = mkdtempSync(path.join(tmpdir(), 'tokenlab-embed-time-'));
  const reportFile = path.join(reportDir, 'time.txt');
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(kTimeBinary, ['-v', '-o', reportFile, command, ...args], {
      env,
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let trainerPid = null;
    const marks = {};
    let stdout = '';
    let stderrTail = '';
    let pending = '';
    const now = () => {
      trainerPid ??= childOf(child.pid);
      return { cpuSeconds: trainerPid ? cpuSecondsOf(trainerPid) : null, wallSeconds: (performance.now() - started) / 1000 };
    };
    const line = (text) => {
      if (text.trim() === '') return;
      const at = now();
      for (const [name, pattern] of Object.entries(markers)) {
        if (!marks[name] && pattern.test(text)) marks[name] = { ...at, line: text };
      }
      onLine?.(text, at);
    };
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      pending += chunk;
      const parts = pending.split(/[\r\n]/);
      pending = parts.pop();
      parts.forEach(line);
      stderrTail = (stderrTail + chunk).slice(-4000);
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (pending) line(pending);
      let report;
      try {
        report = parseTimeReport(readFileSync(reportFile, 'utf8'));
      } catch {
        report = { maxRssMb: null, cpuSeconds: null, wallSeconds: null, exitStatus: code };
      }
      rmSync(reportDir, { recursive: true, force: true });
      if (code !== 0 || report.exitStatus !== 0) {
        reject(new Error(`${command} ${args.join(' ')} failed (exit ${report.exitStatus ?? code}):\n${stderrTail}`));
        return;
      }
      resolve({ ...report, marks, stdout });
    });
  });
}
