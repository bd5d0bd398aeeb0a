// The word map's parts in node: the grid index finds the nearest point as a
// scan of every point does, the label placer never lets two boxes overlap,
// the import sorts out a .vec file or a TSV pair and refuses the rest, and
// the engine's k-means and TSV bindings answer as src/embedding does.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';

import { PointGrid } from '../../web/common/map-index.js';
import { LabelPlacer } from '../../web/common/map-labels.js';
import { importOf } from '../../web/embeddings/vector-files.js';
import { EmbeddingEngine } from '../../web/engine/embedding-engine.js';
import { loadEngine } from './load-engine.mjs';
import { seededRandom } from '../seeded-random.mjs';

/** @type {EmbeddingEngine} */
let engine;

before(async () => {
  engine = new EmbeddingEngine((await loadEngine()).module);
});

test('the grid index gives the nearest point within the radius, ties to the lower index, as a full scan does', () => {
  const random = seededRandom(1);
  const count = 5000;
  const x = new Float32Array(count);
  const y = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    // Clumps and a few repeated positions, so ties happen.
    x[i] = i % 50 === 7 ? 1 : Math.round(random() * 400) / 4;
    y[i] = i % 50 === 7 ? 1 : Math.round(random() * 200) / 4;
  }
  const grid = new PointGrid(x, y);
  for (let q = 0; q < 500; q++) {
    const px = q < 20 ? 1 : random() * 110 - 5;
    const py = q < 20 ? 1 : random() * 60 - 5;
    const radius = [0.1, 0.5, 2, 10][q % 4];
    let expected = -1;
    let best = radius * radius;
    for (let i = 0; i < count; i++) {
      const d = (x[i] - px) ** 2 + (y[i] - py) ** 2;
      if (d < best) {
        best = d;
        expected = i;
      }
    }
    assert.equal(grid.nearest(px, py, radius), expected, `query ${q} at (${px}, ${py}) radius ${radius}`);
  }
  assert.equal(new PointGrid(new Float32Array(0), new Float32Array(0)).nearest(0, 0, 5), -1);
});

test('the label placer follows its header example and never lets boxes overlap', () => {
  const example = new LabelPlacer(300, 200);
  assert.deepEqual(example.place(60, 50, 40, 14), { left: 64, top: 42, right: 106, bottom: 58 });
  assert.deepEqual(example.place(62, 50, 40, 14), { left: 16, top: 42, right: 58, bottom: 58 });

  const random = seededRandom(4);
  const placer = new LabelPlacer(390, 300);
  const boxes = [];
  for (let i = 0; i < 3000; i++) {
    const box = placer.place(random() * 390, random() * 300, 10 + random() * 60, 15);
    if (box) boxes.push(box);
  }
  assert.ok(boxes.length > 40, `${boxes.length} placed`);
  for (let a = 0; a < boxes.length; a++) {
    const box = boxes[a];
    assert.ok(box.left >= 0 && box.top >= 0 && box.right <= 390 && box.bottom <= 300);
    for (let b = a + 1; b < boxes.length; b++) {
      const other = boxes[b];
      assert.ok(!(box.left < other.right && other.left < box.right && box.top < other.bottom && other.top < box.bottom), `boxes ${a} and ${b} overlap`);
    }
  }
});

test('an import is one .vec file or a TSV pair, told apart by name or by content; the rest is refused', async () => {
  const file = (/** @type {string} */ name, /** @type {string} */ text) => new File([text], name);
  const vec = file('a.vec', '1 2\nx 1 2\n');
  assert.deepEqual(await importOf([vec]), { kind: 'vec', file: vec });
  const vectors = file('vectors.tsv', '1\t2\n');
  const metadata = file('metadata.tsv', 'x\n');
  assert.deepEqual(await importOf([metadata, vectors]), { kind: 'tsv', vectors, metadata });
  const numbers = file('one.tsv', '0.5\t-1e3\n');
  const names = file('two.tsv', 'word\tcount\nx\t1\n');
  assert.deepEqual(await importOf([names, numbers]), { kind: 'tsv', vectors: numbers, metadata: names });
  for (const files of [[vectors], [vectors, metadata, file('more.tsv', '')], [vectors, vec], [file('one.tsv', '1\n'), file('two.tsv', '2\n')]]) {
    const result = await importOf(files);
    assert.equal(result.kind, 'error', files.map((f) => f.name).join(', '));
  }
  // Too large: refused from the sizes alone, before anything is read.
  const huge = /** @type {File} */ (/** @type {unknown} */ ({ name: 'huge-vectors.tsv', size: 300 * 1024 * 1024 }));
  const result = await importOf([huge, metadata]);
  assert.equal(result.kind, 'error');
  assert.match(result.kind === 'error' ? result.message : '', /huge-vectors\.tsv and metadata\.tsv are 300 MB; the page imports vector files of at most 200 MB/);
});

test('the engine clusters by k-means with progress and reads and writes the TSV pair', () => {
  const random = seededRandom(9);
  const count = 600;
  const dim = 5;
  const values = new Float32Array(count * dim);
  for (let i = 0; i < count; i++) for (let d = 0; d < dim; d++) values[i * dim + d] = (d === i % 4 ? 1 : 0) + 0.2 * (random() - 0.5);
  const words = Array.from({ length: count }, (_, i) => `w${i}`);
  const vectors = engine.vectorsFromRows(words, values, dim);
  try {
    const heard = [];
    const clustering = vectors.kmeans(count, 4, { seed: 3, perCluster: 5, onIteration: (iteration, limit) => heard.push([iteration, limit]) });
    assert.ok(clustering.converged);
    assert.deepEqual(heard.map(([iteration]) => iteration), Array.from({ length: clustering.iterations }, (_, i) => i + 1));
    assert.equal(clustering.assignment.length, count);
    // The four directions are the four clusters.
    for (let i = 0; i < count; i++) assert.equal(clustering.assignment[i], clustering.assignment[i % 4]);
    assert.deepEqual([...clustering.sizes], [150, 150, 150, 150]);
    assert.equal(clustering.top.length, 20);
    for (let c = 0; c < 4; c++) for (const row of clustering.top.subarray(c * 5, c * 5 + 5)) assert.equal(clustering.assignment[row], c);
    assert.throws(() => vectors.kmeans(count, 0), /at least one cluster/);

    const pair = vectors.toTsv();
    const text = new TextDecoder().decode(pair.metadata);
    assert.equal(text, `${words.join('\n')}\n`);
    const back = engine.vectorsFromTsv(pair.vectors, pair.metadata);
    try {
      assert.equal(back.size, count);
      assert.deepEqual(back.rows(count), vectors.rows(count));
    } finally {
      back.delete();
    }
    const encode = (/** @type {string} */ s) => new TextEncoder().encode(s);
    assert.throws(() => engine.vectorsFromTsv(encode('1\t2\n3\n'), encode('a\nb\n')), /vectors\.tsv line 2: 1 values, but line 1 has 2/);
  } finally {
    vectors.delete();
  }
});
