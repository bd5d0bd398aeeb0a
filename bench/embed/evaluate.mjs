// One evaluation for every trainer's .vec file, so the quality columns of
// bench/embed.mjs compare like with like.
//
//   const vectors = readVec(await readFile('model.vec', 'utf8'));
//   const sets = await loadEvalSets('/work/shared/data/eval');
//   evaluate(vectors, sets)
//     -> { analogy: { correct: 812, covered: 9024, total: 19544, accuracy: 0.09 },
//          wordsim353: { rho: 0.51, pairs: 331, total: 353 }, simlex999: {...},
//          king: 'queen' }
//
// Scoring follows the README of the evaluation sets: analogies by 3CosAdd
// (argmax over the vocabulary of cos(d, b) - cos(d, a) + cos(d, c), the three
// question words excluded) over the questions whose four words are all in the
// vocabulary; Spearman's rho of cosine against the human scores over the
// pairs whose two words are in the vocabulary. Every word is lower-cased,
// as the corpus is. Tie-breaks: equal analogy scores go to the lower row
// (the more frequent word in a frequency-sorted .vec); tied values share
// their mean rank in Spearman's rho.
import { readFile } from 'node:fs/promises';
import path from 'node:path';

// word2vec text format: an optional "count dim" header, then "word v1 ... vdim".
// Rows are scaled to unit length here (a zero row stays zero).
export function readVec(text) {
  const lines = text.split('\n');
  let first = 0;
  const header = lines[0].trim().split(/\s+/);
  let dim = 0;
  if (header.length === 2 && /^\d+$/.test(header[0]) && /^\d+$/.test(header[1])) {
    dim = Number(header[1]);
    first = 1;
  } else {
    dim = header.length - 1;
  }
  const words = [];
  const rows = [];
  for (let i = first; i < lines.length; ++i) {
    const fields = lines[i].trim().split(/[ \t]+/);
    if (fields.length === 1 && fields[0] === '') continue;
    if (fields.length !== dim + 1) throw new Error(`.vec line ${i + 1}: ${fields.length - 1} values, expected ${dim}`);
    words.push(fields[0]);
    rows.push(fields);
  }
  const unit = new Float32Array(words.length * dim);
  rows.forEach((fields, row) => {
    let norm = 0;
    for (let j = 0; j < dim; ++j) {
      const value = Number(fields[j + 1]);
      unit[row * dim + j] = value;
      norm += value * value;
    }
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let j = 0; j < dim; ++j) unit[row * dim + j] *= scale;
  });
  // The first row of a word given twice wins.
  const rowOf = new Map();
  words.forEach((word, row) => {
    if (!rowOf.has(word)) rowOf.set(word, row);
  });
  return { words, dim, unit, rowOf };
}

export async function loadEvalSets(evalDir) {
  const read = (name) => readFile(path.join(evalDir, name), 'utf8');
  const questions = [];
  for (const line of (await read('questions-words.txt')).split('\n')) {
    if (line.startsWith(':') || line.trim() === '') continue;
    const words = line.trim().toLowerCase().split(/\s+/);
    if (words.length === 4) questions.push(words);
  }
  const pairs = (text) =>
    text
      .split('\n')
      .filter((line) => line.trim() !== '' && !line.startsWith('#'))
      .map((line) => {
        const [a, b, score] = line.trim().split(/\t/);
        return { a: a.toLowerCase(), b: b.toLowerCase(), score: Number(score) };
      });
  return {
    questions,
    wordsim353: pairs(await read('wordsim353.tsv')),
    simlex999: pairs(await read('simlex999.txt')),
  };
}

function dot(unit, dim, rowA, rowB) {
  let sum = 0;
  const a = rowA * dim;
  const b = rowB * dim;
  for (let j = 0; j < dim; ++j) sum += unit[a + j] * unit[b + j];
  return sum;
}

// The cosine of every vocabulary row with row `row`.
function cosinesWith(vectors, row) {
  const { unit, dim, words } = vectors;
  const result = new Float32Array(words.length);
  for (let other = 0; other < words.length; ++other) result[other] = dot(unit, dim, other, row);
  return result;
}

// 3CosAdd for a : b :: c : ?, the best row other than a, b and c; -1 for none.
function bestAnalogyRow(cosA, cosB, cosC, a, b, c) {
  let best = -1;
  let bestScore = -Infinity;
  for (let row = 0; row < cosA.length; ++row) {
    const score = cosB[row] - cosA[row] + cosC[row];
    if (score > bestScore && row !== a && row !== b && row !== c) {
      bestScore = score;
      best = row;
    }
  }
  return best;
}

// Each distinct question word's cosines are computed once and shared by all
// its questions: about 900 matrix-vector products instead of three per question.
export function evaluateAnalogies(vectors, questions) {
  const covered = questions
    .map((words) => words.map((word) => vectors.rowOf.get(word)))
    .filter((rows) => rows.every((row) => row !== undefined));
  const cosines = new Map();
  const cosinesOf = (row) => {
    if (!cosines.has(row)) cosines.set(row, cosinesWith(vectors, row));
    return cosines.get(row);
  };
  let correct = 0;
  for (const [a, b, c, d] of covered) {
    if (bestAnalogyRow(cosinesOf(a), cosinesOf(b), cosinesOf(c), a, b, c) === d) ++correct;
  }
  return {
    correct,
    covered: covered.length,
    total: questions.length,
    accuracy: covered.length ? correct / covered.length : 0,
  };
}

// Ranks from 1, tied values sharing their mean rank.
function ranks(values) {
  const order = values.map((value, index) => ({ value, index })).sort((x, y) => x.value - y.value);
  const result = new Array(values.length);
  for (let start = 0; start < order.length; ) {
    let end = start;
    while (end + 1 < order.length && order[end + 1].value === order[start].value) ++end;
    const mean = (start + end) / 2 + 1;
    for (let k = start; k <= end; ++k) result[order[k].index] = mean;
    start = end + 1;
  }
  return result;
}

export function spearman(xs, ys) {
  const rx = ranks(xs);
  const ry = ranks(ys);
  const n = xs.length;
  const mean = (n + 1) / 2;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; ++i) {
    sxy += (rx[i] - mean) * (ry[i] - mean);
    sxx += (rx[i] - mean) ** 2;
    syy += (ry[i] - mean) ** 2;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : 0;
}

export function evaluateSimilarity(vectors, pairs) {
  const model = [];
  const human = [];
  for (const { a, b, score } of pairs) {
    const rowA = vectors.rowOf.get(a);
    const rowB = vectors.rowOf.get(b);
    if (rowA === undefined || rowB === undefined) continue;
    model.push(dot(vectors.unit, vectors.dim, rowA, rowB));
    human.push(score);
  }
  return { rho: spearman(model, human), pairs: model.length, total: pairs.length };
}

// The top 3CosAdd answer to plus1 - minus + plus2 (king - man + woman), or null.
export function analogyAnswer(vectors, plus1, minus, plus2) {
  const rows = [minus, plus1, plus2].map((word) => vectors.rowOf.get(word));
  if (rows.some((row) => row === undefined)) return null;
  const [a, b, c] = rows; // a : b :: c : ?
  const best = bestAnalogyRow(cosinesWith(vectors, a), cosinesWith(vectors, b), cosinesWith(vectors, c), a, b, c);
  return best < 0 ? null : vectors.words[best];
}

export function evaluate(vectors, sets) {
  return {
    vocabulary: vectors.words.length,
    analogy: evaluateAnalogies(vectors, sets.questions),
    wordsim353: evaluateSimilarity(vectors, sets.wordsim353),
    simlex999: evaluateSimilarity(vectors, sets.simlex999),
    king: analogyAnswer(vectors, 'king', 'man', 'woman'),
  };
}
