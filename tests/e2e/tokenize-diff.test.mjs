// Diff mode: two texts, the count of each in every chosen tokenizer equal to
// the engine's encode of that text, and the changed tokens marked: the
// unmarked tokens of the two sides are the same sequence, as long as a longest
// common subsequence of the two id lists (a plain table computes it here),
// and each drawn token's text is the text of its id's span.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { loadEngine, readVocab, vocabDir } from '../wasm/load-engine.mjs';
import { openSite } from './harness.mjs';

/** @type {Awaited<ReturnType<typeof openSite>>} */
let site;
/** @type {Awaited<ReturnType<typeof loadEngine>>} */
let engine;

before(async () => {
  engine = await loadEngine();
  site = await openSite({ needs: ['dist/vocab/llama3.json'] });
});
after(async () => {
  await site?.close();
});

const texts = [
  'Summarize the report below in three sentences for the board. Kuznetsov wrote it in 2024.',
  'Summarize the report below in two short sentences for a new colleague. Kuznetsov wrote it in 2025!',
];

/** @param {number[]} a @param {number[]} b */
function lcsLength(a, b) {
  const table = Array.from({ length: a.length + 1 }, () => new Array(b.length + 1).fill(0));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) table[i][j] = a[i - 1] === b[j - 1] ? table[i - 1][j - 1] + 1 : Math.max(table[i - 1][j], table[i][j - 1]);
  }
  return table[a.length][b.length];
}

test('Diff mode counts both texts in each chosen tokenizer as the engine does and marks the tokens outside their common subsequence', async () => {
  const { page, problems } = await site.open(`#t=cl100k_base&in=diff&dt=o200k_base,llama3&text=${encodeURIComponent(JSON.stringify(texts))}`);
  await page.waitForSelector('#diff-summary[data-added]', { timeout: 60_000 });
  await page.waitForFunction(() => document.querySelectorAll('#diff-counts tr[data-after]').length === 3, null, { timeout: 60_000 });
  const rows = await page.$$eval('#diff-counts tr', (items) => items.map((row) => ({ key: row.dataset.tokenizer, before: Number(row.dataset.before), after: Number(row.dataset.after), difference: row.cells[3].textContent })));
  assert.deepEqual(rows.map((row) => row.key), ['cl100k_base', 'o200k_base', 'llama3']);

  const tokenizers = {
    cl100k_base: engine.loadTiktoken('cl100k_base', await readVocab('cl100k_base')),
    o200k_base: engine.loadTiktoken('o200k_base', await readVocab('o200k_base')),
    llama3: engine.loadTokenizerJson('llama3', new Uint8Array(readFileSync(path.join(vocabDir, 'llama3.json')))),
  };
  try {
    for (const row of rows) {
      const tokenizer = tokenizers[/** @type {keyof typeof tokenizers} */ (row.key)];
      assert.equal(row.before, tokenizer.count(texts[0]), `${row.key} before`);
      assert.equal(row.after, tokenizer.count(texts[1]), `${row.key} after`);
      const difference = row.after - row.before;
      assert.equal(row.difference, difference === 0 ? '0' : `${difference > 0 ? '+' : '−'}${Math.abs(difference)}`);
    }
    // llama3 adds its BOS to each text, as the view's switch for added tokens says.
    assert.equal(rows[2].before, tokenizers.llama3.count(texts[0], { addSpecialTokens: false }) + 1);

    const [first, second] = texts.map((text) => tokenizers.cl100k_base.encode(text, { addSpecialTokens: false }));
    const sides = await page.evaluate(() => ['#diff-before-tokens', '#diff-after-tokens'].map((selector) =>
      [...document.querySelectorAll(`${selector} .diff-token`)].map((token) => ({ id: Number(token.getAttribute('data-id')), text: token.textContent, mark: token.tagName.toLowerCase() }))));
    assert.deepEqual(sides[0].map((token) => token.id), Array.from(first.ids));
    assert.deepEqual(sides[1].map((token) => token.id), Array.from(second.ids));
    for (const [side, encoding] of [[sides[0], first], [sides[1], second]]) {
      side.forEach((token, at) => assert.equal(token.text, Buffer.from(encoding.bytes.subarray(encoding.starts[at], encoding.ends[at])).toString('utf8')));
    }
    assert.ok(sides[0].every((token) => token.mark === 'span' || token.mark === 'del'));
    assert.ok(sides[1].every((token) => token.mark === 'span' || token.mark === 'ins'));
    const keptBefore = sides[0].filter((token) => token.mark === 'span').map((token) => token.id);
    const keptAfter = sides[1].filter((token) => token.mark === 'span').map((token) => token.id);
    assert.deepEqual(keptBefore, keptAfter, 'the unmarked tokens are common to both');
    assert.equal(keptBefore.length, lcsLength(Array.from(first.ids), Array.from(second.ids)), 'and as many as a longest common subsequence');
    const added = sides[1].filter((token) => token.mark === 'ins').map((token) => token.text).join('|');
    const removed = sides[0].filter((token) => token.mark === 'del').map((token) => token.text).join('|');
    assert.match(added, / two\| short/);
    assert.match(removed, / three/);
    assert.equal(await page.locator('#diff-summary').getAttribute('data-added'), String(sides[1].length - keptAfter.length));
    // The chips below are the second text's.
    assert.equal(await page.locator('#count-tokens').getAttribute('data-value'), String(second.ids.length));
  } finally {
    for (const tokenizer of Object.values(tokenizers)) tokenizer.delete();
  }
  assert.deepEqual(problems, []);
  await page.context().close();
});

test('a Diff link whose texts are not two strings says so and compares the example', async () => {
  const { page, problems } = await site.open(`#t=cl100k_base&in=diff&text=${encodeURIComponent('[1, "x"]')}`);
  await page.waitForSelector('#diff-summary[data-added]', { timeout: 60_000 });
  await page.waitForSelector('#tokenize-error:not([hidden])', { timeout: 60_000 });
  assert.match(await page.locator('#tokenize-error-text').textContent(), /not a JSON list of two strings/);
  assert.ok((await page.locator('#diff-before').inputValue()).length > 0);
  assert.deepEqual(problems, []);
  await page.context().close();
});
