// The Tokenize view end to end in headless Chromium: the page is served as a
// user gets it (build-scripts/serve.mjs, same CSP), text goes in through the
// textarea, and the chips, ids and counts are checked against OpenAI's
// tiktoken package. Also: links reproduce the view, token text is never
// HTML, split characters are grouped honestly, a 1 MB paste keeps the page
// responsive with exact counts, and failures show a message.
//
// Needs web/dist/ (the WebAssembly build and the rank files); build-scripts/test
// makes it. TOKENLAB_WEB_ROOT serves another directory instead of web/.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { get_encoding } from 'tiktoken';

import { longestText } from '../../web/tokenize/view.js';
import { repoRoot } from '../wasm/load-engine.mjs';
import { openSite, webRoot } from './harness.mjs';

const registry = createRequire(import.meta.url)('tiktoken/registry.json');

const tokenizers = [
  { name: 'r50k_base', model: 'GPT-2' },
  { name: 'p50k_base', model: 'GPT-3' },
  { name: 'cl100k_base', model: 'GPT-4' },
  { name: 'o200k_base', model: 'GPT-4o' },
];

// English, code, emoji with skin tones and ZWJ sequences (split across
// tokens by every one of the four), CJK, digits, a contraction.
const mixedText =
  "The tokenizer's job: split 1234567 words.\n" +
  'const add = (a, b) => a + b;  // sum\n' +
  '    if (x >= 10) { return [x]; }\n' +
  'Emoji: 👩🏽‍💻 🧑🏿‍🤝‍🧑🏻 👍🏽 👨‍👩‍👧‍👦\n' +
  '東京は日本の首都です。你好，世界！';

/** @type {Awaited<ReturnType<typeof openSite>>} */
let site;
/** @type {import('playwright-core').Browser} */
let browser;
/** @type {string} */
let baseUrl;

const en = new Intl.NumberFormat('en-US');

before(async () => {
  site = await openSite({ needs: tokenizers.map((t) => `dist/vocab/${t.name}.tiktoken`) });
  ({ browser, baseUrl } = site);
});

after(() => site?.close());

/** A fresh page in a fresh context (en-US, so numbers read 1,234). */
function openPage({ hash = '', colorScheme = /** @type {'light' | 'dark'} */ ('light'), viewport = { width: 1280, height: 860 } } = {}) {
  return site.open(hash, { colorScheme, viewport, acceptDownloads: false });
}

/** The reference ids, with special-looking text as ordinary text unless allowSpecial. */
function referenceIds(name, text, allowSpecial = false) {
  const encoding = get_encoding(name);
  try {
    return Array.from(allowSpecial ? encoding.encode(text, 'all') : encoding.encode(text, [], []));
  } finally {
    encoding.free();
  }
}

/** The vocabulary size tiktoken defines: explicit, or one past the largest rank or special id. */
function expectedVocabSize(name) {
  const entry = registry[name];
  if (entry.explicit_n_vocab) return entry.explicit_n_vocab;
  const ranks = readFileSync(path.join(webRoot, 'dist', 'vocab', `${name}.tiktoken`), 'latin1');
  let largest = -1;
  for (const line of ranks.split('\n')) if (line) largest = Math.max(largest, Number(line.split(' ')[1]));
  return Math.max(largest, ...Object.values(entry.special_tokens)) + 1;
}

/** Waits until the page shows the encoding of exactly `text` with tokenizer `name`. */
async function waitForEncoding(page, name, text, timeout = 20_000) {
  const bytes = Buffer.byteLength(text);
  await page.waitForFunction(
    ({ name, bytes }) => {
      const output = document.querySelector('#token-output');
      return (
        output?.getAttribute('data-tokenizer') === name &&
        !output.hasAttribute('aria-busy') &&
        document.querySelector('#count-bytes')?.getAttribute('data-value') === String(bytes)
      );
    },
    { name, bytes },
    { timeout },
  );
}

/** Ids of the drawn chips, in order. */
function chipIds(page) {
  return page.$$eval('#chip-list .chip', (chips) => chips.map((chip) => Number(chip.getAttribute('data-id'))));
}

/** The shown counts: {tokens, characters, bytes, ratio} as displayed text. */
function shownCounts(page) {
  return page.evaluate(() => {
    const read = (/** @type {string} */ id) => document.getElementById(id)?.textContent?.trim();
    return { tokens: read('count-tokens'), characters: read('count-characters'), bytes: read('count-bytes'), ratio: read('count-ratio') };
  });
}

/** The text the chips show, read back: each chip's text, and each group's text once. */
function drawnText(page) {
  return page.$eval('#chip-list', (list) =>
    Array.from(list.children, (child) =>
      child.classList.contains('group') ? child.querySelector('.group-text')?.textContent ?? '' : child.textContent ?? '',
    ).join(''),
  );
}

async function selectTokenizer(page, model) {
  await page.getByRole('radio', { name: new RegExp(`^${model.replace('-', '\\-')}\\b`) }).check();
}

test('only the chosen vocabulary loads, when first chosen', async () => {
  const { page, context, problems } = await openPage();
  /** @type {string[]} */
  const rankFiles = [];
  context.on('request', (request) => {
    // The page's own requests: the offline service worker's copies of them are not counted.
    if (request.url().endsWith('.tiktoken') && !request.serviceWorker()) rankFiles.push(path.basename(new URL(request.url()).pathname));
  });
  await page.reload();
  await page.waitForSelector('#chip-list .chip');
  assert.deepEqual(rankFiles, ['cl100k_base.tiktoken']);
  await selectTokenizer(page, 'GPT-4o');
  await page.waitForSelector('#token-output[data-tokenizer="o200k_base"]');
  assert.deepEqual(rankFiles, ['cl100k_base.tiktoken', 'o200k_base.tiktoken']);
  await selectTokenizer(page, 'GPT-4');
  await page.waitForSelector('#token-output[data-tokenizer="cl100k_base"]');
  assert.equal(rankFiles.length, 2, 'a vocabulary loaded before is not fetched again');
  assert.deepEqual(problems, []);
  await context.close();
});

test('each tokenizer gives tiktoken’s ids, the right counts and honest groups for split emoji', async () => {
  const { page, context, problems } = await openPage();
  const textArea = page.locator('#tokenize-text');
  for (const { name, model } of tokenizers) {
    await selectTokenizer(page, model);
    await textArea.fill('');
    await textArea.pressSequentially(mixedText);
    await waitForEncoding(page, name, mixedText);

    const expected = referenceIds(name, mixedText);
    assert.deepEqual(await chipIds(page), expected, `${name}: chip ids equal tiktoken's`);

    const characters = [...mixedText].length;
    assert.deepEqual(await shownCounts(page), {
      tokens: en.format(expected.length),
      characters: en.format(characters),
      bytes: en.format(Buffer.byteLength(mixedText)),
      ratio: (characters / expected.length).toFixed(2),
    });
    const vocabInfo = await page.locator('#vocab-info').textContent();
    assert.match(vocabInfo ?? '', new RegExp(`${en.format(expectedVocabSize(name))} tokens in the vocabulary`), `${name} vocabulary size`);
    assert.match(vocabInfo ?? '', /fetched in [\d.,]+ ms, parsed in [\d.,]+ ms · [\d.]+ [kMG]?B in memory/);

    // Every tokenizer splits some of these emoji inside a character: those
    // tokens are grouped, the group shows the character once, and the members'
    // bytes put together spell exactly that text. Nowhere a U+FFFD.
    const groups = await page.$$eval('#chip-list .group', (boxes) =>
      boxes.map((box) => ({
        text: box.querySelector('.group-text')?.textContent ?? '',
        named: box.querySelector('.group-text .invisible') !== null,
        hex: Array.from(box.querySelectorAll('.chip'), (chip) => chip.textContent).join(' '),
      })),
    );
    assert.ok(groups.length > 0, `${name}: the emoji are split across tokens, so there are groups`);
    for (const group of groups) {
      const spelled = Buffer.from(group.hex.replaceAll(' ', ''), 'hex').toString('utf8');
      assert.ok(group.text.length > 0 && !group.text.includes('\uFFFD'));
      // A group of characters that draw nothing (a lone ZWJ) shows their names instead.
      if (group.named) assert.match(spelled, /^[\p{Cf}\u{FE00}-\u{FE0F}]+$/u, `${name}: only invisible characters are named`);
      else assert.equal(spelled, group.text, `${name}: group bytes spell its text`);
    }
    assert.ok(!(await page.locator('#chip-list').textContent())?.includes('\uFFFD'), `${name}: no U+FFFD anywhere`);
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test('hovering or focusing a chip shows its id, bytes in hex and text', async () => {
  const { page, context } = await openPage({ hash: '#t=cl100k_base&text=' + encodeURIComponent('Hello world 👍🏽') });
  await waitForEncoding(page, 'cl100k_base', 'Hello world 👍🏽');
  const ids = referenceIds('cl100k_base', 'Hello world 👍🏽');
  const tip = page.locator('#token-tip');

  await page.locator('#chip-list .chip').nth(1).hover();
  await tip.waitFor({ state: 'visible' });
  assert.match((await tip.textContent()) ?? '', new RegExp(`Token id${ids[1]}2 of ${ids.length}Bytes20 77 6F 72 6C 64.*“·world”`));

  // Keyboard: one Tab stop for all chips, arrows move between them.
  await page.locator('#chip-list .chip').first().focus();
  assert.match((await tip.textContent()) ?? '', new RegExp(`Token id${ids[0]}1 of`));
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  const focused = await page.evaluate(() => document.activeElement?.getAttribute('data-index'));
  assert.equal(focused, '2');
  assert.match((await tip.textContent()) ?? '', new RegExp(`Token id${ids[2]}`));
  await page.keyboard.press('End');
  assert.match((await tip.textContent()) ?? '', /Textpart of “[^”\uFFFD]+”bytes \d+–\d+ of \d+/, 'a split token names the character it is part of');
  const tabStops = await page.$$eval('#chip-list .chip', (chips) => chips.filter((chip) => chip.tabIndex === 0).length);
  assert.equal(tabStops, 1);
  await context.close();
});

test('the URL keeps the text and the choices, and a link reproduces the view', async () => {
  const { page, context, problems } = await openPage();
  const text = 'Links keep <|endoftext|> and\ttabs & spaces  — 👋🏼 ok?';
  await selectTokenizer(page, 'GPT-2');
  await page.locator('#toggle-special').check();
  await page.locator('#toggle-whitespace').check();
  await page.locator('#tokenize-text').fill(text);
  await waitForEncoding(page, 'r50k_base', text);
  const expected = referenceIds('r50k_base', text, true);
  assert.deepEqual(await chipIds(page), expected);
  assert.equal(await page.locator('#chip-list .chip.special').count(), 1, '<|endoftext|> is one special token');
  await page.waitForFunction((text) => new URLSearchParams(location.hash.slice(1)).get('text') === text, text);
  const link = page.url();
  const params = new URLSearchParams(new URL(link).hash.slice(1));
  assert.equal(params.get('text'), text);
  assert.equal(params.get('t'), 'r50k_base');

  await page.reload();
  await waitForEncoding(page, 'r50k_base', text);
  assert.equal(await page.locator('#tokenize-text').inputValue(), text);
  assert.ok(await page.getByRole('radio', { name: /^GPT-2/ }).isChecked());
  assert.ok(await page.locator('#toggle-special').isChecked());
  assert.equal(await page.locator('#token-output').getAttribute('data-whitespace'), 'visible');
  assert.deepEqual(await chipIds(page), expected);

  const other = await openPage({ hash: new URL(link).hash });
  await waitForEncoding(other.page, 'r50k_base', text);
  assert.deepEqual(await chipIds(other.page), expected, 'the link opened in a new tab shows the same tokens');
  await other.context.close();

  // Turning special tokens off encodes the same text as ordinary text again.
  await page.locator('#toggle-special').uncheck();
  await page.waitForFunction((count) => document.querySelectorAll('#chip-list .chip').length === count, referenceIds('r50k_base', text).length);
  assert.deepEqual(await chipIds(page), referenceIds('r50k_base', text));
  assert.deepEqual(problems, []);
  await context.close();
});

test('an unknown tokenizer in a link gets a clear message', async () => {
  const { page, context } = await openPage({ hash: '#t=gpt5&text=hi' });
  await page.locator('#tokenize-error').waitFor({ state: 'visible' });
  assert.match((await page.locator('#tokenize-error').textContent()) ?? '', /unknown tokenizer, “gpt5”/);
  await waitForEncoding(page, 'cl100k_base', 'hi');
  await context.close();
});

test('token text is shown as text, never as HTML', async () => {
  const { page, context, problems } = await openPage();
  const text = '<img src=x onerror=alert(1)><script>alert(2)</script><b>bold</b> &amp; &lt;';
  await page.locator('#tokenize-text').fill(text);
  await waitForEncoding(page, 'cl100k_base', text);
  assert.equal(await drawnText(page), text);
  assert.equal(await page.locator('#chip-list img, #chip-list script, #chip-list b').count(), 0);
  assert.deepEqual(await chipIds(page), referenceIds('cl100k_base', text));
  assert.deepEqual(problems, [], 'no alert, no errors');
  await context.close();
});

test('a 1 MB paste keeps the page responsive and the counts exact', async () => {
  const { page, context, problems } = await openPage();
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(baseUrl).origin });
  await selectTokenizer(page, 'GPT-4o');
  await waitForEncoding(page, 'o200k_base', await page.locator('#tokenize-text').inputValue());

  const lines = [];
  let size = 0;
  for (let i = 0; size < 1_000_000; i++) {
    const line =
      `${i}. The ${['quick', 'lazy', 'brave'][i % 3]} fox #${(i * 7919) % 100_003} jumped ` +
      `over ${i % 17} dogs; const x${i} = f(${i}, "${'ab'.repeat(i % 5)}"); 東京${i % 10} 👍🏽${' '.repeat(i % 4)}\n`;
    lines.push(line);
    size += Buffer.byteLength(line);
  }
  const big = lines.join('');
  const expectedTokens = referenceIds('o200k_base', big).length;

  // A real paste: the browser's own work of putting 1 MB into the textarea
  // happens first; after it, the page must answer while the worker encodes.
  await page.evaluate((text) => navigator.clipboard.writeText(text), big);
  await page.locator('#tokenize-text').fill('');
  await page.locator('#tokenize-text').focus();
  await page.keyboard.press('ControlOrMeta+V');
  assert.equal(await page.locator('#tokenize-text').evaluate((area) => area.value.length), big.length);
  const started = Date.now();
  await page.locator('#toggle-whitespace').click();
  // The bound is loose on purpose: test machines are shared and noisy, while a
  // page that drew or encoded 1 MB on its main thread would stall far longer.
  await page.waitForFunction(() => document.querySelector('#token-output')?.getAttribute('data-whitespace') === 'visible', null, { timeout: 5000 });
  const clickMs = Date.now() - started;
  assert.ok(clickMs < 5000, `click answered in ${clickMs} ms`);

  await waitForEncoding(page, 'o200k_base', big, 120_000);
  assert.equal(await page.locator('#count-tokens').getAttribute('data-value'), String(expectedTokens));
  assert.equal(await page.locator('#count-characters').getAttribute('data-value'), String([...big].length));
  assert.equal(await page.locator('#count-bytes').getAttribute('data-value'), String(Buffer.byteLength(big)));

  // Only the first chunk is drawn; scrolling draws more.
  const drawn = await page.locator('#chip-list .chip').count();
  assert.ok(drawn > 0 && drawn < expectedTokens / 10, `drew ${drawn} of ${expectedTokens} chips at first`);
  assert.match((await page.locator('#chip-status').textContent()) ?? '', /Showing the first [\d,]+ of [\d,]+ tokens/);
  await page.locator('#chip-scroller').evaluate((scroller) => scroller.scrollTo(0, scroller.scrollHeight));
  await page.waitForFunction((before) => document.querySelectorAll('#chip-list .chip').length > before, drawn);

  // The main thread stays free: a click is answered quickly after the render too.
  const again = Date.now();
  await page.locator('#toggle-whitespace').click();
  await page.waitForFunction(() => document.querySelector('#token-output')?.getAttribute('data-whitespace') === 'hidden', null, { timeout: 5000 });
  assert.ok(Date.now() - again < 5000, `click answered in ${Date.now() - again} ms`);
  assert.ok(await page.locator('#link-note').isVisible(), 'the page says the text is too long for the link');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a vocabulary that fails to load gets a message, and the page keeps working', async () => {
  const { page, context } = await openPage();
  await context.route('**/p50k_base.tiktoken', (route) => route.fulfill({ status: 404, body: 'gone' }));
  await waitForEncoding(page, 'cl100k_base', await page.locator('#tokenize-text').inputValue());
  await selectTokenizer(page, 'GPT-3');
  await page.locator('#tokenize-error').waitFor({ state: 'visible' });
  assert.match((await page.locator('#tokenize-error').textContent()) ?? '', /Could not load the GPT-3 \(p50k_base\) vocabulary: .*404/);
  await selectTokenizer(page, 'GPT-2');
  await waitForEncoding(page, 'r50k_base', await page.locator('#tokenize-text').inputValue());
  assert.ok(await page.locator('#tokenize-error').isHidden());
  await context.close();
});

test('a text longer than the page tokenizes at once gets a message, and a shorter one is encoded again', async () => {
  const { page, problems } = await openPage();
  await waitForEncoding(page, 'cl100k_base', await page.locator('#tokenize-text').inputValue());
  await page.evaluate((length) => {
    const area = /** @type {HTMLTextAreaElement} */ (document.querySelector('#tokenize-text'));
    area.value = 'word '.repeat(Math.ceil(length / 5));
    area.dispatchEvent(new Event('input', { bubbles: true }));
  }, longestText + 1);
  await page.locator('#tokenize-error').waitFor({ state: 'visible' });
  assert.match((await page.locator('#tokenize-error').textContent()) ?? '', /more than the 32,000,000 this page tokenizes at once.*tokenlab count/);
  await page.fill('#tokenize-text', 'short again');
  await waitForEncoding(page, 'cl100k_base', 'short again');
  assert.ok(await page.locator('#tokenize-error').isHidden());
  assert.deepEqual(problems, []);
});

test('an engine that cannot start gets a message', async () => {
  const context = await browser.newContext({ locale: 'en-US' });
  await context.route('**/dist/tokenlab.js', (route) => route.fulfill({ status: 404, body: 'missing' }));
  const page = await context.newPage();
  await page.goto(baseUrl);
  await page.locator('#tokenize-error').waitFor({ state: 'visible' });
  assert.match((await page.locator('#tokenize-error').textContent()) ?? '', /engine could not start/);
  await context.close();
});

test('the page works on a phone-sized screen in dark mode', async () => {
  const { page, context, problems } = await openPage({ colorScheme: 'dark', viewport: { width: 390, height: 844 }, hash: '#t=o200k_base' });
  await waitForEncoding(page, 'o200k_base', await page.locator('#tokenize-text').inputValue());
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `no sideways scrolling (overflow ${overflow}px)`);
  await page.getByRole('button', { name: 'Emoji' }).click();
  await page.waitForSelector('#chip-list .group');
  assert.deepEqual(problems, []);
  await context.close();
});

test('screenshots', async () => {
  const { page, context } = await openPage({ viewport: { width: 1200, height: 760 } });
  const text =
    'Tokenizers cut text into tokens: common words are one, rare ones like "antidisestablishmentarianism" several.\n' +
    'def add(a, b):\n    return a + b  # 1234567\n' +
    '東京は日本の首都です。Привет, мир! 👩🏽‍💻 👍🏿';
  await page.locator('#tokenize-text').fill(text);
  await waitForEncoding(page, 'cl100k_base', text);
  await page.locator('#tokenize-text').blur();
  await page.locator('#chip-list .chip').nth(5).hover();
  await page.locator('#token-tip').waitFor({ state: 'visible' });
  mkdirSync(path.join(repoRoot, 'test-results'), { recursive: true });
  await page.screenshot({ path: path.join(repoRoot, 'test-results', 'playground.png') });
  // The README's copy is refreshed on request only, so test runs leave the tree clean.
  const readmeShot = path.join(repoRoot, 'docs', 'screenshot-tokenize.png');
  if (process.env.UPDATE_SCREENSHOTS || !existsSync(readmeShot)) {
    mkdirSync(path.dirname(readmeShot), { recursive: true });
    await page.screenshot({ path: readmeShot });
  }
  await context.close();
});
