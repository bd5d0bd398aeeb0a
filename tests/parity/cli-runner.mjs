// The native CLI as the parity tests run it: stdout goes to a file, so a busy
// event loop never stalls the child, and the ids come back as numbers.
import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { repoRoot } from '../wasm/load-engine.mjs';

export const cliPath = process.env.TOKENLAB_CLI || path.join(repoRoot, 'build', 'src', 'cli', 'tokenlab');

export function runCli(args, outFile) {
  return new Promise((resolve, reject) => {
    const out = openSync(outFile, 'w');
    const child = spawn(cliPath, args, { stdio: ['ignore', out, 'pipe'] });
    closeSync(out);
    let stderr = '';
    child.stderr.on('data', (data) => { stderr += data; });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(readFileSync(outFile));
      else reject(new Error(`tokenlab ${args.join(' ')} exited with ${code}: ${stderr.trim()}`));
    });
  });
}

export const parseIds = (output) => {
  const line = output.toString().trim();
  return line === '' ? [] : line.split(' ').map(Number);
};
