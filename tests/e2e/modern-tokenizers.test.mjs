// GPT-OSS, Llama 3.1, Gemma 3, Qwen 3 and DeepSeek V3 end to end in headless
// Chromium: the picker groups all fourteen tokenizers by maker (and the arrow
// keys cross the groups); each of the five, chosen in the Tokenize view, is
// fetched gzip-compressed, unpacked and shows exactly the ids Hugging Face's
// tokenizers (the Rust library's npm package) gives the tokenizer.json its
// npm package ships, with the BOS it adds, and its vocabulary size; the
// Compare view lines two of them up side by side; the service worker keeps a
// .gz once fetched, and it loads offline.
//
// Needs web/dist/ (the WebAssembly build and the vocabularies); build-scripts/test
// makes it.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { openSite, showView } from './harness.mjs';
import { repoRoot } from '../wasm/load-engine.mjs';
import { packedNames, referenceVocabSize, rustReferenceIds } from './references.mjs';

const { Tokenizer } = createRequire(import.meta.url)('tokenizers');

// Accents, one of them decomposed (e + U+0301, which Qwen 3's NFC composes),
// Cyrillic, Devanagari, Arabic, Korean, Japanese and Chinese, an emoji
// sequence, digits and a line of indented code.
const multilingualText =
  'Tokenizers read “naïve” text: Cafe\u0301 crème, Привет мир, नमस्ते दुनिया, مرحبا بالعالم, 안녕하세요.\n' +
  '東京は日本の首都です。你好，世界！ 👩🏽‍💻 1234567\n' +
  '    return tokens.length;';

/** The picker's groups as the page shows them: each maker's label and its choices' keys. */
const expectedGroups = [
  ['OpenAI', ['r50k_base', 'p50k_base', 'cl100k_base', 'o200k_base', 'o200k_harmony', 'gpt-oss']],
  ['Meta', ['llama2', 'llama3', 'llama3.1']],
  ['Mistral AI', ['mistral']],
  ['Google', ['bert-base-uncased', 'gemma3']],
  ['Alibaba', ['qwen3']],
  ['DeepSeek', ['deepseek-v3']],
];

/** @type {Awaited<ReturnType<typeof openSite>>} */
let site;

before(async () => {
  site = await openSite({ needs: packedNames.map((name) => `dist/vocab/${name}.json.gz`) });
});

after(() => site?.close());

/** Ids of the Tokenize view's chips, in order. @param {import('playwright-core').Page} page */
function chipIds(page) {
  return page.$$eval('#chip-list .chip', (chips) => chips.map((chip) => Number(chip.getAttribute('data-id'))));
}

test('the picker shows the fourteen tokenizers grouped by maker, and the arrow keys move across the groups', async () => {
  const { page, context, problems } = await site.open('#t=o200k_base&text=hi');
  await page.waitForSelector('#token-output[data-tokenizer="o200k_base"] #chip-list .chip');
  const groups = await page.$$eval('#tokenizer-picker [role="group"]', (elements) =>
    elements.map((group) => [
      document.getElementById(group.getAttribute('aria-labelledby') ?? '')?.textContent,
      Array.from(group.querySelectorAll('input[name="tokenizer"]'), (input) => /** @type {HTMLInputElement} */ (input).value),
    ]),
  );
  assert.deepEqual(groups, expectedGroups);

  // GPT-4o → GPT-OSS (o200k_harmony, then its tokenizer.json), the last of OpenAI's, → LLaMA 2, the first of Meta's.
  await page.locator('#tokenizer-picker input:checked').focus();
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.evaluate(() => /** @type {HTMLInputElement} */ (document.activeElement).value), 'o200k_harmony');
  await page.waitForSelector('#token-output[data-tokenizer="o200k_harmony"] #chip-list .chip');
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.evaluate(() => /** @type {HTMLInputElement} */ (document.activeElement).value), 'gpt-oss');
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.evaluate(() => /** @type {HTMLInputElement} */ (document.activeElement).value), 'llama2');
  await page.waitForSelector('#token-output[data-tokenizer="llama2"] #chip-list .chip');
  assert.deepEqual(problems, []);
  await context.close();
});

test('each of the five, chosen in the Tokenize view, shows the reference ids and its vocabulary size', async () => {
  const { page, context, problems } = await site.open(`#t=cl100k_base&text=${encodeURIComponent(multilingualText)}`);
  await page.waitForSelector('#token-output[data-tokenizer="cl100k_base"] #chip-list .chip');
  for (const name of packedNames) {
    const expected = await rustReferenceIds(name, multilingualText);
    await page.locator(`#tokenizer-picker input[name="tokenizer"][value="${name}"]`).check();
    await page
      .waitForFunction(
        ({ name, count }) =>
          document.querySelector('#token-output')?.getAttribute('data-tokenizer') === name &&
          !document.querySelector('#token-output')?.hasAttribute('aria-busy') &&
          document.querySelectorAll('#chip-list .chip').length === count,
        { name, count: expected.length },
        { timeout: 90_000 },
      )
      .catch(() => {});
    assert.deepEqual(await chipIds(page), expected, `${name}: the page's ids are the reference's`);
    const info = await page.locator('#vocab-info');
    assert.equal(Number(await info.getAttribute('data-vocab-size')), referenceVocabSize(name), `${name}: vocabulary size`);
    const facts = (await info.textContent()) ?? '';
    assert.match(facts, /gzipped\), fetched in [\d.,]+ ms, unpacked in [\d.,]+ ms, parsed in [\d.,]+ ms/);
    console.log(facts);
  }
  // DeepSeek V3's tokenizer.json adds nothing, so the switch is off limits;
  // Gemma 3 and Llama 3.1 add their BOS, and the switch leaves it out.
  const toggle = page.locator('#toggle-added');
  assert.equal(await toggle.isDisabled(), true, 'DeepSeek V3 adds no tokens');
  for (const [index, name] of ['gemma3', 'llama3.1'].entries()) {
    const withoutBos = await rustReferenceIds(name, multilingualText, { addSpecialTokens: false });
    await page.locator(`#tokenizer-picker input[name="tokenizer"][value="${name}"]`).check();
    if (index === 0) {
      await page.waitForFunction(() => !document.querySelector('#toggle-added')?.hasAttribute('disabled'));
      await toggle.uncheck();
    }
    await page.waitForFunction(
      ({ name, count }) => document.querySelector('#token-output')?.getAttribute('data-tokenizer') === name && document.querySelectorAll('#chip-list .chip').length === count,
      { name, count: withoutBos.length },
    );
    assert.deepEqual(await chipIds(page), withoutBos, `${name} without its BOS`);
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test('the Compare view lines up Qwen 3 and Gemma 3 side by side, then DeepSeek V3 in Gemma 3’s place', async () => {
  const { page, context, problems } = await site.open(`#view=compare&c=qwen3,gemma3&text=${encodeURIComponent(multilingualText)}`);
  await showView(page, 'compare');
  /** @param {string[]} keys */
  const check = async (keys) => {
    await page.waitForFunction(
      (keys) => {
        const output = document.querySelector('#cmp-output');
        if (!output || output.hasAttribute('aria-busy') || output.getAttribute('data-keys') !== keys.join(',')) return false;
        return Array.from(document.querySelectorAll('#cmp-rows .cmp-tokens')).every((cell) => cell.hasAttribute('data-value'));
      },
      keys,
      { timeout: 90_000 },
    );
    const references = await Promise.all(keys.map((key) => rustReferenceIds(key, multilingualText)));
    const rows = await page.$$eval('#cmp-rows tr', (trs) =>
      trs.map((tr) => [tr.getAttribute('data-key'), Number(tr.querySelector('.cmp-vocab')?.getAttribute('data-value')), Number(tr.querySelector('.cmp-tokens')?.getAttribute('data-value'))]),
    );
    assert.deepEqual(rows, keys.map((key, index) => [key, referenceVocabSize(key), references[index].length]));
    const aligned = await page.evaluate(() => {
      const ids = /** @type {number[][]} */ ([]);
      for (const cell of document.querySelectorAll('#cmp-align .acell.token')) {
        const element = /** @type {HTMLElement} */ (cell);
        (ids[Number(element.dataset.row)] ??= []).push(...(element.dataset.ids ?? '').split(' ').filter(Boolean).map(Number));
      }
      return ids;
    });
    assert.deepEqual(aligned, references, 'each aligned row holds its tokenizer’s reference ids, in order');
  };
  await check(['qwen3', 'gemma3']);
  const groups = await page.locator('#cmp-rows tr').nth(1).locator('optgroup').evaluateAll((elements) => elements.map((group) => /** @type {HTMLOptGroupElement} */ (group).label));
  assert.deepEqual(groups, expectedGroups.map(([label]) => label));
  await page.locator('#cmp-rows tr').nth(1).locator('select').selectOption('deepseek-v3');
  await check(['qwen3', 'deepseek-v3']);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the service worker keeps a compressed vocabulary once fetched, and it loads from there offline', async () => {
  const text = 'Offline: Cafe\u0301, 東京, Привет.';
  const { page, context, problems } = await site.open(`#t=qwen3&text=${encodeURIComponent(text)}`);
  await page.waitForSelector('#token-output[data-tokenizer="qwen3"] #chip-list .chip', { timeout: 60_000 });
  await page.waitForFunction(() => document.documentElement.dataset.offline === 'ready', null, { timeout: 30_000 });
  const kept = () =>
    page.evaluate(async () => {
      for (const name of await caches.keys()) if (await (await caches.open(name)).match('dist/vocab/qwen3.json.gz')) return true;
      return false;
    });
  const end = Date.now() + 30_000;
  while (!(await kept()) && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 200));
  assert.ok(await kept(), 'qwen3.json.gz is in the cache');

  await context.setOffline(true);
  await page.reload();
  const expected = await rustReferenceIds('qwen3', text);
  await page.waitForFunction((count) => document.querySelector('#token-output')?.getAttribute('data-tokenizer') === 'qwen3' && document.querySelectorAll('#chip-list .chip').length === count, expected.length, { timeout: 60_000 });
  assert.deepEqual(await chipIds(page), expected);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a Hub file with other components, opened with the file button, gives the Rust library\'s ids', async () => {
  // DeepSeek V3's vocabulary behind NFKC, a Regex Replace and a Split that merges whitespace forward,
  // with a single_word added token: components no shipped file combines.
  const json = JSON.parse(readFileSync(path.join(repoRoot, 'node_modules', '@lenml', 'tokenizer-deepseek_v3', 'models', 'tokenizer.json'), 'utf8'));
  json.normalizer = { type: 'Sequence', normalizers: [{ type: 'NFKC' }, { type: 'Replace', pattern: { Regex: '[0-9]{4,}' }, content: '#' }] };
  json.pre_tokenizer.pretokenizers.unshift({ type: 'Split', pattern: { Regex: '\\s+' }, behavior: 'MergedWithNext', invert: false });
  json.added_tokens.push({ id: 128815, content: 'qzq', single_word: true, lstrip: false, rstrip: false, normalized: true, special: false });
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'tokenlab-hub-')), 'hub-tokenizer.json');
  writeFileSync(file, JSON.stringify(json));
  const text = `${multilingualText} ｶﾀｶﾅ ①② 123456 qzq aqzq`;
  const reference = await Tokenizer.fromFile(file);
  const expected = Array.from((await reference.encode(text, null, { addSpecialTokens: true })).getIds());

  const { page, context, problems } = await site.open(`#t=cl100k_base&text=${encodeURIComponent(text)}`);
  await page.waitForSelector('#token-output[data-tokenizer="cl100k_base"] #chip-list .chip');
  await page.locator('#view-tokenize input[data-tokenizer-file]').setInputFiles(file);
  await page.waitForFunction(
    (count) => document.querySelector('#token-output')?.getAttribute('data-tokenizer') === 'hub-tokenizer.json' &&
      document.querySelectorAll('#chip-list .chip').length === count,
    expected.length, { timeout: 60_000 },
  ).catch(() => {});
  assert.deepEqual(await chipIds(page), expected);
  assert.equal(await page.locator('#tokenize-error').isHidden(), true);
  assert.deepEqual(problems, []);
  await context.close();
});
