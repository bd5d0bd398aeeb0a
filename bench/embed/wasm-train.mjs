// Trains one WebAssembly build in this node process and writes its .vec file;
// bench/embed.mjs runs it as a child so each build gets its own process (and
// its own peak memory).
//
//   node bench/embed/wasm-train.mjs tokenlab-wasm CORPUS OUT.vec '{"dim":100,"epochs":5,...}'
//   -> {"train_cpu_s": 20.1, "train_wall_s": 20.4, "vocabulary": 35121, "heap_mb": 61}
//
// Only training is timed: the corpus is already in the module's memory (or
// its in-memory file system) and the vectors are read out afterwards. CPU time
// is this process's (process.cpuUsage: user + system, all threads).
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../..');
const require = createRequire(import.meta.url);
const distDir = path.join(repoRoot, 'web', 'dist');

function timed(train) {
  const cpuBefore = process.cpuUsage();
  const wallBefore = performance.now();
  train();
  const cpu = process.cpuUsage(cpuBefore);
  return { train_cpu_s: (cpu.user + cpu.system) / 1e6, train_wall_s: (performance.now() - wallBefore) / 1000 };
}

// tokenlab's embedding trainer through the page's module (web/dist/tokenlab.{js,wasm})
// and its wrapper (web/engine/embedding-engine.js). Emscripten 3.1.6's ES6 loader
// expects `require` and `__dirname` in node and cannot fetch file URLs, so
// both are provided and the .wasm bytes handed over.
//
// The threads module (tokenlab-threads.{js,wasm}) takes settings.threads and
// starts a pool of that many Workers less one (node's worker_threads), each
// running bench/embed/pthread-worker.cjs.
async function trainTokenlab(corpus, settings, name = 'tokenlab') {
  globalThis.require ??= require;
  globalThis.__dirname ??= distDir;
  const url = pathToFileURL(path.join(distDir, `${name}.js`)).href;
  const { default: createModule } = await import(url);
  const module = await createModule({
    wasmBinary: readFileSync(path.join(distDir, `${name}.wasm`)),
    // At least one Worker: Emscripten 3.1.6 never resolves a threads module without.
    threadPoolSize: Math.max(1, (settings.threads ?? 1) - 1),
    mainScriptUrlOrBlob: url,
    locateFile: (file) => (file.endsWith('.worker.js') ? path.join(here, 'pthread-worker.cjs') : path.join(distDir, file)),
  });
  if (!module.EmbeddingCorpus) throw new Error('web/dist/tokenlab.wasm has no embedding engine: run build-scripts/build-wasm.sh');
  const { EmbeddingEngine } = await import(pathToFileURL(path.join(repoRoot, 'web', 'engine', 'embedding-engine.js')).href);
  const engine = new EmbeddingEngine(module);
  const wordCorpus = engine.wordCorpus('line');
  wordCorpus.addText(corpus);
  wordCorpus.finishWords(settings.minCount);
  const vocabulary = wordCorpus.vocabularySize();
  const trainer = engine.createTrainer(wordCorpus, {
    model: 'skipgram',
    dim: settings.dim,
    window: settings.window,
    negative: settings.negative,
    minCount: settings.minCount,
    sample: settings.sample,
    epochs: settings.epochs,
    learningRate: settings.lr,
    seed: settings.seed,
    threads: settings.threads ?? 1,
  });
  wordCorpus.delete();
  // Steps of 200 000 words, as a page's worker steps between its messages.
  const timing = timed(() => {
    while (!trainer.step(200_000).finished) {}
  });
  const vectors = trainer.vectors();
  const vec = vectors.toVec(settings.digits);
  const heapMb = engine.heapBytes() / 1e6;
  vectors.delete();
  trainer.delete();
  return { ...timing, vocabulary, heap_mb: heapMb, vec };
}

// Words seen at least minCount times, as fastText counts them ("</s>" for
// each line end included).
function vocabularySize(corpus, minCount) {
  const counts = new Map();
  for (const word of Buffer.from(corpus.buffer, corpus.byteOffset, corpus.length).toString('latin1').split(/[ \t\n\v\f\r\0]+/)) {
    if (word) counts.set(word, (counts.get(word) || 0) + 1);
  }
  let size = 1;
  for (const count of counts.values()) if (count >= minCount) ++size;
  return size;
}

// fastText's own WebAssembly build (npm fasttext.wasm.js): the corpus goes
// into its in-memory file system, training runs on one thread (the build has
// no threads), and the word vectors are read back one by one.
//
// Why bucket is not 0, as the command line makes it for -maxn 0: on one
// thread this build gives random starting values to the first tenth of the
// input matrix only (vocabulary + bucket rows) and leaves the rest at zero;
// with bucket 0 that is 90% of the words, and training stops with
// "Encountered NaN." With bucket = 10 x (vocabulary + 1) every word row starts
// random, as in the native command. Bucket rows are never used when maxn is 0,
// so training does the same work; they cost memory (10x the input matrix)
// and the time to fill them, inside the timed call.
async function trainFastText(corpus, settings) {
  const packageDir = path.join(here, 'node_modules', 'fasttext.wasm.js');
  const { default: createModule } = await import(path.join(packageDir, 'dist', 'core', 'fastText.node.js'));
  const module = await createModule();
  module.FS.writeFile('train.txt', corpus);
  const args = new module.Args();
  Object.assign(args, {
    input: 'train.txt',
    lr: settings.lr,
    dim: settings.dim,
    ws: settings.window,
    neg: settings.negative,
    minCount: settings.minCount,
    t: settings.sample,
    epoch: settings.epochs,
    seed: settings.seed,
    // -minn 0 -maxn 0: whole words only.
    minn: 0,
    maxn: 0,
    bucket: 10 * (vocabularySize(corpus, settings.minCount) + 1),
    thread: 1,
    verbose: 0,
  });
  args.model = module.ModelName.skipgram;
  args.loss = module.LossName.ns;
  const fastText = new module.FastText();
  const timing = timed(() => fastText.train(args, () => {}));

  const words = fastText.getWords()[0];
  const count = words.size();
  const buffer = module._malloc(settings.dim * 4);
  const lines = [`${count} ${settings.dim}`];
  for (let i = 0; i < count; ++i) {
    const word = words.get(i);
    fastText.getWordVector({ ptr: buffer, size: settings.dim }, word);
    const values = module.HEAPF32.subarray(buffer / 4, buffer / 4 + settings.dim);
    lines.push(`${word} ${Array.from(values, (value) => value.toPrecision(settings.digits || 9)).join(' ')}`);
  }
  module._free(buffer);
  return { ...timing, vocabulary: count, heap_mb: module.HEAPU8.length / 1e6, vec: `${lines.join('\n')}\n` };
}

const trainers = {
  'tokenlab-wasm': trainTokenlab,
  'tokenlab-wasm-threads': (corpus, settings) => trainTokenlab(corpus, settings, 'tokenlab-threads'),
  'fasttext-wasm': trainFastText,
};

async function main() {
  const [name, corpusPath, outPath, settingsJson] = process.argv.slice(2);
  if (!trainers[name] || !outPath) {
    throw new Error(`usage: wasm-train.mjs ${Object.keys(trainers).join('|')} CORPUS OUT.vec SETTINGS_JSON`);
  }
  const corpus = new Uint8Array(readFileSync(corpusPath));
  const { vec, ...result } = await trainers[name](corpus, JSON.parse(settingsJson));
  writeFileSync(outPath, vec);
  console.log(JSON.stringify(result));
}

await main();
// The threads module's pool Workers would keep node running.
process.exit(0);
