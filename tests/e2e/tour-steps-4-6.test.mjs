// Tour steps 4–6 end to end in headless Chromium, served as a user gets it:
// the size table against rows × dimension from the reference
// vocabularies, the reader's own table and its link; BPE merge by merge on the
// explainer's corpus against the trainer run in node, a link that reopens at
// merge N, the reader's text; prose- and code-trained vocabularies, BPE beside
// Unigram on the same prose (and axe on that part), the size trade-off, and
// LLaMA 2 against LLaMA 3 with the ids transformers.js gives.
//
// Needs web/dist/ (build-scripts/test makes it).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { after, before, test } from 'node:test';

import { TrainerEngine } from '../../web/engine/trainer-engine.js';
import { loadEngine } from '../wasm/load-engine.mjs';
import { openSite } from './harness.mjs';
import { huggingFaceTokenizer, referenceVocabSize } from './references.mjs';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const explainerCorpus = 'low low low low low\nlower lower\nnewest newest newest\nwidest';

/** @type {Awaited<ReturnType<typeof openSite>>} */
let site;
/** @type {import('../../web/engine/engine.js').Engine} */
let engine;

before(async () => {
  site = await openSite({ needs: ['dist/vocab/llama2.json', 'dist/vocab/llama3.json'] });
  engine = await loadEngine();
});

after(() => site?.close());

/** Trains in node as the stepper does (whitespace pieces, min frequency 2) and runs `merges` merges. */
function stepInNode(text, merges) {
  const trainer = new TrainerEngine(engine.module).createTrainer({ vocabSize: 256 + 5000, pretokenizer: 'whitespace', minFrequency: 2 });
  trainer.addText(text);
  trainer.finishText();
  trainer.step(0);
  const before = trainer.topPairs(12);
  trainer.step(merges);
  const made = trainer.merges(0);
  const tokens = trainer.tokenBytes(256);
  const decoder = new TextDecoder();
  const plain = (id) => (id < 256 ? String.fromCharCode(id) : decoder.decode(tokens.bytes.subarray(tokens.offsets[id - 256], tokens.offsets[id - 255])));
  const firstPairs = Array.from(before.counts, (count, i) => `${plain(before.left[i])}+${plain(before.right[i])} ${count}`);
  const history = Array.from(made.ids, (id, i) => `${plain(made.left[i])}+${plain(made.right[i])}→${plain(id)} ${made.counts[i]}`);
  trainer.delete();
  return { firstPairs, history };
}

/** The stepper's merges so far as "l+o→lo 7". */
async function pageHistory(page) {
  return page.$$eval('#tour-bpe-stepper-history li', (items) =>
    items.map((item) => {
      const chips = Array.from(item.querySelectorAll('.vocab-token'), (chip) => chip.textContent);
      const seen = /seen ([\d,]+)×/.exec(item.textContent ?? '')?.[1]?.replaceAll(',', '');
      return `${chips[0]}+${chips[1]}→${chips[2]} ${seen}`;
    }),
  );
}

/** The pairs of the stepper's bars as "l+o 7". */
async function pageBars(page) {
  return page.$$eval('#tour-bpe-stepper-bars .pair-bar', (items) => items.map((item) => `${item.getAttribute('data-pair')} ${item.getAttribute('data-count')}`));
}

/** The fragment the page's URL holds now, after the link writer's pause. */
async function linkOf(page, pattern) {
  await page.waitForFunction((source) => new RegExp(source).test(location.hash), pattern.source);
  return new URL(page.url()).hash;
}

test('step 4: every row is its table’s rows × dimension, with the loaded tokenizer’s vocabulary, and the reader’s table comes back from its link', async () => {
  const { page, context, problems } = await site.open('#view=tour&step=4');
  await page.waitForSelector('#tour-sizes-title');
  assert.match(await page.textContent('#tour-sizes-title'), /^4\. Embedding sizes across models/);
  await page.waitForFunction(() => [...document.querySelectorAll('#tour-sizes-rows tr')].every((row) => row.querySelector('.size-vocab')?.hasAttribute('data-vocab-size')), null, { timeout: 180_000 });
  const rows = await page.$$eval('#tour-sizes-rows tr', (items) =>
    items.map((row) => ({
      config: row.getAttribute('data-config'),
      tokenizer: row.getAttribute('data-tokenizer') ?? '',
      vocab: Number(row.querySelector('.size-vocab')?.getAttribute('data-vocab-size')),
      rows: Number(row.querySelector('.size-rows')?.getAttribute('data-rows')),
      dim: row.querySelector('.size-dim')?.getAttribute('data-dim'),
      params: row.querySelector('.size-params')?.getAttribute('data-value'),
      fp16: row.querySelector('.size-fp16')?.getAttribute('data-bytes'),
    })),
  );
  assert.equal(rows.length, 26);
  for (const row of rows) {
    assert.equal(row.vocab, referenceVocabSize(row.tokenizer), `${row.config}: vocabulary`);
    // One row per token, or more where the model pads its table (Qwen 3: 151,936 for 151,669 ids);
    // Gemma 3 1B, text only, has no row for the last id, the image token of the larger models.
    if (row.config === 'gemma3-1b') assert.equal(row.rows, row.vocab - 1, `${row.config}: rows`);
    else assert.ok(row.rows >= row.vocab, `${row.config}: rows`);
    if (row.dim === null || row.dim === undefined) {
      assert.equal(row.params ?? null, null, `${row.config}: no width, no parameters`);
      continue;
    }
    assert.equal(Number(row.params), row.rows * Number(row.dim), `${row.config}: parameters`);
    assert.equal(Number(row.fp16), row.rows * Number(row.dim) * 2, `${row.config}: fp16 bytes`);
  }
  assert.deepEqual(rows.filter((row) => row.rows > row.vocab).map((row) => row.tokenizer), ['gpt-oss', 'gpt-oss', 'gemma3', 'gemma3', 'gemma3', 'qwen3', 'qwen3', 'qwen3', 'qwen3', 'qwen3', 'qwen3', 'deepseek-v3']);
  // The explainer's rounded GPT-2 figure is set beside the computed one.
  assert.match(await page.textContent('#tour-sizes-differences'), /~38 million; 50,257 × 768 = 38,597,376/);

  // Try it yourself: LLaMA 2's vocabulary, a width of 1,234, fp16.
  await page.selectOption('#tour-sizes-vocab', 'llama2');
  await page.fill('#tour-sizes-dim', '1234');
  await page.check('input[name="tour-sizes-precision"][value="fp16"]');
  const llama2 = referenceVocabSize('llama2');
  await page.waitForFunction((params) => document.querySelector('#tour-sizes-result')?.getAttribute('data-params') === String(params), llama2 * 1234);
  assert.equal(Number(await page.getAttribute('#tour-sizes-result', 'data-bytes')), llama2 * 1234 * 2);
  assert.equal(await page.getAttribute('#tour-sizes-table', 'data-precision'), 'fp16');
  assert.equal(await page.textContent('.tour-sizes-your-row .size-params'), (llama2 * 1234).toLocaleString('en-US'));
  const link = await linkOf(page, /dim=1234/);
  assert.match(link, /step=4/);
  assert.match(link, /vocab=llama2/);
  assert.match(link, /precision=fp16/);

  // A size of one's own, at int8, through the link.
  const reopened = await site.open('#view=tour&step=4&vocab=5000&dim=512&precision=int8');
  await reopened.page.waitForFunction(() => document.querySelector('#tour-sizes-result')?.getAttribute('data-params') === String(5000 * 512));
  assert.equal(await reopened.page.inputValue('#tour-sizes-vocab'), 'custom');
  assert.equal(await reopened.page.inputValue('#tour-sizes-custom'), '5000');
  assert.equal(Number(await reopened.page.getAttribute('#tour-sizes-result', 'data-bytes')), 5000 * 512);
  const again = await site.open(link);
  await again.page.waitForFunction((params) => document.querySelector('#tour-sizes-result')?.getAttribute('data-params') === String(params), llama2 * 1234);
  assert.equal(await again.page.inputValue('#tour-sizes-vocab'), 'llama2');
  assert.equal(await again.page.isChecked('input[name="tour-sizes-precision"][value="fp16"]'), true);
  for (const opened of [reopened, again]) {
    assert.deepEqual(opened.problems, []);
    await opened.context.close();
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test('step 5: the explainer’s corpus merges as the trainer does in node, “we” counts 5, and a link reopens at merge N', async () => {
  const { page, context, problems } = await site.open('#view=tour&step=5');
  await page.waitForSelector('#tour-bpe-stepper-bars .pair-bar');
  const reference = stepInNode(explainerCorpus, 3);
  assert.deepEqual(await pageBars(page), reference.firstPairs);
  // The counts the explainer gives beside the ones counted: "we" is the one that differs.
  await page.waitForSelector('#tour-bpe-check-rows tr');
  const checks = await page.$$eval('#tour-bpe-check-rows tr', (rows) => rows.map((row) => [row.getAttribute('data-pair'), row.getAttribute('data-stated'), row.getAttribute('data-counted')]));
  const counted = new Map(reference.firstPairs.map((entry) => [entry.split(' ')[0].replace('+', ''), entry.split(' ')[1]]));
  for (const [pair, , count] of checks) assert.equal(count, counted.get(pair), `count of ${pair}`);
  assert.deepEqual(
    checks.filter(([, stated, count]) => stated !== count).map(([pair]) => pair),
    ['we'],
  );
  assert.match(await page.textContent('#tour-bpe-check-summary'), /“we” 3 times, but it occurs 5 times \(3 in newest \+ 2 in lower\)/);

  for (let merge = 1; merge <= 3; merge++) {
    await page.click('#tour-bpe-stepper-next');
    await page.waitForFunction((count) => document.querySelectorAll('#tour-bpe-stepper-history li').length === count, merge);
  }
  assert.deepEqual(await pageHistory(page), reference.history);
  const link = await linkOf(page, /merges=3/);

  const reopened = await site.open(link);
  await reopened.page.waitForFunction(() => document.querySelectorAll('#tour-bpe-stepper-history li').length === 3);
  assert.deepEqual(await pageHistory(reopened.page), reference.history);
  assert.equal(await reopened.page.inputValue('#tour-bpe-stepper-text'), explainerCorpus);
  assert.match(await reopened.page.textContent('#tour-bpe-stepper-status'), /^3 merges so far/);
  // The link keeps the merge count while the stepper catches up, and after.
  await reopened.page.waitForTimeout(400);
  assert.match(new URL(reopened.page.url()).hash, /merges=3/);

  // Run to the end: the same merges node makes before no pair is frequent enough.
  await reopened.page.click('#tour-bpe-stepper-end');
  await reopened.page.waitForFunction(() => document.querySelector('#tour-bpe-stepper-next')?.hasAttribute('disabled'));
  assert.deepEqual(await pageHistory(reopened.page), stepInNode(explainerCorpus, 5000).history);

  // The reader's own text, one merge, through the link.
  const text = 'banana bandana\nbanana cabana';
  await page.fill('#tour-bpe-stepper-text', text);
  await page.waitForFunction(() => document.querySelectorAll('#tour-bpe-stepper-history li').length === 0 && document.querySelector('#tour-bpe-stepper-status')?.textContent?.startsWith('0 merges'));
  await page.click('#tour-bpe-stepper-next');
  await page.waitForFunction(() => document.querySelectorAll('#tour-bpe-stepper-history li').length === 1);
  const own = stepInNode(text, 1);
  assert.deepEqual(await pageHistory(page), own.history);
  const ownLink = await linkOf(page, /merges=1/);
  assert.match(ownLink, /text=banana/);
  const mine = await site.open(ownLink);
  await mine.page.waitForFunction(() => document.querySelectorAll('#tour-bpe-stepper-history li').length === 1);
  assert.equal(await mine.page.inputValue('#tour-bpe-stepper-text'), text);
  assert.deepEqual(await pageHistory(mine.page), own.history);

  for (const opened of [reopened, mine]) {
    assert.deepEqual(opened.problems, []);
    await opened.context.close();
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test('step 6: prose and code vocabularies differ, so do BPE and Unigram on the same prose, the trade-off is measured, and LLaMA 3 reads the sentence in no more tokens than LLaMA 2, with the reference ids', async () => {
  const sentence = 'The tokenizer splits Kuznetsov and Comcast into pieces before the embeddings see them.';
  const { page, context, problems } = await site.open(`#view=tour&step=6&text=${encodeURIComponent(sentence)}`);
  await page.waitForSelector('#tour-vocab-title');
  assert.equal(await page.inputValue('#tour-vocab-compare-text'), sentence);

  // LLaMA 2 (32,000) and LLaMA 3 (128,256) on the sentence, as transformers.js encodes it.
  await page.waitForFunction(() => document.querySelectorAll('#tour-vocab-llama-splits .split-row').length === 2, null, { timeout: 60_000 });
  const ids = Object.fromEntries(await page.$$eval('#tour-vocab-llama-splits .split-row', (rows) => rows.map((row) => [row.getAttribute('data-key'), row.getAttribute('data-ids')])));
  const expected = {};
  for (const name of ['llama2', 'llama3']) {
    expected[name] = Array.from(huggingFaceTokenizer(name).encode(sentence, { add_special_tokens: false }), Number);
    assert.equal(ids[name], expected[name].join(','), `${name} ids`);
  }
  assert.ok(expected.llama3.length <= expected.llama2.length, 'the 128k vocabulary needs no more tokens');
  const fewer = expected.llama2.length - expected.llama3.length;
  assert.match(await page.textContent('#tour-vocab-llama-summary'), new RegExp(`LLaMA 2 takes ${expected.llama2.length} tokens, LLaMA 3 ${expected.llama3.length}: ${fewer} fewer`));
  // The explainer's "embeddings": one token in the large vocabulary after a space, as it says; not embed + dings in the small one.
  await page.waitForFunction(() => document.querySelector('#tour-vocab-word-rows tr[data-word="embeddings"]')?.hasAttribute('data-llama3'));
  assert.equal(await page.getAttribute('#tour-vocab-word-rows tr[data-word="embeddings"]', 'data-llama3'), 'embeddings');
  const llama2Embeddings = huggingFaceTokenizer('llama2').encode('the embeddings', { add_special_tokens: false });
  assert.equal((await page.getAttribute('#tour-vocab-word-rows tr[data-word="embeddings"]', 'data-llama2')).split('|').length, llama2Embeddings.length - 1);

  // Two vocabularies trained in the worker: each has tokens the other lacks; both split the sentence and the code line.
  await page.waitForFunction(() => !document.querySelector('#tour-vocab-compare-results')?.hidden, null, { timeout: 90_000 });
  for (const side of ['prose', 'code']) assert.ok((await page.$$(`#tour-vocab-compare-only-${side} .vocab-token`)).length > 0, `${side} has tokens of its own`);
  const codeTokens = await page.$$eval('#tour-vocab-compare-only-code .vocab-token', (chips) => chips.map((chip) => chip.getAttribute('data-text')));
  assert.ok(codeTokens.some((token) => /^·{2,}$/.test(token ?? '')), 'the code vocabulary has a token of spaces (indentation)');
  await page.waitForFunction(() => document.querySelectorAll('#tour-vocab-compare-splits .split-row').length === 2 && document.querySelectorAll('#tour-vocab-code-splits .split-row').length === 2);
  const codeCounts = await page.$$eval('#tour-vocab-code-splits .split-row', (rows) => rows.map((row) => Number(row.getAttribute('data-tokens'))));
  assert.ok(codeCounts[1] < codeCounts[0], `the code vocabulary reads the code line in fewer tokens (${codeCounts})`);

  // BPE beside Unigram on Moby-Dick, trained once the two above are in: each has tokens the other lacks, some are shared,
  // both read held-out text, and the sentence is split by both (Unigram's ▁ drawn as BPE's space, ·).
  await page.waitForFunction(() => !document.querySelector('#tour-vocab-algo-results')?.hidden, null, { timeout: 120_000 });
  for (const side of ['bpe', 'unigram']) {
    const only = Number(await page.getAttribute(`#tour-vocab-algo-only-${side}-note`, 'data-count'));
    assert.ok(only > 0, `${side} has tokens of its own`);
    assert.equal((await page.$$(`#tour-vocab-algo-only-${side} .vocab-token`)).length, Math.min(120, only), `${side}: the first 120 are drawn`);
  }
  assert.ok(Number(await page.getAttribute('#tour-vocab-algo-shared', 'data-count')) > 0, 'some tokens are in both');
  const perWord = await page.$$eval('#tour-vocab-algo-per-word .pair-bar', (items) => items.map((item) => [Number(item.dataset.tokens), Number(item.dataset.words), item.querySelector('.pair-count')?.textContent]));
  assert.equal(perWord.length, 2);
  for (const [tokens, words, shown] of perWord) {
    assert.ok(tokens >= words && words > 1000, `${tokens} tokens for ${words} held-out words`);
    assert.equal(shown, (tokens / words).toFixed(2));
  }
  const algoRows = (text) =>
    page.waitForFunction(
      (expected) => {
        const rows = [...document.querySelectorAll('#tour-vocab-algo-splits .split-row')];
        return rows.length === 2 && rows.map((row) => [...row.querySelectorAll('.chip')].map((chip) => chip.textContent).join('')).join('|') === expected;
      },
      // BPE keeps the text's spaces, Unigram marks each word's start: the same visible text when words are single-spaced.
      `${text.replaceAll(' ', '·')}|${text.split(' ').map((word) => `·${word}`).join('')}`,
      { timeout: 20_000 },
    );
  await algoRows(sentence);
  await page.evaluate(axeSource);
  const serious = await page.evaluate(async () => {
    // @ts-ignore axe is the global the evaluated source defines
    const result = await window.axe.run('.tour-part:has(#tour-vocab-algo-results)', { resultTypes: ['violations'] });
    return result.violations.filter((/** @type {any} */ v) => v.impact === 'serious' || v.impact === 'critical').map((/** @type {any} */ v) => v.id);
  });
  assert.deepEqual(serious, [], 'axe on BPE beside Unigram');

  // The trade-off: every prefix of the prose merges on held-out Moby-Dick; tokens fall as the vocabulary grows.
  await page.waitForSelector('#tour-vocab-tradeoff-table tbody tr', { timeout: 90_000 });
  const tradeoff = await page.$$eval('#tour-vocab-tradeoff-table tbody tr:not(.real)', (rows) => rows.map((row) => [Number(row.getAttribute('data-vocab')), Number(row.getAttribute('data-tokens'))]));
  assert.ok(tradeoff.length >= 3);
  for (let i = 1; i < tradeoff.length; i++) assert.ok(tradeoff[i][1] <= tradeoff[i - 1][1], `fewer tokens at ${tradeoff[i][0]} than at ${tradeoff[i - 1][0]}`);

  // Editing the sentence rewrites the link; the link brings the sentence back.
  const edited = 'def tokenize(text): return text.split()';
  await page.fill('#tour-vocab-compare-text', edited);
  const link = await linkOf(page, /text=def/);
  await algoRows(edited);
  const reopened = await site.open(link);
  await reopened.page.waitForFunction(() => document.querySelectorAll('#tour-vocab-llama-splits .split-row').length === 2, null, { timeout: 60_000 });
  assert.equal(await reopened.page.inputValue('#tour-vocab-compare-text'), edited);
  assert.deepEqual(reopened.problems, []);
  await reopened.context.close();
  assert.deepEqual(problems, []);
  await context.close();
});

test('steps 4–6 fit a phone screen without sideways scrolling, in light and dark', async () => {
  for (const colorScheme of ['light', 'dark']) {
    for (const step of [4, 5, 6]) {
      const { page, context, problems } = await site.open(`#view=tour&step=${step}`, { viewport: { width: 375, height: 740 }, colorScheme });
      await page.waitForSelector('.tour-step-title');
      await page.waitForTimeout(500);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `step ${step} (${colorScheme}) scrolls sideways by ${overflow}px`);
      assert.deepEqual(problems, []);
      await context.close();
    }
  }
});
