// Eight of the built-in tokenizers, the Compare view and the embedding-size
// table end to end in headless Chromium, against the reference
// implementations: OpenAI's tiktoken package for r50k, p50k, cl100k and
// o200k; transformers.js (@huggingface/transformers) given the very
// tokenizer.json files the page loads for LLaMA 2, LLaMA 3, Mistral 7B and
// BERT (as tests/parity/hf-parity.test.mjs does, without its hub); the other
// five are checked in modern-tokenizers.test.mjs, and here in the size
// table, against Hugging Face's tokenizers. Also:
// the switch for BOS / [CLS] ... [SEP], tokenizer files dropped or opened
// (good, not a tokenizer, unsupported, cut short), links that reproduce the
// Compare view, and the alignment itself on hand-made encodings.
//
// One page loads each vocabulary once (LLaMA 3's tokenizer.json is 6 MB) and
// the tests below share it, in order.
//
// Needs web/dist/ (the WebAssembly build and the vocabularies); build-scripts/test
// makes it. TOKENLAB_WEB_ROOT serves another directory instead of web/.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { repoRoot } from '../wasm/load-engine.mjs';
import { alignEncodings } from '../../web/compare/layout.js';
import { openSite, showView } from './harness.mjs';
import { anyReferenceIds, huggingFaceNames, huggingFaceTokenizer, packedNames, referenceIds, referenceVocabSize, tiktokenNames, vocabDir } from './references.mjs';

const allNames = [...tiktokenNames, ...huggingFaceNames];

// English with names and a contraction, code with indentation and a tab,
// accents (BERT strips them), Cyrillic and Devanagari, emoji that byte-level
// vocabularies split inside a character, CJK.
const mixedText =
  "The tokenizer's job: split 1234567 words, Kuznetsov and Comcast's embeddings.\n" +
  'def add(a, b):\n    return a + b  # sum\n\tindented\n' +
  'Émile’s naïve café — Привет, мир! नमस्ते दुनिया\n' +
  'Emoji: 👩🏽‍💻 👍🏽\n' +
  '東京は日本の首都です。你好，世界！';

/** The published embedding widths the size table must use, by row (null: not published). */
const expectedDims = {
  gpt2: 768,
  gpt3: 12288,
  'gpt3-p50k': 12288,
  gpt4: null,
  gpt4o: null,
  'gpt-oss-20b': 2880,
  'gpt-oss-120b': 2880,
  'llama2-7b': 4096,
  'llama3-8b': 4096,
  'llama3-70b': 8192,
  'llama3.1-8b': 4096,
  'llama3.1-70b': 8192,
  'llama3.1-405b': 16384,
  'mistral-7b': 4096,
  'bert-base': 768,
  'gemma3-1b': 1152,
  'gemma3-4b': 2560,
  'gemma3-12b': 3840,
  'gemma3-27b': 5376,
  'qwen3-0.6b': 1024,
  'qwen3-1.7b': 2048,
  'qwen3-4b': 2560,
  'qwen3-8b': 4096,
  'qwen3-14b': 5120,
  'qwen3-32b': 5120,
  'deepseek-v3': 7168,
};

/** The embedding rows the models publish (config.json's vocab_size), by tokenizer, and where one size differs, by row; the others have one per token. */
const publishedRows = { 'gpt-oss': 201088, 'llama3.1': 128256, gemma3: 262208, qwen3: 151936, 'deepseek-v3': 129280 };
const publishedRowsOf = { 'gemma3-1b': 262144 };

const en = new Intl.NumberFormat('en-US');
const oneDecimal = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const twoDecimals = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
/** @param {number} bytes decimal units, as the page states them */
const megabytesOrGigabytes = (bytes) => (bytes < 1e9 ? `${oneDecimal.format(bytes / 1e6)} MB` : `${oneDecimal.format(bytes / 1e9)} GB`);

/** @type {Awaited<ReturnType<typeof openSite>>} */
let site;
/** @type {string} */
let baseUrl;
/** The page the tests share: every vocabulary loads in it once. */
let shared = /** @type {import('./harness.mjs').OpenedPage} */ ({});

before(async () => {
  site = await openSite({
    needs: [...tiktokenNames.map((n) => `dist/vocab/${n}.tiktoken`), ...huggingFaceNames.map((n) => `dist/vocab/${n}.json`), ...packedNames.map((n) => `dist/vocab/${n}.json.gz`)],
  });
  ({ baseUrl } = site);
  shared = await openPage({ hash: `#t=r50k_base&text=${encodeURIComponent(mixedText)}` });
});

after(() => site?.close());

/** A fresh page in a fresh context (en-US, so numbers read 1,234). */
function openPage({ hash = '', viewport = { width: 1280, height: 860 }, colorScheme = /** @type {'light' | 'dark'} */ ('light') } = {}) {
  return site.open(hash, { viewport, colorScheme, acceptDownloads: false });
}

/** Ids of the Tokenize view's chips, in order. */
function chipIds(page) {
  return page.$$eval('#chip-list .chip', (chips) => chips.map((chip) => Number(chip.getAttribute('data-id'))));
}

/**
 * Waits until the Tokenize view shows exactly these ids, then checks them
 * (so a wrong answer fails with both lists, not a timeout).
 * @param {import('playwright-core').Page} page
 * @param {number[]} expected
 */
async function expectChipIds(page, expected, timeout = 30_000) {
  await page
    .waitForFunction(
      (ids) => {
        if (document.querySelector('#token-output')?.hasAttribute('aria-busy')) return false;
        const shown = Array.from(document.querySelectorAll('#chip-list .chip'), (chip) => Number(chip.getAttribute('data-id')));
        return shown.length === ids.length && shown.every((id, i) => id === ids[i]);
      },
      expected,
      { timeout },
    )
    .catch(() => {});
  assert.deepEqual(await chipIds(page), expected);
}

/** @param {import('playwright-core').Page} page @param {string} key */
async function chooseTokenizer(page, key) {
  await page.locator(`#tokenizer-picker input[name="tokenizer"][value="${key}"]`).check();
}

/**
 * Drops files on an element the way a browser does: a DataTransfer with File objects.
 * @param {import('playwright-core').Page} page
 * @param {string} selector
 * @param {{name: string, bytes: Uint8Array | Buffer}[]} files
 */
async function dropFiles(page, selector, files) {
  await page.evaluate(
    ({ selector, files }) => {
      const transfer = new DataTransfer();
      for (const file of files) transfer.items.add(new File([new Uint8Array(file.bytes)], file.name));
      const target = /** @type {Element} */ (document.querySelector(selector));
      for (const type of ['dragenter', 'dragover', 'drop'])
        target.dispatchEvent(new DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true }));
    },
    { selector, files: files.map((file) => ({ name: file.name, bytes: Array.from(file.bytes) })) },
  );
}

/** The Compare view's summary, row by row. */
function compareRows(page) {
  return page.$$eval('#cmp-rows tr', (rows) =>
    rows.map((row) => {
      const value = (/** @type {string} */ selector) => row.querySelector(selector)?.getAttribute('data-value');
      const text = (/** @type {string} */ selector) => row.querySelector(selector)?.textContent?.trim();
      return {
        key: row.getAttribute('data-key'),
        vocab: value('.cmp-vocab'),
        tokens: value('.cmp-tokens'),
        perToken: value('.cmp-per-token'),
        ratio: value('.cmp-ratio'),
        tokensText: text('.cmp-tokens'),
        perTokenText: text('.cmp-per-token'),
        ratioText: text('.cmp-ratio'),
      };
    }),
  );
}

/**
 * Waits until the Compare view shows these tokenizers for text, counted.
 * @param {import('playwright-core').Page} page
 * @param {string[]} keys
 * @param {string} text
 */
async function waitForComparison(page, keys, text, timeout = 30_000) {
  await page.waitForFunction(
    ({ keys, bytes }) => {
      const output = document.querySelector('#cmp-output');
      if (!output || output.hasAttribute('aria-busy')) return false;
      if (output.getAttribute('data-keys') !== keys.join(',') || output.getAttribute('data-bytes') !== String(bytes)) return false;
      return Array.from(document.querySelectorAll('#cmp-rows .cmp-tokens')).every((cell) => cell.hasAttribute('data-value'));
    },
    { keys, bytes: Buffer.byteLength(text) },
    { timeout },
  );
}

/** Each aligned row's ids, read from its token cells in order. */
function alignedIds(page) {
  return page.evaluate(() => {
    const rows = /** @type {number[][]} */ ([]);
    for (const cell of document.querySelectorAll('#cmp-align .acell.token')) {
      const element = /** @type {HTMLElement} */ (cell);
      const row = Number(element.dataset.row);
      (rows[row] ??= []).push(...(element.dataset.ids ?? '').split(' ').filter(Boolean).map(Number));
    }
    return rows;
  });
}

const codePoints = (/** @type {string} */ text) => [...text].length;

test('the Tokenize view offers the eight tokenizers, each giving the reference ids and its vocabulary size', async () => {
  const { page, problems } = shared;
  const radios = await page.$$eval('#tokenizer-picker input[name="tokenizer"]', (inputs) => inputs.map((input) => /** @type {HTMLInputElement} */ (input).value));
  assert.deepEqual(radios.filter((key) => allNames.includes(key)).sort(), [...allNames].sort());
  for (const name of allNames) {
    await chooseTokenizer(page, name);
    const expected = referenceIds(name, mixedText);
    await expectChipIds(page, expected);
    await page.waitForFunction((name) => document.querySelector('#token-output')?.getAttribute('data-tokenizer') === name, name);
    const shown = await page.evaluate(() => ({
      vocab: document.querySelector('#vocab-info')?.getAttribute('data-vocab-size'),
      tokens: document.querySelector('#count-tokens')?.getAttribute('data-value'),
      hash: location.hash,
    }));
    assert.equal(Number(shown.vocab), referenceVocabSize(name), `${name}: vocabulary size`);
    assert.equal(Number(shown.tokens), expected.length, `${name}: token count`);
    assert.match(shown.hash, new RegExp(`[#&]t=${name}(&|$)`));
  }
  assert.deepEqual(problems, []);
});

test('the switch for the tokens the model adds: BOS, [CLS] and [SEP] as distinct chips, on by default, off in the link', async () => {
  const { page, problems } = shared;
  const toggle = page.locator('#toggle-added');

  await chooseTokenizer(page, 'llama2');
  assert.equal(await toggle.isChecked(), true);
  await expectChipIds(page, referenceIds('llama2', mixedText));
  const bos = page.locator('#chip-list > .chip').first();
  assert.deepEqual(await bos.evaluate((chip) => [chip.classList.contains('added'), chip.textContent]), [true, '<s>']);
  assert.match(await page.locator('#toggle-added-note').textContent(), /<s>/);

  await toggle.uncheck();
  await expectChipIds(page, referenceIds('llama2', mixedText, { addSpecialTokens: false }));
  assert.match(await page.evaluate(() => location.hash), /[#&]bos=0(&|$)/);
  assert.equal(await page.locator('#chip-list .chip.added').count(), 0);

  await chooseTokenizer(page, 'bert-base-uncased');
  const withoutMarks = referenceIds('bert-base-uncased', mixedText, { addSpecialTokens: false });
  await expectChipIds(page, withoutMarks);
  await toggle.check();
  const withMarks = referenceIds('bert-base-uncased', mixedText);
  assert.deepEqual(withMarks.slice(1, -1), withoutMarks);
  await expectChipIds(page, withMarks);
  const ends = await page.$$eval('#chip-list > .chip.added', (chips) => chips.map((chip) => chip.textContent));
  assert.deepEqual(ends, ['[CLS]', '[SEP]']);
  assert.match(await page.locator('#toggle-added-note').textContent(), /\[CLS\] … \[SEP\]/);

  // tiktoken encodings add nothing: the switch is there but off limits.
  await chooseTokenizer(page, 'cl100k_base');
  await expectChipIds(page, referenceIds('cl100k_base', mixedText));
  assert.equal(await toggle.isDisabled(), true);
  assert.deepEqual(problems, []);
});

test('a dropped tokenizer.json joins the choice and encodes as transformers.js does with it', async () => {
  const { page, problems } = shared;
  const text = 'hello world, hello tokens';
  await page.locator('#tokenize-text').fill(text);
  const file = path.join(repoRoot, 'tests', 'data', 'tiny-wordpiece.json');
  await dropFiles(page, '#view-tokenize', [{ name: 'tiny-wordpiece.json', bytes: readFileSync(file) }]);
  const radio = page.locator('#tokenizer-picker input[name="tokenizer"]:checked');
  await page.waitForFunction(() => document.querySelector('#token-output')?.getAttribute('data-tokenizer') === 'tiny-wordpiece.json');
  assert.match(await radio.evaluate((input) => input.closest('label')?.textContent ?? ''), /tiny-wordpiece\.json/);
  const expected = Array.from(huggingFaceTokenizer('tiny', file).encode(text), Number);
  await expectChipIds(page, expected);
  assert.equal(await page.locator('#tokenize-error').isHidden(), true);
  assert.deepEqual(problems, []);
});

test('a tiktoken file opened with the file button asks for its split pattern and then encodes as tiktoken', async () => {
  const { page, problems } = shared;
  await page.locator('#tokenize-text').fill(mixedText);
  const bytes = readFileSync(path.join(vocabDir, 'r50k_base.tiktoken'));
  await page.locator('#view-tokenize input[data-tokenizer-file]').setInputFiles({ name: 'ranks.tiktoken', mimeType: 'text/plain', buffer: bytes });
  const dialog = page.locator('dialog.pattern-dialog');
  await dialog.waitFor({ state: 'visible' });
  assert.equal(await dialog.locator('select').inputValue(), 'cl100k');
  await dialog.locator('select').selectOption('gpt2');
  await dialog.getByRole('button', { name: 'Load' }).click();
  await page.waitForFunction(() => document.querySelector('#token-output')?.getAttribute('data-tokenizer') === 'ranks.tiktoken');
  await expectChipIds(page, referenceIds('r50k_base', mixedText));
  assert.match(await page.locator('#vocab-info').textContent(), /ranks\.tiktoken: 50,256 tokens/);
  assert.deepEqual(problems, []);
});

test('files that are not tokenizers, name an unsupported component or are cut short get a clear message, and the page keeps working', async () => {
  const { page, problems } = shared;
  const choices = () => page.locator('#tokenizer-picker input[name="tokenizer"]').count();
  const before = await choices();
  const message = page.locator('#tokenize-error-text');

  await dropFiles(page, '#view-tokenize', [{ name: 'photo.png', bytes: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]) }]);
  await page.locator('#tokenize-error').waitFor({ state: 'visible' });
  assert.match(await message.textContent(), /“photo\.png” is not a tokenizer file/);

  const wordLevel = JSON.stringify({ version: '1.0', model: { type: 'WordLevel', vocab: { a: 0 }, unk_token: 'a' } });
  await dropFiles(page, '#view-tokenize', [{ name: 'wordlevel.json', bytes: Buffer.from(wordLevel) }]);
  await page.waitForFunction(() => /wordlevel\.json/.test(document.querySelector('#tokenize-error-text')?.textContent ?? ''));
  assert.match(await message.textContent(), /Could not load “wordlevel\.json”.*"WordLevel" is not supported; supported: BPE, WordPiece, Unigram/);

  // A Unigram file without its unknown piece is named as such.
  const unigram = JSON.stringify({ version: '1.0', model: { type: 'Unigram', vocab: [['a', 0]] } });
  await dropFiles(page, '#view-tokenize', [{ name: 'unigram.json', bytes: Buffer.from(unigram) }]);
  await page.waitForFunction(() => /unigram\.json/.test(document.querySelector('#tokenize-error-text')?.textContent ?? ''));
  assert.match(await message.textContent(), /Could not load “unigram\.json”.*the Unigram model has no unk_id/);

  const whole = readFileSync(path.join(repoRoot, 'tests', 'data', 'tiny-byte-level-bpe.json'));
  await dropFiles(page, '#view-tokenize', [{ name: 'cut.json', bytes: whole.subarray(0, Math.floor(whole.length / 2)) }]);
  await page.waitForFunction(() => /cut\.json/.test(document.querySelector('#tokenize-error-text')?.textContent ?? ''));
  assert.match(await message.textContent(), /Could not load “cut\.json”.*cut short/);

  assert.equal(await choices(), before, 'no failed file joins the choice');
  await chooseTokenizer(page, 'p50k_base');
  await expectChipIds(page, referenceIds('p50k_base', mixedText));
  assert.deepEqual(problems, []);
});

const comparedText = 'Word embeddings give every token a vector.\nKuznetsov, Comcast, Teradata and John: 東京 и Москва.\n    return x';

test('the Compare view lines up two to four tokenizers with the right counts, characters per token and ratios', async () => {
  const { page, problems } = shared;
  await showView(page, 'compare');
  await page.locator('#view-compare').waitFor({ state: 'visible' });
  await page.locator('#cmp-text').fill(comparedText);

  // The default four: GPT-4, Mistral 7B, LLaMA 2, BERT.
  let keys = ['cl100k_base', 'mistral', 'llama2', 'bert-base-uncased'];
  await waitForComparison(page, keys, comparedText);

  /** @param {string[]} keys */
  const check = async (keys) => {
    const rows = await compareRows(page);
    assert.deepEqual(rows.map((row) => row.key), keys);
    const references = keys.map((key) => referenceIds(key, comparedText));
    const characters = codePoints(comparedText);
    rows.forEach((row, index) => {
      const tokens = references[index].length;
      assert.equal(Number(row.tokens), tokens, `${row.key}: tokens`);
      assert.equal(row.tokensText, en.format(tokens));
      assert.equal(Number(row.vocab), referenceVocabSize(row.key));
      assert.equal(row.perTokenText, twoDecimals.format(characters / tokens), `${row.key}: characters per token`);
      assert.equal(row.ratioText, `${twoDecimals.format(tokens / references[0].length)}×`, `${row.key}: ratio to the first`);
    });
    assert.deepEqual(await alignedIds(page), references, 'each aligned row holds exactly its tokenizer’s ids, in order');
    const legend = await page.$$eval('#cmp-align .alegend .alabel', (labels) => labels.map((label) => label.textContent));
    assert.equal(legend.length, keys.length);
  };
  await check(keys);

  // " embeddings" is one token in GPT-4 and " embed" + "dings" in Mistral: one cell over the same columns as two.
  const spans = await page.evaluate(() => {
    const cells = Array.from(document.querySelectorAll('#cmp-align .acell.token'), (cell) => /** @type {HTMLElement} */ (cell));
    const gpt4 = cells.find((cell) => cell.dataset.row === '0' && cell.textContent === '·embeddings');
    const block = gpt4?.closest('.ablock');
    const mistral = Array.from(block?.querySelectorAll('.acell.token') ?? [], (cell) => /** @type {HTMLElement} */ (cell)).filter((cell) => cell.dataset.row === '1');
    const box = (/** @type {Element} */ element) => element.getBoundingClientRect();
    return {
      gpt4: gpt4 ? [box(gpt4).left, box(gpt4).right] : null,
      mistral: mistral.map((cell) => [cell.textContent, box(cell).left, box(cell).right]),
    };
  });
  assert.ok(spans.gpt4, 'GPT-4 has " embeddings" as one token');
  assert.deepEqual(spans.mistral.map(([text]) => text), ['·embed', 'dings']);
  assert.ok(Math.abs(spans.gpt4[0] - spans.mistral[0][1]) < 1 && Math.abs(spans.gpt4[1] - spans.mistral[1][2]) < 1, 'the one token spans the two');

  // Down to two, then three with one added; a row is not removed below two.
  await page.locator('#cmp-rows tr').nth(3).locator('.cmp-remove').click();
  await page.locator('#cmp-rows tr').nth(2).locator('.cmp-remove').click();
  keys = ['cl100k_base', 'mistral'];
  await waitForComparison(page, keys, comparedText);
  await check(keys);
  assert.equal(await page.locator('#cmp-rows tr').nth(0).locator('.cmp-remove').isDisabled(), true);

  await page.locator('#cmp-add').click();
  await page.locator('#cmp-rows tr').nth(2).locator('select').selectOption('llama3');
  keys = ['cl100k_base', 'mistral', 'llama3'];
  await waitForComparison(page, keys, comparedText);
  await check(keys);

  // Choosing a tokenizer another row has swaps the two.
  await page.locator('#cmp-rows tr').nth(0).locator('select').selectOption('llama3');
  keys = ['llama3', 'mistral', 'cl100k_base'];
  await waitForComparison(page, keys, comparedText);
  await check(keys);
  assert.deepEqual(problems, []);
});

test('the explainer’s word examples are checked against each chosen tokenizer, alone and after a space', async () => {
  const { page, problems } = shared;
  // The Compare view now shows LLaMA 3, Mistral 7B and GPT-4.
  const keys = ['llama3', 'mistral', 'cl100k_base'];
  await page.waitForFunction((count) => document.querySelectorAll('#check-table thead th').length === count + 2, keys.length);
  const table = await page.$$eval('#check-table tbody tr', (rows) =>
    rows.map((row) => ({
      word: row.getAttribute('data-word'),
      cells: Array.from(row.querySelectorAll('td[data-key]'), (cell) => ({
        key: cell.getAttribute('data-key'),
        lines: Array.from(cell.querySelectorAll('.check-split'), (line) => ({
          ids: line.querySelector('.check-ids')?.textContent ?? '',
          sameSplit: line.classList.contains('same-split'),
          sameIds: line.classList.contains('same-ids'),
        })),
      })),
    })),
  );
  assert.deepEqual(table.map((row) => row.word), ['the', 'customer', 'John', 'Comcast', 'Teradata', 'Kuznetsov', 'embeddings', 'transformer']);
  for (const { word, cells } of table) {
    assert.deepEqual(cells.map((cell) => cell.key), keys);
    for (const { key, lines } of cells) {
      const expected = [word, ` ${word}`].map((text) => referenceIds(/** @type {string} */ (key), text, { addSpecialTokens: false }).join(' '));
      assert.deepEqual(lines.map((line) => line.ids), expected, `${key}: ${word}`);
    }
  }
  // The explainer's "the" = 279 is GPT-4's (and LLaMA 3's) " the", with its space; its "Comcast" split is GPT-4's for the word alone.
  const cell = (/** @type {string} */ word, /** @type {string} */ key) => table.find((row) => row.word === word)?.cells.find((c) => c.key === key)?.lines ?? [];
  assert.deepEqual(cell('the', 'cl100k_base').map((line) => line.sameIds), [false, true]);
  assert.deepEqual(cell('Comcast', 'cl100k_base').map((line) => [line.sameSplit, line.sameIds]), [[true, false], [false, false]]);
  assert.deepEqual(problems, []);
});

test('the size table shows each vocabulary size as loaded, rows × dimension and its memory, and the text’s tokens', async () => {
  const { page, problems } = shared;
  await page.locator('#size-table').scrollIntoViewIfNeeded();
  await page.waitForFunction(() => Array.from(document.querySelectorAll('#size-rows .size-vocab')).every((cell) => cell.hasAttribute('data-vocab-size')), null, {
    timeout: 180_000,
  });
  await page.waitForFunction(() => Array.from(document.querySelectorAll('#size-rows .size-tokens')).every((cell) => cell.hasAttribute('data-value')));
  const rows = await page.$$eval('#size-rows tr', (rows) =>
    rows.map((row) => {
      const get = (/** @type {string} */ selector, /** @type {string} */ attribute) => row.querySelector(selector)?.getAttribute(attribute) ?? null;
      const text = (/** @type {string} */ selector) => row.querySelector(selector)?.textContent?.trim() ?? '';
      return {
        config: row.getAttribute('data-config'),
        tokenizer: row.getAttribute('data-tokenizer'),
        vocab: get('.size-vocab', 'data-vocab-size'),
        vocabText: text('.size-vocab'),
        rows: get('.size-rows', 'data-rows'),
        dim: get('.size-dim', 'data-dim'),
        dimText: text('.size-dim'),
        params: get('.size-params', 'data-value'),
        paramsText: text('.size-params'),
        memory: ['fp32', 'fp16', 'int8'].map((precision) => [get(`.size-${precision}`, 'data-bytes'), text(`.size-${precision}`)]),
        tokens: get('.size-tokens', 'data-value'),
      };
    }),
  );
  assert.deepEqual(rows.map((row) => row.config), Object.keys(expectedDims));
  assert.deepEqual([...new Set(rows.map((row) => row.tokenizer))].sort(), [...allNames, ...packedNames].sort(), 'every built-in tokenizer has a row');
  const seen = new Map(rows.map((row) => [row.tokenizer, Number(row.vocab)]));
  // The sizes the issue lists, read back from the loaded tokenizers (and equal to the references').
  assert.deepEqual(allNames.map((name) => seen.get(name)), [50257, 50281, 100277, 200019, 32000, 128256, 32000, 30522]);
  assert.deepEqual(packedNames.map((name) => seen.get(name)), [200019, 128256, 262145, 151669, 128815]);
  for (const row of rows) {
    const tokenizer = /** @type {string} */ (row.tokenizer);
    const vocab = referenceVocabSize(tokenizer);
    assert.equal(Number(row.vocab), vocab, `${row.config}: vocabulary`);
    assert.equal(row.vocabText, en.format(vocab));
    assert.equal(Number(row.tokens), (await anyReferenceIds(tokenizer, comparedText)).length, `${row.config}: tokens for the text`);
    const embeddingRows = publishedRowsOf[/** @type {keyof typeof publishedRowsOf} */ (row.config)] ??
      publishedRows[/** @type {keyof typeof publishedRows} */ (tokenizer)] ?? vocab;
    assert.equal(Number(row.rows), embeddingRows, `${row.config}: embedding rows`);
    const dim = expectedDims[/** @type {keyof typeof expectedDims} */ (row.config)];
    if (dim === null) {
      assert.equal(row.dim, null);
      assert.match(row.dimText, /not published/);
      assert.equal(row.params, null);
      continue;
    }
    assert.equal(Number(row.dim), dim, `${row.config}: dimension`);
    const params = embeddingRows * dim;
    assert.equal(Number(row.params), params);
    assert.equal(row.paramsText, en.format(params));
    [4, 2, 1].forEach((bytesPerParameter, index) => {
      const [bytes, text] = row.memory[index];
      assert.equal(Number(bytes), params * bytesPerParameter, `${row.config}: memory at ${bytesPerParameter} bytes`);
      assert.equal(text, megabytesOrGigabytes(params * bytesPerParameter));
    });
  }
  // GPT-2 small: 50,257 × 768 = 38,597,376 parameters, 154.4 MB at fp32, as worked out by hand.
  const gpt2 = rows.find((row) => row.config === 'gpt2');
  assert.deepEqual([gpt2?.paramsText, gpt2?.memory[0][1]], ['38,597,376', '154.4 MB']);
  // Qwen 3 8B: its table's 151,936 rows, 267 more than its tokenizer's ids, × 4,096 = 622,329,856.
  const qwen = rows.find((row) => row.config === 'qwen3-8b');
  assert.deepEqual([qwen?.paramsText, await page.locator('#size-rows tr[data-config="qwen3-8b"] .size-rows').textContent()], ['622,329,856', '151,936267 without a token']);

  // Where the explainer's rounded figures differ from vocabulary × dimension, the page says so, with the computed value.
  const differences = await page.$$eval('#size-differences li', (items) => items.map((item) => [item.getAttribute('data-config'), item.textContent]));
  const differing = new Map(differences.map(([config, text]) => [config, text]));
  assert.deepEqual([...differing.keys()].sort(), ['bert-base', 'gpt2', 'gpt4', 'llama3-70b']);
  assert.match(differing.get('gpt2') ?? '', /~38 million.*50,257 × 768 = 38,597,376/);
  assert.match(differing.get('llama3-70b') ?? '', /~1B.*128,256 × 8,192 = 1,050,673,152/);
  assert.match(differing.get('gpt4') ?? '', /~100,000.*100,277/);

  // When the text changes, the table counts it again.
  const text = 'Tokens again: Kuznetsov.';
  await page.locator('#cmp-text').fill(text);
  await page.waitForFunction(
    (expected) => expected.every(([name, count]) => document.querySelector(`#size-rows tr[data-tokenizer="${name}"] .size-tokens`)?.getAttribute('data-value') === String(count)),
    allNames.map((name) => [name, referenceIds(name, text).length]),
  );
  await page.locator('#cmp-text').fill(comparedText);
  assert.deepEqual(problems, []);
});

test('a link reproduces the Compare view: text, tokenizers and the switch', async () => {
  const { page, problems } = shared;
  // Smaller vocabularies than LLaMA 3's for the fresh page to load.
  await page.locator('#cmp-rows tr').nth(0).locator('select').selectOption('bert-base-uncased');
  await page.locator('#cmp-added').uncheck();
  const keys = ['bert-base-uncased', 'mistral', 'cl100k_base'];
  await page.waitForFunction(() => /[#&]bos=0(&|$)/.test(location.hash));
  await waitForComparison(page, keys, comparedText);
  const hash = await page.evaluate(() => location.hash);
  const params = new URLSearchParams(hash.slice(1));
  assert.equal(params.get('view'), 'compare');
  assert.equal(params.get('c'), keys.join(','));
  assert.equal(params.get('text'), comparedText);
  const before = await compareRows(page);

  const fresh = await openPage({ hash });
  await waitForComparison(fresh.page, keys, comparedText, 90_000);
  assert.equal(await fresh.page.locator('#cmp-text').inputValue(), comparedText);
  assert.equal(await fresh.page.locator('#cmp-added').isChecked(), false);
  const after = await compareRows(fresh.page);
  assert.deepEqual(after, before);
  assert.deepEqual(after.map((row) => Number(row.tokens)), keys.map((key) => referenceIds(key, comparedText, { addSpecialTokens: false }).length));
  assert.deepEqual(await alignedIds(fresh.page), keys.map((key) => referenceIds(key, comparedText, { addSpecialTokens: false })));

  // A link naming an unknown tokenizer and a dropped one says so and shows the rest.
  await fresh.page.goto(`${baseUrl}#view=compare&c=llama2,nonesuch,file-3&text=hi`);
  await fresh.page.locator('#cmp-error').waitFor({ state: 'visible' });
  assert.match(await fresh.page.locator('#cmp-error-text').textContent(), /“nonesuch” is not a tokenizer.*“file-3” was made in or dropped on the page/);
  await waitForComparison(fresh.page, ['llama2', 'cl100k_base'], 'hi', 90_000);
  assert.deepEqual(fresh.problems, []);
  await fresh.context.close();
  await page.locator('#cmp-added').check();
  assert.deepEqual(problems, []);
});

test('screenshots of the Compare view', async () => {
  const { page } = shared;
  mkdirSync(path.join(repoRoot, 'test-results'), { recursive: true });
  await page.locator('[data-example="embeddings"]').click();
  await page.locator('#cmp-rows tr').nth(0).locator('select').selectOption('llama3');
  await page.locator('#cmp-output').scrollIntoViewIfNeeded();
  await page.locator('#cmp-align .acell.token').first().waitFor();
  await page.screenshot({ path: path.join(repoRoot, 'test-results', 'compare.png'), fullPage: true });
  await shared.context.close();
});

test('alignment: tokens line up at shared edges, empty spans get columns of their own, uncovered text shows per row', () => {
  const bytes = new TextEncoder().encode(' embeddings x');
  /** @param {number[][]} spans [start, end] byte offsets @param {number[]} [ids] */
  const encoding = (spans, ids = spans.map((_, index) => index)) => ({
    ids: Uint32Array.from(ids),
    starts: Uint32Array.from(spans.map(([start]) => start)),
    ends: Uint32Array.from(spans.map(([, end]) => end)),
    bytes,
  });
  const whole = encoding([[0, 11], [11, 13]]);
  const split = encoding([[0, 0], [0, 6], [6, 11], [11, 13]]); // BOS, " embed", "dings", " x"
  const dropsSpaces = encoding([[1, 3], [3, 6], [6, 10], [10, 11], [12, 13], [13, 13]]); // WordPiece, [SEP] at the end
  const { blocks, laidOut } = alignEncodings([whole, split, dropsSpaces]);
  assert.equal(laidOut, bytes.length);
  assert.deepEqual(blocks.map((block) => [block.start, block.end]), [[0, 11], [11, 13]]);

  const cells = (/** @type {number} */ block, /** @type {number} */ row) =>
    blocks[block].cells.filter((cell) => cell.row === row).map((cell) => [cell.kind, cell.start, cell.stop, cell.column, cell.span]);
  // First block: edges 0, 1, 3, 6, 10, 11, and BOS's empty column before the text.
  assert.equal(blocks[0].columns, 6);
  assert.deepEqual(cells(0, 0), [['tokens', 0, 11, 2, 5]]);
  assert.deepEqual(cells(0, 1), [['tokens', 0, 0, 1, 1], ['tokens', 0, 6, 2, 3], ['tokens', 6, 11, 5, 2]]);
  assert.deepEqual(cells(0, 2), [['uncovered', 0, 1, 2, 1], ['tokens', 1, 3, 3, 1], ['tokens', 3, 6, 4, 1], ['tokens', 6, 10, 5, 1], ['tokens', 10, 11, 6, 1]]);
  // Second block: " x" whole in two rows; the space uncovered, then "x", then [SEP] behind the text.
  assert.equal(blocks[1].columns, 3);
  assert.deepEqual(cells(1, 0), [['tokens', 11, 13, 1, 2]]);
  assert.deepEqual(cells(1, 2), [['uncovered', 11, 12, 1, 1], ['tokens', 12, 13, 2, 1], ['tokens', 13, 13, 3, 1]]);

  // A limit lays out whole blocks only.
  const cut = alignEncodings([whole, split, dropsSpaces], { maxBytes: 4 });
  assert.equal(cut.laidOut, 11);
  assert.deepEqual(cut.blocks.map((block) => [block.start, block.end]), [[0, 11]]);
  // Empty text: one block for the tokens a tokenizer adds to nothing.
  const empty = { ids: Uint32Array.of(1), starts: Uint32Array.of(0), ends: Uint32Array.of(0), bytes: new Uint8Array(0) };
  const none = { ids: new Uint32Array(0), starts: new Uint32Array(0), ends: new Uint32Array(0), bytes: new Uint8Array(0) };
  assert.deepEqual(alignEncodings([empty, none]).blocks.map((block) => block.cells.length), [1]);
});
