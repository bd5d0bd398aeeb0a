// Cut to fit: pieces of at most N tokens, each counted on its own by
// tiktoken, that join back into the text; at line or sentence ends when
// asked; the same in the page (run in the worker) with its download, and a
// link that cuts again.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';

import { get_encoding } from 'tiktoken';

import { cutText } from '../../web/engine/text-cut.js';
import { loadEngine, readVocab } from '../wasm/load-engine.mjs';
import { openSite } from './harness.mjs';

/** @type {Awaited<ReturnType<typeof openSite>>} */
let site;
/** @type {ReturnType<typeof get_encoding>} */
let reference;

before(async () => {
  site = await openSite();
  reference = get_encoding('cl100k_base');
});
after(async () => {
  reference?.free();
  await site?.close();
});

const lines = Array.from({ length: 120 }, (_, i) => `Line ${i}: the ${['quick', 'lazy', 'brave'][i % 3]} fox met ${i * 7} dogs. Then it ran! Did it? 東京${i % 10} 👍🏽${' '.repeat(i % 3)}`);
const text = lines.join('\n') + '\nNo newline at the end';

/** @param {string} piece */
const countOf = (piece) => reference.encode(piece, [], []).length;

test('the cut pieces join into the text, each at most N tokens encoded alone, at line and sentence ends when asked', async () => {
  const engine = await loadEngine();
  const tokenizer = engine.loadTiktoken('cl100k_base', await readVocab('cl100k_base'));
  try {
    const encoding = tokenizer.encode(text, { addSpecialTokens: false });
    const count = (/** @type {number} */ start, /** @type {number} */ end) => tokenizer.count(encoding.bytes.subarray(start, end), { addSpecialTokens: false });
    for (const [maxTokens, boundary] of [[40, 'tokens'], [40, 'lines'], [25, 'sentences'], [1, 'tokens'], [100_000, 'lines']]) {
      const { starts, ends, counts } = cutText(encoding, maxTokens, boundary, count);
      const pieces = Array.from(starts, (start, i) => Buffer.from(encoding.bytes.subarray(start, ends[i])).toString('utf8'));
      assert.equal(pieces.join(''), text, `${maxTokens} ${boundary}: the pieces are the text`);
      pieces.forEach((piece, i) => {
        assert.equal(counts[i], countOf(piece), `${maxTokens} ${boundary}: piece ${i}'s count is its own`);
        // A piece that cannot shrink (one character, or at N = 1 one token of the whole) may be over N.
        const cannotShrink = [...piece].length === 1 || (maxTokens === 1 && counts[i] <= 2);
        assert.ok(counts[i] <= maxTokens || cannotShrink, `${maxTokens} ${boundary}: piece ${i} has ${counts[i]} tokens`);
        if (i + 1 < pieces.length && boundary === 'lines') assert.ok(piece.endsWith('\n'), `piece ${i} ends a line`);
        if (i + 1 < pieces.length && boundary === 'sentences') assert.match(piece, /([.!?]|\n)$/, `piece ${i} ends a sentence`);
      });
      if (maxTokens === 100_000) assert.equal(pieces.length, 1);
      if (maxTokens === 40 && boundary === 'tokens') assert.ok(counts.slice(0, -1).every((c) => c >= 38), 'between any tokens the pieces are (nearly) full');
    }
  } finally {
    tokenizer.delete();
  }
});

test('in the page the text is cut in the worker, the pieces download as JSON, and a link cuts again', async () => {
  const { page, problems } = await site.open(`#t=cl100k_base&text=${encodeURIComponent(text)}`);
  await page.waitForSelector('#chip-list .chip');
  await page.locator('#cut-panel summary').click();
  await page.fill('#cut-size', '60');
  await page.selectOption('#cut-at', 'lines');
  await page.click('#cut-run');
  await page.waitForFunction(() => document.querySelector('#cut-summary')?.hasAttribute('data-pieces'));
  const shown = await page.$$eval('#cut-pieces li[data-count]', (items) => items.map((item) => Number(item.getAttribute('data-count'))));
  assert.ok(shown.length > 5 && shown.every((count) => count <= 60));

  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#cut-download')]);
  const pieces = JSON.parse(readFileSync(await download.path(), 'utf8'));
  assert.equal(pieces.map((piece) => piece.text).join(''), text);
  assert.deepEqual(pieces.map((piece) => piece.tokens), pieces.map((piece) => countOf(piece.text)));
  assert.deepEqual(pieces.map((piece) => piece.tokens), shown);
  for (const piece of pieces.slice(0, -1)) assert.ok(piece.text.endsWith('\n'));

  await page.waitForFunction(() => new URLSearchParams(location.hash.slice(1)).get('cut') === '60' && new URLSearchParams(location.hash.slice(1)).get('at') === 'lines');
  const other = await site.open(await page.evaluate(() => location.hash));
  await other.page.waitForFunction((count) => document.querySelector('#cut-summary')?.getAttribute('data-pieces') === String(count), pieces.length, { timeout: 30_000 });
  assert.equal(await other.page.locator('#cut-panel').getAttribute('open'), '');
  assert.deepEqual([...problems, ...other.problems], []);
  await other.context.close();
  await page.context().close();
});

/**
 * The longest text the page takes (view.js longestText, 32,000,000 UTF-16
 * units), made of numbered lines; run in the page and here, it gives the same text.
 * @param {number} limit
 */
function longText(limit) {
  const parts = [];
  let length = 0;
  for (let i = 0; ; i++) {
    const line = `Line ${i}: the ${['quick', 'lazy', 'brave'][i % 3]} fox met ${(i * 7919) % 100_000} dogs. Then it ran! 東京${i % 10} 👍🏽${' '.repeat(i % 4)}\n`;
    if (length + line.length > limit) break;
    parts.push(line);
    length += line.length;
  }
  return parts.join('');
}

test('at the 32 MB limit the worker cuts the text with progress, into pieces of at most N tokens that join into it', async () => {
  const limit = 32_000_000;
  const maxTokens = 8192;
  const text = longText(limit);
  const bytes = Buffer.byteLength(text);
  assert.ok(bytes > 32_000_000, 'the text is over 32 MB of UTF-8');
  const { page, problems } = await site.open('#t=cl100k_base&text=Hello');
  await page.waitForSelector('#chip-list .chip');
  // Drawing 8 million tokens' ids can hold the page's thread for a while on a busy machine.
  page.setDefaultTimeout(600_000);
  const started = Date.now();
  // The text is made in the page: 32 MB would not pass through a link or a fill quickly.
  await page.evaluate(([source, size]) => {
    const make = new Function(`return (${source})`)();
    const area = /** @type {HTMLTextAreaElement} */ (document.querySelector('#tokenize-text'));
    area.value = make(size);
    area.dispatchEvent(new Event('input', { bubbles: true }));
  }, [longText.toString(), limit]);
  await page.waitForFunction((size) => Number(document.querySelector('#count-bytes')?.getAttribute('data-value')) === size, bytes, { timeout: 600_000 });
  const encoded = Date.now();
  // Progress: the bar's value, sampled while the cut runs.
  await page.evaluate(() => {
    const bar = /** @type {HTMLProgressElement} */ (document.querySelector('#cut-progress progress'));
    const seen = /** @type {number[]} */ ((/** @type {any} */ (window)).cutProgress = []);
    const sample = () => {
      if (bar.hasAttribute('value') && !bar.closest('[hidden]')) seen.push(bar.value / bar.max);
      if (!document.querySelector('#cut-summary')?.hasAttribute('data-pieces')) requestAnimationFrame(sample);
    };
    requestAnimationFrame(sample);
  });
  await page.locator('#cut-panel summary').click();
  await page.fill('#cut-size', String(maxTokens));
  await page.click('#cut-run');
  await page.waitForFunction(() => document.querySelector('#cut-summary')?.hasAttribute('data-pieces'), null, { timeout: 600_000 });
  const cut = Date.now();
  const progress = await page.evaluate(() => /** @type {number[]} */ ((/** @type {any} */ (window)).cutProgress));
  assert.ok(progress.some((fraction) => fraction > 0 && fraction < 1), `the bar moved while cutting (${progress.length} samples)`);

  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#cut-download')]);
  const pieces = JSON.parse(readFileSync(await download.path(), 'utf8'));
  assert.equal(pieces.length, Number(await page.locator('#cut-summary').getAttribute('data-pieces')));
  assert.ok(pieces.map((piece) => piece.text).join('') === text, 'the pieces join into the text');
  // Every piece re-encoded by the engine in node, and one in 25 by tiktoken too
  // (tiktoken's JavaScript binding would take minutes over all 32 MB).
  const engine = await loadEngine();
  const tokenizer = engine.loadTiktoken('cl100k_base', await readVocab('cl100k_base'));
  let tokens = 0;
  try {
    for (const [index, piece] of pieces.entries()) {
      const count = tokenizer.count(piece.text, { addSpecialTokens: false });
      assert.equal(piece.tokens, count, `piece ${index}'s count is its own`);
      if (index % 25 === 0) assert.equal(countOf(piece.text), count, `piece ${index}: tiktoken's count`);
      assert.ok(count <= maxTokens, `piece ${index} has ${count} tokens`);
      tokens += count;
    }
  } finally {
    tokenizer.delete();
  }
  assert.ok(pieces.length >= tokens / maxTokens, `${pieces.length} pieces for ${tokens} tokens`);
  assert.deepEqual(problems, []);
  // The times are printed, not asserted: speed is measured in bench/.
  console.log(`32 MB: encoded in the view in ${encoded - started} ms, cut into ${pieces.length} pieces in ${cut - encoded} ms, checked in ${Date.now() - cut} ms`);
  await page.context().close();
});
