// The page under hostile input, end to end in headless Chromium: text, links,
// vocabularies, file names and words that hold HTML or script are shown as
// text in every view; the Content-Security-Policy served with the page is the
// one index.html declares, and it stops inline script, eval and remote
// origins; files of the wrong kind, dropped or chosen, get a message in the
// page and no console error, and files dragged where nothing takes them are
// refused; once loaded, the page works offline, and a new build replaces the
// kept copy.
//
// Needs web/dist/ (build-scripts/test makes it).
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { contentSecurityPolicy, startServer } from '../../build-scripts/serve.mjs';
import { openSite, showView, webRoot } from './harness.mjs';
import { reloaded, seedKept } from './persistence.mjs';

/** Each sets window.__pwned if it ever runs. */
const hostile = [
  '<img src=x onerror="window.__pwned=1">',
  '<script>window.__pwned=1</script>',
  '"><svg onload="window.__pwned=1">',
  "'><iframe srcdoc='<script>parent.__pwned=1</script>'>",
];
const hostileText = `Say ${hostile.join(' then ')} &amp; &lt;b&gt; done.`;
/** Elements a hostile string would create if it were parsed as HTML. */
const injected = 'img, script, svg, iframe, b';

/** @type {Awaited<ReturnType<typeof openSite>>} */
let site;

before(async () => {
  site = await openSite();
});

after(async () => {
  await site?.close();
});

/** @param {import('playwright-core').Page} page */
const pwned = (page) => page.evaluate(() => /** @type {any} */ (window).__pwned);

/**
 * Asserts that nothing under selector is an element a hostile string makes.
 * @param {import('playwright-core').Page} page @param {string} selector
 */
async function assertNoInjected(page, selector) {
  const found = await page.$$eval(`${selector} :is(${injected})`, (elements) => elements.map((element) => element.outerHTML));
  assert.deepEqual(found, [], `no element made from text under ${selector}`);
}

/**
 * Dispatches a drop of these files on the element, as a user's drag would.
 * @param {import('playwright-core').Page} page
 * @param {string} selector
 * @param {{name: string, bytes: Uint8Array, type?: string}[]} files
 */
async function dropFiles(page, selector, files) {
  await page.evaluate(
    ({ selector, files }) => {
      const transfer = new DataTransfer();
      for (const file of files) transfer.items.add(new File([new Uint8Array(file.bytes)], file.name, { type: file.type }));
      const target = /** @type {Element} */ (document.querySelector(selector));
      for (const type of ['dragenter', 'dragover', 'drop']) target.dispatchEvent(new DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true }));
    },
    { selector, files: files.map((file) => ({ name: file.name, bytes: Array.from(file.bytes), type: file.type ?? '' })) },
  );
}

/** @param {string} name @param {Uint8Array | string} content @param {string} [mimeType] */
const fileOf = (name, content, mimeType = 'application/octet-stream') => ({ name, mimeType, buffer: Buffer.from(content) });

/** Waits until the Tokenize view shows an encoding of text (with the tokenizer named so, unless null). */
async function waitForTokens(page, text, tokenizer = /** @type {string | null} */ ('cl100k_base')) {
  await page.waitForFunction(
    ({ bytes, tokenizer }) => {
      const output = document.querySelector('#token-output');
      return (tokenizer === null || output?.getAttribute('data-tokenizer') === tokenizer) && output && !output.hasAttribute('aria-busy') && document.querySelector('#count-bytes')?.getAttribute('data-value') === String(bytes);
    },
    { bytes: Buffer.byteLength(text), tokenizer },
    { timeout: 30_000 },
  );
}

/** The text the chips spell: each chip's text, a split character's group once. */
function chipText(page) {
  return page.$eval('#chip-list', (list) =>
    Array.from(list.children, (child) => (child.classList.contains('group') ? child.querySelector('.group-text')?.textContent ?? '' : child.textContent ?? '')).join(''),
  );
}

// A PNG's signature and IHDR start, a run of bytes that is not UTF-8, an empty file.
const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0]);
const notUtf8 = Uint8Array.from(Array.from({ length: 3000 }, (_, i) => [0xc3, 0x28, 0xff, 0xfe, 0x80, 0xa0, 0xe2, 0x82][i % 8]));
const empty = new Uint8Array(0);

// 1. Hostile text ---------------------------------------------------------

test('hostile text is shown literally in the Tokenize view: chips, tooltip and a link that carries it', async () => {
  const { page, context, problems } = await site.open();
  await page.locator('#tokenize-text').fill(hostileText);
  await waitForTokens(page, hostileText);
  assert.equal(await chipText(page), hostileText);
  await assertNoInjected(page, '#token-output');

  // The tooltip of every chip that holds markup shows it as text.
  const chips = page.locator('#chip-list .chip');
  const count = await chips.count();
  let tipsWithMarkup = 0;
  for (let i = 0; i < count; i++) {
    const text = (await chips.nth(i).textContent()) ?? '';
    if (!/[<>"']/.test(text)) continue;
    await chips.nth(i).hover();
    await page.locator('#token-tip').waitFor({ state: 'visible' });
    assert.ok(((await page.locator('#token-tip').textContent()) ?? '').includes(text.trim()), `the tooltip spells “${text}”`);
    await assertNoInjected(page, '#token-tip');
    tipsWithMarkup++;
  }
  assert.ok(tipsWithMarkup >= 4, `${tipsWithMarkup} chips with markup hovered`);

  // The same text arriving through a link.
  await page.waitForFunction((text) => new URLSearchParams(location.hash.slice(1)).get('text') === text, hostileText);
  const other = await site.open(new URL(page.url()).hash);
  await waitForTokens(other.page, hostileText);
  assert.equal(await other.page.inputValue('#tokenize-text'), hostileText);
  assert.equal(await chipText(other.page), hostileText);
  await assertNoInjected(other.page, 'main');
  assert.equal(await pwned(other.page), undefined);
  assert.deepEqual(other.problems, []);
  await other.context.close();

  assert.equal(await pwned(page), undefined);
  assert.deepEqual(problems, []);
  await context.close();
});

test('hostile text is shown literally in the Compare view: aligned rows and tooltip', async () => {
  const { page, context, problems } = await site.open('#view=compare');
  await page.locator('#cmp-text').fill(hostileText);
  await page.waitForFunction(
    (bytes) => {
      const output = document.querySelector('#cmp-output');
      return output && !output.hasAttribute('aria-busy') && output.getAttribute('data-bytes') === String(bytes);
    },
    Buffer.byteLength(hostileText),
    { timeout: 60_000 },
  );
  await assertNoInjected(page, '#view-compare');
  // Each row spells the text's markup; the cells hold it as text.
  const rows = await page.$$eval('#cmp-align .acell.token', (cells) => {
    /** @type {string[]} */
    const text = [];
    for (const cell of cells) text[Number(/** @type {HTMLElement} */ (cell).dataset.row)] = (text[Number(/** @type {HTMLElement} */ (cell).dataset.row)] ?? '') + cell.textContent;
    return text;
  });
  assert.ok(rows.length >= 2, `${rows.length} rows`);
  for (const row of rows) for (const part of ['<img', 'onerror', 'script>', '</', '<svg', 'onload']) assert.ok(row.includes(part), `the aligned tokens show ${part}: ${row}`);
  const markupCell = page.locator('#cmp-align .acell.token', { hasText: '<' }).first();
  await markupCell.hover();
  await page.locator('#token-tip').waitFor({ state: 'visible' });
  assert.match((await page.locator('#token-tip').textContent()) ?? '', /</);
  await assertNoInjected(page, '#token-tip');
  assert.equal(await pwned(page), undefined);
  assert.deepEqual(problems, []);
  await context.close();
});

test('hostile text trained into a vocabulary is shown literally in the merge table and the splits', async () => {
  const { page, context, problems } = await site.open('#view=train');
  const corpus = Array.from({ length: 400 }, (_, i) => `${hostile[i % hostile.length]} line ${i % 7}\n`).join('');
  await page.setInputFiles('#file-input', [fileOf(`${hostile[0]}.txt`, corpus, 'text/plain')]);
  await assertNoInjected(page, '#file-list');
  assert.match((await page.textContent('#file-list')) ?? '', /<img src=x onerror="window.__pwned=1">\.txt/);
  await page.fill('#vocab-size', '400');
  await page.selectOption('#pretokenizer', 'none');
  await page.fill('#special-tokens', hostile[1]);
  await page.click('#train-start');
  await page.waitForFunction(() => !document.querySelector('#train-result')?.hidden && document.querySelector('.train-run')?.getAttribute('aria-busy') === 'false', null, { timeout: 60_000 });
  await page.$eval('#merge-scroller', (scroller) => (scroller.scrollTop = scroller.scrollHeight));
  await page.waitForTimeout(200);
  const tokens = await page.$$eval('#merge-rows .merge-row', (rows) => rows.map((row) => row.children[3]?.textContent ?? ''));
  assert.ok(
    tokens.some((token) => token.includes('<img') && token.includes('onerror')),
    `a merged token spells the markup: ${tokens.slice(-5).join(' | ')}`,
  );
  await assertNoInjected(page, '#view-train');
  await page.fill('#try-text', hostileText);
  await page.waitForFunction(() => document.querySelectorAll('#try-splits .split-row').length > 0);
  await page.waitForTimeout(400);
  await assertNoInjected(page, '#view-train');

  // "My tokenizer" in the Tokenize view, with the hostile special token.
  await page.click('#open-tokenize');
  await page.locator('#toggle-special').check();
  await page.fill('#tokenize-text', hostileText);
  assert.ok(await page.isChecked('input[name="tokenizer"][value="mine"]'));
  await waitForTokens(page, hostileText, null);
  assert.equal(await chipText(page), hostileText);
  assert.equal(await page.locator('#chip-list .chip.special').count(), 1, `${hostile[1]} is one special token`);
  await assertNoInjected(page, 'main');
  assert.equal(await pwned(page), undefined);
  assert.deepEqual(problems, []);
  await context.close();
});

/** Elements anywhere in the document that text parsed as HTML would have made. @param {import('playwright-core').Page} page */
const madeFromText = (page) =>
  page.evaluate(() =>
    Array.from(document.querySelectorAll('[onerror], [onload], iframe[srcdoc], script'), (element) => element.outerHTML.slice(0, 120)).filter(
      (html) => /pwned/.test(html),
    ),
  );

test('markup in every link parameter of every view is taken as text', async () => {
  const values = {
    tokenize: ['t', 'text', 'special', 'ws', 'bos', 'in', 'out', 'sep', 'prime', 'dt'],
    compare: ['c', 'text', 'bos'],
    train: ['c', 'vs', 'pt', 'mf', 'sp'],
    embeddings: ['w', 'a', 'b', 'c', 'x', 'y'],
  };
  for (const [view, keys] of Object.entries(values)) {
    const params = new URLSearchParams({ view });
    keys.forEach((key, i) => params.set(key, hostile[i % hostile.length]));
    const { page, context, problems } = await site.open(`#${params}`);
    await page.waitForFunction(() => document.documentElement.dataset.ready === 'true');
    await page.waitForTimeout(1500);
    assert.deepEqual(await madeFromText(page), [], view);
    await assertNoInjected(page, 'main');
    assert.equal(await pwned(page), undefined, view);
    assert.deepEqual(problems, [], view);
    await context.close();
  }
  // The Tokenize view's modes: a hostile id list, a hostile conversation (a
  // message's text goes through the chat template), two hostile texts
  // compared (their tokens drawn as removed and added) and hostile options.
  const modes = [
    { in: 'ids', text: hostile.join(' ') },
    { in: 'chat', text: JSON.stringify(hostile.map((text, i) => [i % 2 ? 'assistant' : 'user', text])) },
    { in: 'chat', t: 'llama3', text: JSON.stringify([['system', hostile[0]], ['user', hostile[1]]]) },
    { in: 'chat', text: hostile[0] },
    { in: 'diff', text: JSON.stringify([hostile[0], hostile[1]]), dt: hostile[2 % hostile.length] },
    { in: 'diff', text: hostile[1] },
  ];
  for (const mode of modes) {
    const params = new URLSearchParams({ t: 'cl100k_base', out: hostile[1], sep: hostile[2 % hostile.length], prime: hostile[0], ...mode });
    const { page, context, problems } = await site.open(`#${params}`);
    await page.waitForFunction(() => document.documentElement.dataset.ready === 'true');
    await page.waitForFunction(() => !document.querySelector('#token-output')?.hasAttribute('aria-busy') && document.querySelector('#token-output')?.hasAttribute('data-tokenizer'), null, { timeout: 60_000 });
    await page.waitForTimeout(1000);
    assert.deepEqual(await madeFromText(page), [], mode.in);
    await assertNoInjected(page, 'main');
    assert.equal(await pwned(page), undefined, mode.in);
    assert.deepEqual(problems, [], mode.in);
    await context.close();
  }
});

// 2. Hostile vocabularies ---------------------------------------------------

/**
 * A BPE tokenizer.json whose vocabulary makes each hostile string one token:
 * the characters, then merges that join them left to right.
 */
function hostileTokenizerJson() {
  /** @type {Record<string, number>} */
  const vocab = {};
  const merges = [];
  const add = (/** @type {string} */ token) => (vocab[token] ??= Object.keys(vocab).length);
  for (const character of new Set(hostileText)) add(character);
  // Chains of merges for two strings whose first pairs differ (one chain's
  // early merges would cut another's); the others as added tokens.
  for (const text of hostile.slice(0, 2)) {
    let left = text[0];
    for (const character of text.slice(1)) {
      if (vocab[left + character] === undefined) merges.push([left, character]);
      add(left + character);
      left += character;
    }
  }
  const special = '<img src=y onerror="window.__pwned=2">';
  return JSON.stringify({
    version: '1.0',
    added_tokens: [...hostile.slice(2), special].map((content, i) => ({
      id: Object.keys(vocab).length + i,
      content,
      single_word: false,
      lstrip: false,
      rstrip: false,
      normalized: false,
      special: content === special,
    })),
    normalizer: null,
    pre_tokenizer: null,
    post_processor: null,
    decoder: null,
    model: { type: 'BPE', dropout: null, unk_token: null, fuse_unk: false, byte_fallback: false, vocab, merges },
  });
}

test('a dropped tokenizer.json with markup in its tokens and its name is shown as text', async () => {
  const { page, context, problems } = await site.open();
  const name = `${hostile[2]}.json`;
  await dropFiles(page, '#view-tokenize', [{ name, bytes: Buffer.from(hostileTokenizerJson()) }]);
  await page.waitForFunction((name) => document.querySelector('#token-output')?.getAttribute('data-tokenizer') === name, name, { timeout: 20_000 });
  const text = hostile.join(' ');
  await page.fill('#tokenize-text', text);
  await waitForTokens(page, text, name);
  const chips = await page.$$eval('#chip-list .chip', (list) => list.map((chip) => chip.textContent));
  for (const string of hostile) assert.ok(chips.includes(string), `“${string}” is one chip: ${chips.join(' | ')}`);
  assert.match((await page.textContent('#tokenizer-picker')) ?? '', /"><svg onload="window.__pwned=1">\.json/);
  assert.match((await page.textContent('#vocab-info')) ?? '', /"><svg onload/);
  await page.locator('#chip-list .chip', { hasText: '<script>' }).first().hover();
  await page.locator('#token-tip').waitFor({ state: 'visible' });
  assert.ok(((await page.textContent('#token-tip')) ?? '').includes(hostile[1]));
  // Its card: the engine's merges that build it, their parts shown as text.
  await page.locator('#chip-list .chip', { hasText: '<script>' }).first().click();
  await page.waitForFunction(() => document.querySelector('#token-card-story')?.getAttribute('data-kind'), null, { timeout: 20_000 });
  assert.equal(await page.locator('#token-card-story').getAttribute('data-kind'), 'merge-bpe');
  assert.ok(((await page.textContent('#token-card-story .merge-tree')) ?? '').replaceAll('·', ' ').includes(hostile[1]));
  await assertNoInjected(page, 'main');
  await page.keyboard.press('Escape');

  // The added special token, allowed.
  await page.locator('#toggle-special').check();
  const withSpecial = 'a<img src=y onerror="window.__pwned=2">a';
  await page.fill('#tokenize-text', withSpecial);
  await waitForTokens(page, withSpecial, name);
  // A special token's chip marks its spaces with "·".
  assert.equal((await chipText(page)).replaceAll('·', ' '), withSpecial);
  assert.equal(await page.locator('#chip-list .chip.special').count(), 1);

  // Dropped in the Compare view, it joins the rows; its tokens and name are text there too.
  await showView(page, 'compare');
  await page.fill('#cmp-text', text);
  const otherName = `${hostile[3]}.json`;
  await dropFiles(page, '#view-compare', [{ name: otherName, bytes: Buffer.from(hostileTokenizerJson()) }]);
  await page.waitForFunction(
    ({ name, bytes }) => {
      const output = document.querySelector('#cmp-output');
      const keys = (output?.getAttribute('data-keys') ?? '').split(',');
      return output && !output.hasAttribute('aria-busy') && output.getAttribute('data-bytes') === String(bytes) && keys.length >= 2 && (document.querySelector('#cmp-rows')?.textContent ?? '').includes(name);
    },
    { name: otherName, bytes: Buffer.byteLength(text) },
    { timeout: 30_000 },
  );
  assert.ok(((await page.textContent('#cmp-rows')) ?? '').includes(otherName));
  const cells = await page.$$eval('#cmp-align .acell.token', (list) => list.map((cell) => cell.textContent));
  assert.ok(cells.includes(hostile[1]), `${hostile[1]} is one aligned token`);
  await assertNoInjected(page, 'main');
  await assertNoInjected(page, 'header');
  assert.equal(await page.evaluate(() => document.title.includes('<')), false);
  assert.equal(await pwned(page), undefined);
  assert.deepEqual(problems, []);
  await context.close();
});

test('names kept in the browser with markup (records, their files, a reason) are shown as text in Your files, the pickers and the Train view', async () => {
  const { page, context, problems } = await site.open('#view=train');
  const name = hostile.join(' ');
  await seedKept(page, {
    vocabulary: new Uint8Array(readFileSync(path.join(webRoot, 'dist', 'vocab', 'bert-base-uncased.json'))),
    tiktoken: new Uint8Array(readFileSync(path.join(webRoot, 'dist', 'vocab', 'r50k_base.tiktoken'))),
    name,
  });
  await reloaded(page);
  await page.locator('#train-kept:not([hidden])').waitFor();
  assert.ok((await page.textContent('#train-phase'))?.includes(`A training run (bpe-run ${name}) was interrupted after 1 merge: it was ended ${name}.`));
  await page.click('.your-files-button');
  await page.waitForSelector('#your-files[open][data-drawn] .your-files-skipped .kept-item');
  const names = await page.$$eval('#your-files .kept-name', (spans) => spans.map((span) => span.textContent));
  assert.deepEqual(names.sort(), ['bpe-run', 'tokenizer-file', 'vectors', 'vocabulary', 'vocabulary'].map((kind) => `${kind} ${name}`).sort());
  assert.ok((await page.textContent('#your-files [data-id="seed-vocabulary"] .kept-facts'))?.includes(`from vocabulary.txt ${name} (1.2 kB)`));
  await page.click('#your-files [data-id="seed-vocabulary"] [data-role="rename"]');
  await page.fill('#your-files [data-role="name"]', `${hostile[1]} renamed`);
  await page.keyboard.press('Enter');
  await page.waitForFunction((renamed) => document.querySelector('#your-files [data-id="seed-vocabulary"] .kept-name')?.textContent === renamed, `${hostile[1]} renamed`);
  await assertNoInjected(page, '#your-files');
  await page.keyboard.press('Escape');

  await showView(page, 'tokenize');
  assert.ok((await page.textContent('#tokenizer-picker'))?.includes(`tokenizer-file ${name}`));
  assert.ok((await page.textContent('#tokenizer-picker'))?.includes(`${hostile[1]} renamed`));
  await showView(page, 'embeddings');
  await page.waitForSelector('#emb-set-picker [data-kept]');
  assert.ok((await page.textContent('#emb-set-picker [data-kept]'))?.includes(`vectors ${name}`));
  await page.check('#emb-set-picker [data-kept] input');
  await page.waitForFunction((name) => document.querySelector('#emb-set-info')?.textContent?.includes(`3 words × 2 dimensions from vectors ${name}`), name);
  await assertNoInjected(page, 'main');
  await assertNoInjected(page, 'header');
  assert.equal(await pwned(page), undefined);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a .vec file with markup for words is shown as text in the lists, the map search and its hover label', async () => {
  const { page, context, problems } = await site.open('#view=embeddings');
  await page.waitForFunction(() => /words × 100 dimensions/.test(document.querySelector('#emb-set-info')?.textContent ?? ''), null, { timeout: 30_000 });
  const words = ['king', 'queen', ...hostile.map((word) => word.replaceAll(' ', '\u00a0')), 'apple'];
  const rows = words.map((word, i) => `${word} ${[1 - i * 0.05, 0.1 + i * 0.05, i === words.length - 1 ? 1 : 0].join(' ')}`);
  const fileName = `${hostile[0]}.vec`;
  await page.setInputFiles('#emb-import', [fileOf(fileName, `${words.length} 3\n${rows.join('\n')}\n`, 'text/plain')]);
  await page.waitForFunction(() => /from <img/.test(document.querySelector('#emb-set-info')?.textContent ?? ''), null, { timeout: 20_000 });
  await page.fill('#emb-nn-word', 'king');
  await page.click('#emb-nn-form button[type=submit]');
  await page.waitForFunction(() => document.querySelectorAll('#emb-nn-list li').length >= 4);
  const shown = await page.$$eval('#emb-nn-list .emb-word', (list) => list.map((word) => word.textContent));
  for (const word of words.slice(2, -1)) assert.ok(shown.includes(word), `“${word}” is listed: ${shown.join(' | ')}`);

  // Looking a hostile word up, and finding it on the map.
  await page.fill('#emb-nn-word', words[3]);
  await page.click('#emb-nn-form button[type=submit]');
  await page.waitForFunction((word) => (document.querySelector('#emb-strip-readout')?.textContent ?? '').includes(word), words[3]);
  await page.fill('#emb-map-search', words[2]);
  await page.press('#emb-map-search', 'Enter');
  await page.waitForFunction((word) => (document.querySelector('#emb-map-found')?.textContent ?? '').includes(word), words[2]);
  // The highlight is set with the text above; the view has moved to the word once the map is drawn again.
  await page.waitForSelector('#emb-map[data-drawn]');
  await page.locator('#emb-map').scrollIntoViewIfNeeded();
  const box = await page.locator('#emb-map').boundingBox();
  assert.ok(box);
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.waitForFunction(() => !document.querySelector('#emb-map-tip')?.hidden);
  assert.ok(((await page.textContent('#emb-map-tip')) ?? '').startsWith(words[2]), await page.textContent('#emb-map-tip'));
  await assertNoInjected(page, '#view-embeddings');
  const options = await page.$$eval('#emb-words option', (list) => list.map((option) => option.getAttribute('value')));
  assert.ok(options.includes(words[4]) || options.length === 0, 'the suggestions hold the words as values');
  assert.equal(await pwned(page), undefined);
  assert.deepEqual(problems, []);
  await context.close();
});

// 3. Content-Security-Policy -------------------------------------------------

/** @param {string} policy @returns {Map<string, string[]>} */
function directives(policy) {
  return new Map(
    policy
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0])
      .map(([name, ...values]) => [name, values]),
  );
}

test('the page is served with a CSP that allows only its own origin and its import map, the same as its meta tag', async () => {
  const response = await fetch(site.baseUrl);
  const served = response.headers.get('content-security-policy') ?? '';
  const html = await response.text();
  const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1];
  assert.ok(meta, 'index.html declares its policy');
  assert.deepEqual(directives(meta), directives(served), 'the meta tag and the header hold the same policy');
  assert.equal(served, contentSecurityPolicy);

  const policy = directives(served);
  assert.deepEqual(policy.get('default-src'), ["'self'"]);
  assert.deepEqual(policy.get('connect-src'), ["'self'"]);
  assert.deepEqual(policy.get('worker-src'), ["'self'"]);
  assert.deepEqual(policy.get('style-src'), ["'self'"]);
  assert.deepEqual(policy.get('object-src'), ["'none'"]);
  const scripts = policy.get('script-src') ?? [];
  assert.ok(scripts.includes("'self'"));
  assert.ok(!scripts.includes("'unsafe-inline'") && !scripts.includes("'unsafe-eval'"), scripts.join(' '));
  for (const [name, values] of policy) {
    for (const value of values) assert.ok(!/^(\*|https?:|wss?:|\/\/)|\.[a-z]{2,}/i.test(value) || value.startsWith("'sha256-"), `${name} names no remote origin: ${value}`);
  }
  // The one inline script, the import map, is allowed by its exact hash.
  const importMaps = [...html.matchAll(/<script type="importmap">([\s\S]*?)<\/script>/g)].map((match) => match[1]);
  assert.equal(importMaps.length, 1);
  const hash = `'sha256-${createHash('sha256').update(importMaps[0]).digest('base64')}'`;
  assert.deepEqual(scripts.filter((value) => value.startsWith("'sha256-")), [hash]);
  const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)(?![^>]*type="importmap")[^>]*>/g)];
  assert.deepEqual(inline, [], 'no other inline script');
  assert.doesNotMatch(html, /\son[a-z]+=/i, 'no inline event handlers');
});

test('the policy stops inline script, eval and requests to other origins in the page', async () => {
  const { page, context, problems } = await site.open();
  await page.waitForFunction(() => document.documentElement.dataset.ready === 'true');
  const outcome = await page.evaluate(async () => {
    /** @type {string[]} */
    const violations = [];
    document.addEventListener('securitypolicyviolation', (event) => violations.push(event.effectiveDirective));
    // Out of the task that the test harness runs this function in, which may evaluate freely.
    await new Promise((resolve) => setTimeout(resolve, 0));
    const script = document.createElement('script');
    script.textContent = 'window.__pwned = "inline"';
    document.head.append(script);
    const remote = document.createElement('script');
    remote.src = 'https://example.com/x.js';
    document.head.append(remote);
    let evaluated = 'ran';
    try {
      (0, eval)('window.__pwned = "eval"');
    } catch (error) {
      evaluated = error instanceof Error ? error.name : String(error);
    }
    let fetched = 'fetched';
    try {
      await fetch('https://example.com/');
    } catch (error) {
      fetched = error instanceof Error ? error.name : String(error);
    }
    const image = new Image();
    image.src = 'https://example.com/pixel.png';
    const style = document.createElement('style');
    style.textContent = 'body { display: none }';
    document.head.append(style);
    await new Promise((resolve) => setTimeout(resolve, 300));
    return { violations, evaluated, fetched, pwned: /** @type {any} */ (window).__pwned, hidden: getComputedStyle(document.body).display === 'none' };
  });
  assert.equal(outcome.pwned, undefined);
  assert.equal(outcome.evaluated, 'EvalError');
  assert.equal(outcome.fetched, 'TypeError');
  assert.equal(outcome.hidden, false, 'an inline style is not applied');
  for (const directive of ['script-src-elem', 'script-src', 'connect-src', 'img-src', 'style-src-elem']) {
    assert.ok(outcome.violations.includes(directive), `a ${directive} violation among ${outcome.violations.join(', ')}`);
  }
  // Chromium logs each refusal as a console error; nothing else went wrong.
  assert.deepEqual(
    problems.filter((problem) => !/violates the following Content Security Policy directive|Refused to/.test(problem)),
    [],
  );
  await context.close();
});

// 4. Files of the wrong kind --------------------------------------------------

const wrongKinds = [
  { name: 'photo.png', bytes: png, type: 'image/png' },
  { name: 'empty.json', bytes: empty, type: 'application/json' },
  { name: 'latin.tiktoken', bytes: notUtf8, type: '' },
  { name: 'list.json', bytes: Buffer.from('[1, 2, 3]'), type: 'application/json' },
  { name: 'null.json', bytes: Buffer.from('{"model": null}'), type: 'application/json' },
  { name: 'words.vec', bytes: Buffer.from('2 3\nking 1 0 0\nqueen 0 1 0\n'), type: 'text/plain' },
];

for (const view of ['tokenize', 'compare']) {
  test(`files that are not tokenizers, dropped or chosen in the ${view === 'tokenize' ? 'Tokenize' : 'Compare'} view, get a message each`, async () => {
    const { page, context, problems } = await site.open(`#view=${view}`);
    const errorText = view === 'tokenize' ? '#tokenize-error-text' : '#cmp-error-text';
    const input = `#view-${view} input[data-tokenizer-file]`;
    // The view's own first encoding clears the error box when it ends; let it end first, as a reader
    // would see the tokens before dropping a file.
    await page.waitForFunction(
      (view) => {
        const output = document.querySelector(view === 'tokenize' ? '#token-output' : '#cmp-output');
        return !!output && !output.hasAttribute('aria-busy') && output.hasAttribute(view === 'tokenize' ? 'data-tokenizer' : 'data-keys');
      },
      view,
      { timeout: 60_000 },
    );
    for (const [i, file] of wrongKinds.entries()) {
      await page.evaluate((selector) => {
        const box = document.querySelector(selector);
        if (box) box.textContent = '';
      }, errorText);
      if (i % 2 === 0) await dropFiles(page, `#view-${view}`, [file]);
      else await page.setInputFiles(input, [fileOf(file.name, file.bytes, file.type || 'application/octet-stream')]);
      await page.waitForFunction(
        ({ selector, name }) => (document.querySelector(selector)?.textContent ?? '').includes(name) && !document.querySelector(selector)?.closest('[hidden]'),
        { selector: errorText, name: file.name },
        { timeout: 20_000 },
      );
      assert.match((await page.textContent(errorText)) ?? '', /is not a tokenizer file|Could not load|empty/, file.name);
    }
    assert.equal(await page.locator('dialog[open]').count(), 0, 'no dialog left open');
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('corpus files of the wrong kind in the Train view get a message and train nothing broken', async () => {
  const { page, context, problems } = await site.open('#view=train');
  const errorText = () => page.textContent('#train-error-text');
  const trained = () =>
    page.waitForFunction(
      () => (!document.querySelector('#train-result')?.hidden && document.querySelector('.train-run')?.getAttribute('aria-busy') === 'false') || !document.querySelector('#train-error')?.hidden,
      null,
      { timeout: 60_000 },
    );
  await page.fill('#vocab-size', '300');

  // Dropped: an image, then an empty file.
  await dropFiles(page, '#train-form', [{ name: 'photo.png', bytes: png, type: 'image/png' }]);
  await page.click('#train-start');
  await trained();
  const notes = (await page.textContent('#train-notes')) ?? '';
  const message = (await page.isVisible('#train-error')) ? await errorText() : notes;
  assert.match(message ?? '', /photo\.png/, 'an image gets a word about itself');
  await page.click('#file-list .file-remove');

  await page.setInputFiles('#file-input', [fileOf('empty.txt', empty, 'text/plain')]);
  await page.click('#train-start');
  await page.waitForFunction(() => !document.querySelector('#train-error')?.hidden);
  assert.match((await errorText()) ?? '', /empty/);
  await page.click('#file-list .file-remove');

  await page.setInputFiles('#file-input', [fileOf('latin1.txt', notUtf8, 'text/plain')]);
  await page.click('#train-start');
  await trained();
  assert.match(((await page.textContent('#train-notes')) ?? '') + ((await errorText()) ?? ''), /latin1\.txt/, 'invalid UTF-8 is named');
  await page.click('#file-list .file-remove');

  // The import of a tokenizer.json: an image, an empty file, text that is not JSON, JSON that is no tokenizer.
  for (const file of [fileOf('photo.json', png, 'image/png'), fileOf('empty.json', empty), fileOf('latin.json', notUtf8), fileOf('array.json', '[1,2]'), fileOf('vectors.json', '{"model": {"type": "BPE"}}')]) {
    await page.evaluate(() => {
      const box = document.querySelector('#train-error-text');
      if (box) box.textContent = '';
    });
    await page.setInputFiles('#import-input', [file]);
    await page.waitForFunction((name) => (document.querySelector('#train-error-text')?.textContent ?? '').includes(`Could not import ${name}`), file.name, { timeout: 20_000 });
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test('files of the wrong kind in the Embeddings view: a .vec import and a training corpus get a message each', async () => {
  const { page, context, problems } = await site.open('#view=embeddings');
  await page.waitForFunction(() => /words × 100 dimensions/.test(document.querySelector('#emb-set-info')?.textContent ?? ''), null, { timeout: 30_000 });
  for (const file of [fileOf('photo.vec', png, 'image/png'), fileOf('empty.vec', empty, 'text/plain'), fileOf('latin.vec', notUtf8, 'text/plain'), fileOf('tokenizer.vec', hostileTokenizerJson(), 'application/json')]) {
    await page.evaluate(() => {
      const box = document.querySelector('#emb-error-text');
      if (box) box.textContent = '';
    });
    await page.setInputFiles('#emb-import', [file]);
    await page.waitForFunction((name) => !document.querySelector('#emb-error')?.hidden && (document.querySelector('#emb-error-text')?.textContent ?? '').includes(name), file.name, { timeout: 20_000 });
    assert.ok(await page.isChecked('#emb-set-picker input[value=default]'), `the default vectors stay chosen after ${file.name}`);
  }

  // Corpus files: dropped and chosen.
  await page.check('input[name=emb-corpus][value=files]');
  await dropFiles(page, '#emb-drop', [{ name: 'photo.png', bytes: png, type: 'image/png' }]);
  await page.waitForFunction(() => /not plain text/.test(document.querySelector('#emb-train-error-text')?.textContent ?? ''));
  for (const file of [fileOf('empty.txt', empty, 'text/plain'), fileOf('latin.txt', notUtf8, 'text/plain'), fileOf('photo.txt', png, 'text/plain')]) {
    await page.evaluate(() => {
      const box = document.querySelector('#emb-train-error-text');
      if (box) box.textContent = '';
    });
    await page.setInputFiles('#emb-file-input', [file]);
    await page.click('#emb-train-start');
    await page.waitForFunction(() => !document.querySelector('#emb-train-error')?.hidden && (document.querySelector('#emb-train-error-text')?.textContent ?? '') !== '', null, { timeout: 30_000 });
    assert.match((await page.textContent('#emb-train-error-text')) ?? '', /no words|not text|UTF-8|min count/i, file.name);
    await page.click('#emb-file-list .file-remove');
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test('a corpus file deleted after it was chosen gets a message naming it, in the Train and Embeddings views', async () => {
  const { page, context, problems } = await site.open('#view=train');
  const dir = mkdtempSync(path.join(tmpdir(), 'tokenlab-gone-'));
  const gone = (/** @type {string} */ name) => {
    const file = path.join(dir, name);
    appendFileSync(file, 'the whale and the ship\n'.repeat(500));
    return file;
  };
  try {
    const trainFile = gone('moved.txt');
    await page.setInputFiles('#file-input', trainFile);
    rmSync(trainFile);
    await page.fill('#vocab-size', '300');
    await page.click('#train-start');
    await page.waitForFunction(() => !document.querySelector('#train-error')?.hidden, null, { timeout: 20_000 });
    assert.match((await page.textContent('#train-error-text')) ?? '', /Could not train: could not read moved\.txt .*moved, changed or deleted/);

    await showView(page, 'embeddings');
    await page.waitForFunction(() => /words × 100 dimensions/.test(document.querySelector('#emb-set-info')?.textContent ?? ''), null, { timeout: 30_000 });
    await page.check('input[name=emb-corpus][value=files]');
    const vectorsFile = gone('renamed.txt');
    await page.setInputFiles('#emb-file-input', vectorsFile);
    rmSync(vectorsFile);
    await page.click('#emb-train-start');
    await page.waitForFunction(() => /could not read renamed\.txt/i.test(document.querySelector('#emb-train-error-text')?.textContent ?? ''), null, { timeout: 20_000 });
    assert.match((await page.textContent('#emb-train-error-text')) ?? '', /it may have been moved, changed or deleted after it was chosen/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test('files dragged where nothing takes them are refused, so the browser does not leave the page to open them', async () => {
  const { page, context, problems } = await site.open('#view=embeddings');
  await page.waitForFunction(() => /words × 100 dimensions/.test(document.querySelector('#emb-set-info')?.textContent ?? ''), null, { timeout: 30_000 });
  await page.check('input[name=emb-corpus][value=files]');
  /** How a drag of a file over the element is answered: whether the browser's own handling is stopped, and the drop effect. */
  const dragOver = (/** @type {string} */ selector) =>
    page.evaluate((selector) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File(['2 3\nking 1 0 0\n'], 'words.vec'));
      const outcome = [];
      for (const type of ['dragover', 'drop']) {
        const event = new DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true });
        document.querySelector(selector)?.dispatchEvent(event);
        outcome.push(event.defaultPrevented);
      }
      return { prevented: outcome, effect: transfer.dropEffect };
    }, selector);
  for (const selector of ['#emb-map', '.site-header', '#emb-explore']) assert.deepEqual(await dragOver(selector), { prevented: [true, true], effect: 'none' }, selector);
  assert.equal((await dragOver('#emb-drop')).prevented[1], true, 'the corpus area still takes files');
  assert.equal(await page.locator('#emb-file-list li').count(), 1, 'only the drop on the corpus area added a file');
  await showView(page, 'train');
  assert.deepEqual(await dragOver('#merge-scroller'), { prevented: [true, true], effect: 'none' });
  assert.equal(await page.locator('#file-list li').count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});

// 5. Offline once loaded -------------------------------------------------------

/**
 * Polls an async condition in the page until it holds (waitForFunction does not wait for promises).
 * @template T
 * @param {import('playwright-core').Page} page
 * @param {(arg: T) => Promise<boolean>} condition
 * @param {T} [arg]
 */
async function until(page, condition, arg, timeout = 30_000) {
  const end = Date.now() + timeout;
  while (!(await page.evaluate(condition, arg))) {
    if (Date.now() > end) throw new Error(`timed out after ${timeout} ms waiting for ${condition}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** @param {import('playwright-core').Page} page */
const keptFiles = (page) =>
  page.evaluate(async () => {
    const names = (await caches.keys()).filter((name) => name.startsWith('tokenlab-'));
    const urls = [];
    for (const name of names) for (const request of await (await caches.open(name)).keys()) urls.push(new URL(request.url).pathname);
    return { names, urls };
  });

test('once loaded, the page works offline: the tokenizer used, and a view not visited yet with its worker', async () => {
  const { page, context, problems } = await site.open();
  await waitForTokens(page, await page.inputValue('#tokenize-text'));
  await page.waitForFunction(() => document.documentElement.dataset.offline === 'ready', null, { timeout: 30_000 });
  // The first visit's vocabulary came before the worker; it is kept all the same.
  await until(page, async () => {
    for (const name of await caches.keys()) if (await (await caches.open(name)).match('dist/vocab/cl100k_base.tiktoken')) return true;
    return false;
  });
  const { precacheManifest } = await import('../../build-scripts/precache.mjs');
  const manifest = precacheManifest(webRoot);
  const kept = await keptFiles(page);
  assert.equal(kept.names.length, 1, kept.names.join(' '));
  assert.match(kept.names[0], /^tokenlab-[0-9a-f]{16}$/);
  for (const file of manifest.shell) assert.ok(kept.urls.includes(new URL(file, 'http://x/').pathname), `${file} is kept`);

  await context.setOffline(true);
  /** @type {string[]} */
  const notFromCache = [];
  page.on('response', (response) => {
    if (!response.fromServiceWorker() && !response.url().startsWith('data:')) notFromCache.push(response.url());
  });
  await page.reload();
  const text = 'Offline, the page still reads “text” 👍🏽.';
  await page.fill('#tokenize-text', text);
  await waitForTokens(page, text);
  assert.equal(await chipText(page), text);
  assert.equal(await page.locator('#tokenize-error').isHidden(), true);

  // The Train view's worker, trainer and sample were never fetched online.
  await showView(page, 'train');
  await page.fill('#vocab-size', '400');
  await page.click('#train-start');
  await page.waitForFunction(() => !document.querySelector('#train-result')?.hidden && document.querySelector('.train-run')?.getAttribute('aria-busy') === 'false', null, { timeout: 60_000 });
  assert.match((await page.textContent('#train-phase')) ?? '', /^Done: [\d,]+ merges/);
  assert.deepEqual(notFromCache, [], 'every response came from the service worker');
  // A vocabulary never fetched cannot load offline: a message, as for any failed load.
  await showView(page, 'tokenize');
  await page.getByRole('radio', { name: /^GPT-2\b/ }).check();
  await page.locator('#tokenize-error').waitFor({ state: 'visible' });
  assert.match((await page.textContent('#tokenize-error-text')) ?? '', /Could not load the GPT-2 \(r50k_base\) vocabulary/);
  assert.deepEqual(
    problems.filter((problem) => !/Failed to load resource|r50k_base/.test(problem)),
    [],
  );
  await context.close();
});

test('a new build replaces the kept one: a new worker, a new cache, the old one gone', async () => {
  // A copy of the page to change, its large data linked rather than copied.
  const root = mkdtempSync(path.join(tmpdir(), 'tokenlab-web-'));
  cpSync(webRoot, root, { recursive: true, filter: (source) => !/[\\/]dist[\\/](vocab|vectors)$/.test(source) });
  mkdirSync(path.join(root, 'dist'), { recursive: true });
  for (const dir of ['vocab', 'vectors']) symlinkSync(path.join(webRoot, 'dist', dir), path.join(root, 'dist', dir));
  const { server, url } = await startServer({ root, port: 0 });
  const context = await site.browser.newContext();
  try {
    const page = await context.newPage();
    const marker = () => page.evaluate(async () => (await (await fetch('common/format.js')).text()).includes('// a new build'));
    await page.goto(url);
    await page.waitForFunction(() => document.documentElement.dataset.offline === 'ready', null, { timeout: 30_000 });
    const first = (await keptFiles(page)).names;
    assert.equal(first.length, 1);
    assert.equal(await marker(), false);

    appendFileSync(path.join(root, 'common', 'format.js'), '\n// a new build\n');
    await page.reload();
    await until(page, async (old) => {
      const names = (await caches.keys()).filter((name) => name.startsWith('tokenlab-'));
      return names.length === 1 && names[0] !== old;
    }, first[0]);
    await page.reload();
    assert.equal(await marker(), true, 'the changed file is served from the new cache');
  } finally {
    await context.close();
    server.close();
    rmSync(root, { recursive: true, force: true });
  }
});
