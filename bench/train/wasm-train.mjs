// One training run of tokenlab's WebAssembly trainer in node, for
// bench/train.mjs (which measures this process's wall time and peak memory):
// the file streamed in 1 MB chunks, as the page streams a dropped file.
//
//   node bench/train/wasm-train.mjs CORPUS VOCAB_SIZE PRETOKENIZER OUTPUT
//   → one JSON line on stdout: {merges, readMs, mergeMs, heapBytes}
import { openSync, readSync, closeSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { TrainerEngine } from '../../web/engine/trainer-engine.js';

const [corpus, vocabSize, pretokenizer, output] = process.argv.slice(2);
const distDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');

// Emscripten 3.1.6's ES6 loader expects require and __dirname in node.
globalThis.require ??= createRequire(import.meta.url);
globalThis.__dirname ??= distDir;
const { default: factory } = await import(pathToFileURL(path.join(distDir, 'tokenlab.js')).href);
const module = await factory({ wasmBinary: await readFile(path.join(distDir, 'tokenlab.wasm')) });
const engine = new TrainerEngine(module);

const started = performance.now();
const trainer = engine.createTrainer({ vocabSize: Number(vocabSize), pretokenizer, minFrequency: 2 });
const chunk = new Uint8Array(1 << 20);
const fd = openSync(corpus, 'r');
for (let got; (got = readSync(fd, chunk)) > 0; ) trainer.addText(chunk.subarray(0, got));
closeSync(fd);
trainer.finishText();
const read = performance.now();
while (trainer.step(10_000) > 0);
const merged = performance.now();
writeFileSync(output, trainer.tokenizerJson());
console.log(JSON.stringify({ merges: trainer.mergesDone, readMs: read - started, mergeMs: merged - read, heapBytes: engine.heapBytes() }));
