// A link reproduces a view after a reload: the address the page writes as
// settings change brings back the same view when the page is reloaded. The
// Tokenize view's link (text, tokenizer, switches, also opened in a new tab)
// is checked in playground.test.mjs, and the Compare view's in a new tab in
// compare.test.mjs; here: the Train view's settings, the Compare view's three
// tokenizers and text through page.reload(), the Embeddings view's queries,
// and the Tokenize view with GPT-4o.
//
// Needs web/dist/ (build-scripts/test makes it).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { openSite } from './harness.mjs';

/** @type {Awaited<ReturnType<typeof openSite>>} */
let site;
before(async () => {
  site = await openSite();
});
after(() => site?.close());

/** @param {import('playwright-core').Page} page @param {Record<string, string>} pairs */
function waitForLink(page, pairs) {
  return page.waitForFunction((pairs) => {
    const params = new URLSearchParams(location.hash.slice(1));
    return Object.entries(pairs).every(([key, value]) => params.get(key) === value);
  }, pairs);
}

test('the Train view’s corpus, size, pre-tokenizer, minimum frequency and special tokens survive a reload', async () => {
  const { page, context, problems } = await site.open('#view=train');
  await page.locator('#view-train input[name="corpus"][value="code"]').check();
  await page.fill('#vocab-size', '1234');
  await page.selectOption('#pretokenizer', 'o200k');
  await page.fill('#min-frequency', '3');
  await page.fill('#special-tokens', '<|endoftext|> <|pad|>');
  await page.locator('#special-tokens').press('Tab');
  await waitForLink(page, { view: 'train', c: 'code', vs: '1234', pt: 'o200k', mf: '3', sp: '<|endoftext|> <|pad|>' });

  await page.reload();
  await page.waitForFunction(() => document.documentElement.dataset.ready === 'true');
  assert.ok(await page.locator('#view-train input[name="corpus"][value="code"]').isChecked());
  assert.equal(await page.inputValue('#vocab-size'), '1234');
  assert.equal(await page.inputValue('#pretokenizer'), 'o200k');
  assert.equal(await page.inputValue('#min-frequency'), '3');
  assert.equal(await page.inputValue('#special-tokens'), '<|endoftext|> <|pad|>');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the Compare view’s three tokenizers and text survive a reload, with the same counts', async () => {
  const text = 'Reloading keeps “naïve” tokenizers lined up: 12345 🚀';
  const keys = ['cl100k_base', 'o200k_base', 'bert-base-uncased'];
  const { page, context, problems } = await site.open(`#view=compare&c=${keys.join(',')}&text=${encodeURIComponent(text)}`);
  const rows = async () => {
    await page.waitForFunction((count) => document.querySelectorAll('#cmp-rows tr').length === count && [...document.querySelectorAll('#cmp-rows tr')].every((row) => /\d/.test(row.children[2]?.textContent ?? '')), keys.length, { timeout: 60_000 });
    return page.$$eval('#cmp-rows tr', (trs) => trs.map((tr) => [tr.getAttribute('data-key'), ...[...tr.children].slice(1, 5).map((cell) => cell.textContent?.trim())]));
  };
  const before = await rows();
  assert.deepEqual(before.map((row) => row[0]), keys);
  await page.reload();
  assert.deepEqual(await rows(), before);
  assert.equal(await page.inputValue('#cmp-text'), text);
  const params = new URLSearchParams(new URL(page.url()).hash.slice(1));
  assert.equal(params.get('c'), keys.join(','));
  assert.equal(params.get('text'), text);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the Embeddings view’s queries survive a reload', async () => {
  const { page, context, problems } = await site.open('#view=embeddings');
  await page.waitForFunction(() => /words × 100 dimensions/.test(document.querySelector('#emb-set-info')?.textContent ?? ''), null, { timeout: 30_000 });
  await page.fill('#emb-nn-word', 'whale');
  await page.click('#emb-nn-form button[type=submit]');
  await page.fill('#emb-sim-a', 'ship');
  await page.fill('#emb-sim-b', 'boat');
  await page.click('#emb-sim-form button[type=submit]');
  await waitForLink(page, { view: 'embeddings', w: 'whale', x: 'ship', y: 'boat' });
  await page.waitForFunction(() => /cos\(ship, boat\) = /.test(document.querySelector('#emb-sim-text')?.textContent ?? ''));
  const neighbours = await page.$$eval('#emb-nn-list li', (items) => items.map((item) => item.textContent));
  const similarity = await page.textContent('#emb-sim-text');

  await page.reload();
  await page.waitForFunction(() => /cos\(ship, boat\) = /.test(document.querySelector('#emb-sim-text')?.textContent ?? ''), null, { timeout: 30_000 });
  assert.equal(await page.inputValue('#emb-nn-word'), 'whale');
  await page.waitForFunction((count) => document.querySelectorAll('#emb-nn-list li').length === count, neighbours.length);
  assert.deepEqual(await page.$$eval('#emb-nn-list li', (items) => items.map((item) => item.textContent)), neighbours);
  assert.equal(await page.textContent('#emb-sim-text'), similarity);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the Tokenize view with GPT-4o and a text survives a reload', async () => {
  const text = 'GPT-4o after a reload: same ids';
  const { page, context, problems } = await site.open('#view=tokenize');
  await page.getByRole('radio', { name: /^GPT-4o\b/ }).check();
  await page.fill('#tokenize-text', text);
  await waitForLink(page, { t: 'o200k_base', text });
  const ids = async () => {
    await page.waitForFunction((text) => document.querySelector('#token-output')?.getAttribute('data-tokenizer') === 'o200k_base' && [...document.querySelectorAll('#chip-list .chip')].map((chip) => chip.textContent).join('') === text, text, { timeout: 30_000 });
    return page.$$eval('#chip-list .chip', (chips) => chips.map((chip) => chip.getAttribute('data-id')));
  };
  const before = await ids();
  await page.reload();
  assert.deepEqual(await ids(), before);
  assert.ok(await page.getByRole('radio', { name: /^GPT-4o\b/ }).isChecked());
  assert.deepEqual(problems, []);
  await context.close();
});

test('the Tokenize view’s modes survive a reload: the ids layout, ids read back, a conversation and two texts compared', async () => {
  const { page, problems } = await site.open('#t=cl100k_base&text=Hello%20world');
  await page.waitForSelector('#chip-list .chip');
  await page.locator('#output-mode input[value="ids"]').check();
  await page.selectOption('#ids-layout', 'lines');
  await waitForLink(page, { out: 'ids', sep: 'lines' });
  const ids = await page.locator('#ids-text').inputValue();
  await page.reload();
  await page.waitForFunction((ids) => document.querySelector('#ids-text')?.value === ids, ids);
  assert.equal(await page.locator('#ids-layout').inputValue(), 'lines');

  // The ids, read back to text.
  await page.locator('#input-mode input[value="ids"]').check();
  await page.locator('#tokenize-ids').fill(ids);
  await waitForLink(page, { in: 'ids', text: ids });
  await page.reload();
  await page.waitForFunction(() => document.querySelector('#decoded-text')?.value === 'Hello world');
  assert.equal(await page.locator('#tokenize-ids').inputValue(), ids);

  // A conversation: one message added and typed, the reply's start switched off.
  await page.locator('#input-mode input[value="chat"]').check();
  await page.locator('#chat-messages textarea').first().waitFor();
  await page.click('#chat-add');
  await page.keyboard.type('And 東京?');
  await page.locator('#chat-prime').click();
  await page.waitForFunction(() => (new URLSearchParams(location.hash.slice(1)).get('text') ?? '').includes('東京') && new URLSearchParams(location.hash.slice(1)).get('prime') === '0');
  await page.waitForFunction(() => !document.querySelector('#token-output')?.hasAttribute('aria-busy') && !document.querySelector('#chat-summary')?.hidden);
  const before = await page.locator('#count-tokens').getAttribute('data-value');
  const messages = await page.$$eval('#chat-messages textarea', (areas) => areas.map((area) => area.value));
  await page.reload();
  await page.waitForFunction((count) => document.querySelector('#count-tokens')?.getAttribute('data-value') === count && !document.querySelector('#chat-summary')?.hidden, before);
  assert.deepEqual(await page.$$eval('#chat-messages textarea', (areas) => areas.map((area) => area.value)), messages);
  assert.equal(await page.locator('#chat-prime').isChecked(), false);

  // Two texts compared, counted also in LLaMA 3 and not in GPT-4o.
  await page.locator('#input-mode input[value="diff"]').check();
  await page.locator('#diff-before').fill('Keep it short.');
  await page.locator('#diff-after').fill('Keep it short and kind, 東京.');
  await page.locator('#diff-tokenizers input[value="o200k_base"]').uncheck();
  await waitForLink(page, { in: 'diff', text: JSON.stringify(['Keep it short.', 'Keep it short and kind, 東京.']), dt: 'llama3' });
  await page.waitForFunction(() => document.querySelectorAll('#diff-counts tr[data-after]').length === 2, null, { timeout: 60_000 });
  const counts = await page.$$eval('#diff-counts tr', (rows) => rows.map((row) => [row.dataset.tokenizer, row.dataset.before, row.dataset.after]));
  await page.reload();
  await page.waitForFunction(() => document.querySelectorAll('#diff-counts tr[data-after]').length === 2, null, { timeout: 60_000 });
  assert.deepEqual(await page.$$eval('#diff-counts tr', (rows) => rows.map((row) => [row.dataset.tokenizer, row.dataset.before, row.dataset.after])), counts);
  assert.equal(await page.locator('#diff-after').inputValue(), 'Keep it short and kind, 東京.');
  assert.equal(await page.locator('#input-mode input[value="diff"]').isChecked(), true);
  assert.deepEqual(problems, []);
  await page.context().close();
});
