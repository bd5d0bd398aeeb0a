// The CLI's word-vector questions with --post-process, and evaluate-vectors:
// answers computed here from the file's own numbers, errors as exit code 2.
//
//   node --test tests/cli/vectors-cli.test.mjs    (TOKENLAB_CLI=path/to/tokenlab for another build)
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';

import { repoRoot } from '../wasm/load-engine.mjs';

const cli = process.env.TOKENLAB_CLI || path.join(repoRoot, 'build', 'src', 'cli', 'tokenlab');
const dir = mkdtempSync(path.join(tmpdir(), 'tokenlab-vectors-'));

function run(args) {
  const result = spawnSync(cli, args, { encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

// Six words sharing a large offset (10 in every dimension), as trained vectors do.
const rows = {
  king: [1, 0.2, 0, 0.1],
  queen: [0.9, 0.3, 0.1, 0],
  man: [0.1, 0, 1, 0.2],
  woman: [0, 0.1, 0.9, 0.3],
  pizza: [-1, -0.2, -0.5, -0.4],
  bread: [-0.9, -0.4, -0.6, -0.3],
};
const words = Object.keys(rows);
const file = path.join(dir, 'tiny.vec');
writeFileSync(file, `${words.length} 4\n${words.map((w) => `${w} ${rows[w].map((v) => v + 10).join(' ')}`).join('\n')}\n`);

function cosine(a, b) {
  const dot = a.reduce((sum, x, i) => sum + x * b[i], 0);
  return dot / Math.sqrt(a.reduce((s, x) => s + x * x, 0) * b.reduce((s, x) => s + x * x, 0));
}
const mean = [0, 1, 2, 3].map((i) => words.reduce((sum, w) => sum + rows[w][i] + 10, 0) / words.length);
const centred = (w) => rows[w].map((v, i) => v + 10 - mean[i]);
const raw = (w) => rows[w].map((v) => v + 10);

test('similarity is the cosine of the rows, or of the centred rows with --post-process centre', () => {
  const plain = run(['similarity', file, 'king', 'pizza']);
  assert.equal(plain.status, 0, plain.stderr);
  assert.ok(Math.abs(Number(plain.stdout) - cosine(raw('king'), raw('pizza'))) < 1e-4);
  assert.ok(Number(plain.stdout) > 0.9, 'the offset makes every pair alike');
  const centre = run(['similarity', file, 'king', 'pizza', '--post-process', 'centre']);
  assert.equal(centre.status, 0, centre.stderr);
  assert.ok(Math.abs(Number(centre.stdout) - cosine(centred('king'), centred('pizza'))) < 1e-4);
  assert.ok(Number(centre.stdout) < 0);
});

test('neighbors and analogy take --post-process', () => {
  const list = run(['neighbors', file, 'king', '-k', '5', '--post-process', 'centre']).stdout.trim().split('\n');
  const expected = words.filter((w) => w !== 'king').sort((a, b) => cosine(centred('king'), centred(b)) - cosine(centred('king'), centred(a)));
  assert.deepEqual(list.map((line) => line.split('\t')[0]), expected);
  const analogy = run(['analogy', file, 'king', 'man', 'woman', '-k', '1', '--post-process', 'centre+1']);
  assert.equal(analogy.status, 0, analogy.stderr);
  assert.equal(analogy.stdout.split('\t')[0], 'queen');
});

test('evaluate-vectors scores analogies and similarities and names the choice', () => {
  const questions = path.join(dir, 'questions.txt');
  writeFileSync(questions, ': royalty\nman king woman queen\nking man queen woman\nman woman pizza unknownword\n');
  const pairs = path.join(dir, 'pairs.txt');
  writeFileSync(pairs, '# word1 word2 score\nking queen 9\nking pizza 1\nbread pizza 8\nman woman 7\n');
  const result = run(['evaluate-vectors', file, '--analogies', questions, '--similarity', pairs, '--post-process', 'centre']);
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stdout, /^post-processing +centre$/m);
  assert.match(result.stdout, /^analogies +questions\.txt +1\.0000 \(2 of 3 covered\)$/m);
  const spearman = Number(/^similarity +pairs\.txt +([-\d.]+)/m.exec(result.stdout)?.[1]);
  // Human ranks 9 > 8 > 7 > 1 against the centred cosines' ranks.
  const cosines = [['king', 'queen'], ['king', 'pizza'], ['bread', 'pizza'], ['man', 'woman']].map(([a, b]) => cosine(centred(a), centred(b)));
  const rank = (values) => values.map((v) => values.filter((w) => w > v).length);
  const [human, model] = [rank([9, 1, 8, 7]), rank(cosines)];
  const d2 = human.reduce((sum, r, i) => sum + (r - model[i]) ** 2, 0);
  assert.ok(Math.abs(spearman - (1 - (6 * d2) / (4 * 15))) < 1e-4, result.stdout);
});

test('bad post-processing choices and missing inputs are exit code 2 with a message', () => {
  for (const [args, message] of [
    [['similarity', file, 'king', 'queen', '--post-process', 'mean'], /post-processing must be none, centre or centre\+D/],
    [['neighbors', file, 'king', '--post-process', 'centre+4'], /cannot remove 4 principal components of 4-dimensional vectors/],
    [['evaluate-vectors', file], /give --analogies FILE or --similarity FILE/],
    [['evaluate-vectors', file, '--similarity', file, '--rows', '0'], /--rows must be a whole number of at least 1/],
    [['similarity', file, 'king', 'nosuchword'], /"nosuchword" is not in the vocabulary/],
  ]) {
    const result = run(args);
    assert.equal(result.status, 2, `${args.join(' ')}: ${result.stderr}`);
    assert.match(result.stderr, message);
  }
});

test('train-vectors --post-process centre writes vectors whose mean is zero; bad choices fail before training', () => {
  const corpus = path.join(dir, 'corpus.txt');
  writeFileSync(corpus, 'the cat sat on the mat\nthe dog sat on the log\n'.repeat(200));
  const columnMeans = (/** @type {string} */ text) => {
    const rowsOf = text.trim().split('\n').slice(1).map((line) => line.split(' ').slice(1).map(Number));
    return rowsOf[0].map((_, i) => rowsOf.reduce((sum, row) => sum + row[i], 0) / rowsOf.length);
  };
  const common = ['train-vectors', '--input', corpus, '--dim', '8', '--epochs', '2', '--min-count', '1', '--threads', '1', '--seed', '3', '--quiet'];
  const plainFile = path.join(dir, 'plain.vec');
  const centredFile = path.join(dir, 'centred.vec');
  assert.equal(run([...common, '--output', plainFile]).status, 0);
  const centredRun = run([...common, '--output', centredFile, '--post-process', 'centre']);
  assert.equal(centredRun.status, 0, centredRun.stderr);
  const plainMeans = columnMeans(readFileSync(plainFile, 'utf8'));
  assert.ok(plainMeans.some((m) => Math.abs(m) > 1e-3), 'trained vectors have a mean');
  for (const m of columnMeans(readFileSync(centredFile, 'utf8'))) assert.ok(Math.abs(m) < 1e-5, `column mean ${m}`);
  const bad = run([...common, '--output', path.join(dir, 'bad.vec'), '--post-process', 'centre+8']);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /cannot remove 8 principal components of 8-dimensional vectors/);
});
