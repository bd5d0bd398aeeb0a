// Loads the web build of the module in node. Emscripten 3.1.6's ES6 loader
// expects `require` and `__dirname` and cannot fetch file URLs in node, so we
// provide both and hand it the .wasm bytes.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { createEngine } from '../../web/engine/engine.js';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '../..');
export const distDir = path.join(repoRoot, 'web', 'dist');
export const vocabDir = process.env.TOKENLAB_VOCAB_DIR || path.join(distDir, 'vocab');

export async function loadEngine() {
  globalThis.require ??= createRequire(import.meta.url);
  globalThis.__dirname ??= distDir;
  const { default: factory } = await import(pathToFileURL(path.join(distDir, 'tokenlab.js')).href);
  const wasmBinary = await readFile(path.join(distDir, 'tokenlab.wasm'));
  return createEngine(factory, { wasmBinary });
}

export async function readVocab(name) {
  return new Uint8Array(await readFile(path.join(vocabDir, `${name}.tiktoken`)));
}
