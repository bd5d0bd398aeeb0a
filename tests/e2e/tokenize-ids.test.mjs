// Ids out of the Tokenize view and back in, in headless Chromium against
// OpenAI's tiktoken package: the Ids view in each layout, Both, Copy, the CSV
// and JSON downloads (every row's id, bytes and offsets), links that bring
// each mode back, a 1 MB text's ids, and ids pasted back to text with the
// ids that are no token named and token text never read as HTML.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';

import { get_encoding } from 'tiktoken';

import { parseIds } from '../../web/tokenize/token-export.js';
import { openSite } from './harness.mjs';

/** @type {Awaited<ReturnType<typeof openSite>>} */
let site;

before(async () => {
  site = await openSite({ needs: ['dist/vocab/cl100k_base.tiktoken', 'dist/vocab/llama3.json'] });
});
after(async () => {
  await site?.close();
});

const text = 'Hello world! naïve café, 東京 👩🏽‍💻\n\tcode();';

/** @param {string} name @param {string} value */
function referenceIds(name, value) {
  const encoding = get_encoding(name);
  try {
    return Array.from(encoding.encode(value, [], []));
  } finally {
    encoding.free();
  }
}

/** Waits until the output shows `count` tokens of tokenizer `name` and is not busy. */
async function waitForTokens(page, name, count, timeout = 30_000) {
  await page.waitForFunction(
    ({ name, count }) => {
      const output = document.querySelector('#token-output');
      return output?.getAttribute('data-tokenizer') === name && !output.hasAttribute('aria-busy') && document.querySelector('#count-tokens')?.getAttribute('data-value') === String(count);
    },
    { name, count },
    { timeout },
  );
}

/** Splits one CSV record per line, honouring quoted fields (RFC 4180). */
function parseCsv(csv) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < csv.length; i++) {
    const c = csv[i];
    if (quoted) {
      if (c === '"' && csv[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\r' && csv[i + 1] === '\n') row.push(field), rows.push(row), (row = []), (field = ''), i++;
    else field += c;
  }
  return rows;
}

test('reading ids accepts every layout, stops at what is not an id and names it', () => {
  const ids = [9906, 1917, 0, 100257];
  for (const written of ['9906 1917 0 100257', '9906, 1917, 0, 100257', '[9906, 1917, 0, 100257]', '9906\n1917\n0\n100257\n', ' [ 9906,1917 ,\n0 100257 ] ']) {
    assert.deepEqual(parseIds(written), { ids, problem: null }, written);
  }
  const bad = parseIds('9906 1917 x2 5');
  assert.deepEqual(bad.ids, [9906, 1917]);
  assert.match(bad.problem, /“x2” \(character 11\) is not a token id/);
  assert.match(parseIds('1 -3').problem, /“-3”/);
  assert.match(parseIds('1 2.5').problem, /“2\.5”/);
  assert.match(parseIds('[1, 2').problem, /does not end with “]”/);
  assert.match(parseIds('4294967296').problem, /larger than any token id/);
  assert.deepEqual(parseIds('  '), { ids: [], problem: null });
});

test('the Ids view gives the ids in each layout, Both puts each id under its chip, and the link brings both back', async () => {
  const expected = referenceIds('cl100k_base', text);
  const { page, problems } = await site.open(`#t=cl100k_base&text=${encodeURIComponent(text)}`);
  await waitForTokens(page, 'cl100k_base', expected.length);
  await page.locator('#output-mode input[value="ids"]').check();
  const box = page.locator('#ids-text');
  await box.waitFor({ state: 'visible' });
  assert.equal(await page.locator('#chip-scroller').isVisible(), false);
  assert.equal(await box.inputValue(), expected.join(' '));
  await page.selectOption('#ids-layout', 'json');
  assert.deepEqual(JSON.parse(await box.inputValue()), expected);
  await page.selectOption('#ids-layout', 'lines');
  assert.deepEqual((await box.inputValue()).split('\n').map(Number), expected);
  await page.selectOption('#ids-layout', 'comma');
  assert.equal(await box.inputValue(), expected.join(', '));
  await page.waitForFunction(() => /(^|&)out=ids(&|$)/.test(location.hash.slice(1)) && /(^|&)sep=comma(&|$)/.test(location.hash.slice(1)));

  // The link alone reproduces the Ids view in its layout.
  const hash = await page.evaluate(() => location.hash);
  const other = await site.open(hash);
  await waitForTokens(other.page, 'cl100k_base', expected.length);
  assert.equal(await other.page.locator('#ids-text').inputValue(), expected.join(', '));
  assert.equal(await other.page.locator('#output-mode input[value="ids"]').isChecked(), true);
  await other.context.close();

  await page.locator('#output-mode input[value="both"]').check();
  await page.waitForSelector('#chip-list.with-ids .chip-id');
  const pairs = await page.$$eval('#chip-list .chip', (chips) => chips.map((chip) => [chip.getAttribute('data-id'), chip.querySelector('.chip-id')?.textContent]));
  assert.deepEqual(pairs.map(([id]) => Number(id)), expected);
  for (const [id, label] of pairs) assert.equal(label, id);
  await page.locator('#output-mode input[value="text"]').check();
  assert.equal(await page.locator('#chip-list .chip-id').count(), 0);
  assert.deepEqual(problems, []);
  await page.context().close();
});

test('Copy puts the ids on the clipboard in the chosen layout', async () => {
  const value = 'Copy these ids, please.';
  const expected = referenceIds('cl100k_base', value);
  const { page, context, problems } = await site.open(`#t=cl100k_base&out=ids&sep=json&text=${encodeURIComponent(value)}`);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await waitForTokens(page, 'cl100k_base', expected.length);
  await page.click('#copy-ids');
  await page.waitForFunction(() => /Copied/.test(document.querySelector('#export-status')?.textContent ?? ''));
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.deepEqual(JSON.parse(copied), expected);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the CSV and JSON downloads hold every token: id, text, bytes and byte offsets, and an added BOS', async () => {
  const { page, context, problems } = await site.open(`#t=llama3&text=${encodeURIComponent(text)}`);
  await page.waitForFunction(() => document.querySelector('#token-output')?.getAttribute('data-tokenizer') === 'llama3' && !document.querySelector('#token-output')?.hasAttribute('aria-busy'), null, { timeout: 60_000 });
  const ids = await page.$$eval('#chip-list .chip', (chips) => chips.map((chip) => Number(chip.getAttribute('data-id'))));
  const bytes = Buffer.from(text);

  const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.click('#ids-download-csv')]);
  assert.match(csvDownload.suggestedFilename(), /^tokens-llama3\.csv$/);
  const rows = parseCsv(readFileSync(await csvDownload.path(), 'utf8'));
  assert.deepEqual(rows[0], ['index', 'id', 'text', 'bytes_hex', 'byte_start', 'byte_end']);
  const body = rows.slice(1);
  assert.deepEqual(body.map((row) => Number(row[1])), ids);
  // The first row is Llama 3's BOS, added before the text: no span, its spelling as its text.
  assert.deepEqual(body[0].slice(2), ['<|begin_of_text|>', Buffer.from('<|begin_of_text|>').toString('hex').toUpperCase().match(/../g).join(' '), '0', '0']);
  let covered = Buffer.alloc(0);
  for (const [index, , , hex, start, end] of body.slice(1)) {
    const span = bytes.subarray(Number(start), Number(end));
    assert.equal(hex.replaceAll(' ', '').toLowerCase(), span.toString('hex'), `row ${index}`);
    covered = Buffer.concat([covered, span]);
  }
  assert.equal(covered.toString(), text);

  const [jsonDownload] = await Promise.all([page.waitForEvent('download'), page.click('#ids-download-json')]);
  const json = JSON.parse(readFileSync(await jsonDownload.path(), 'utf8'));
  assert.deepEqual(json.map((row) => row.id), ids);
  assert.deepEqual(json.map((row) => row.index), ids.map((_, index) => index));
  for (const row of json.slice(1)) assert.equal(Buffer.from(row.bytes_hex.replaceAll(' ', ''), 'hex').toString('hex'), bytes.subarray(row.byte_start, row.byte_end).toString('hex'));
  assert.equal(json.find((row) => row.text === 'Hello')?.byte_start, 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test('ids pasted back give their tokens and the decoded text, and ids that are no token are named', async () => {
  const value = 'Hello world <|endoftext|> again';
  const ids = [...referenceIds('cl100k_base', 'Hello world '), 100257, ...referenceIds('cl100k_base', ' again')];
  const pasted = `[${ids.slice(0, 2).join(', ')}, 100256, ${ids.slice(2).join(', ')}, 999999]`;
  const listed = ids.length + 2;
  const { page, problems } = await site.open(`#t=cl100k_base&in=ids&text=${encodeURIComponent(pasted)}`);
  await waitForTokens(page, 'cl100k_base', ids.length);
  assert.equal(await page.locator('#tokenize-ids').inputValue(), pasted);
  assert.equal(await page.locator('#tokenize-text').isVisible(), false);
  assert.deepEqual(await page.$$eval('#chip-list .chip', (chips) => chips.map((chip) => Number(chip.getAttribute('data-id')))), ids);
  assert.equal(await page.locator('#chip-list .chip.special').count(), 1);
  assert.equal(await page.locator('#decoded-text').inputValue(), value);
  const note = await page.locator('#ids-problem').textContent();
  assert.match(note, /2 ids are no token of this vocabulary \(ids 0 to 100,276\)/);
  assert.match(note, new RegExp(`100256 \\(id 3 of ${listed}\\)`));
  assert.match(note, new RegExp(`999999 \\(id ${listed} of ${listed}\\)`));

  // Typing a new list reads it again; a word that is no id is named, the ids before it kept.
  await page.locator('#tokenize-ids').fill('9906 hello 1917');
  await waitForTokens(page, 'cl100k_base', 1);
  assert.match(await page.locator('#ids-problem').textContent(), /“hello” \(character 6\) is not a token id/);
  assert.equal(await page.locator('#decoded-text').inputValue(), 'Hello');
  assert.deepEqual(problems, []);
  await page.context().close();
});

test('ids that decode to markup are drawn and decoded as text, never as HTML', async () => {
  const markup = '<img src=x onerror="window.__hacked=1"><b>bold</b>';
  const ids = referenceIds('cl100k_base', markup);
  const { page, problems } = await site.open(`#t=cl100k_base&in=ids&text=${encodeURIComponent(ids.join(' '))}`);
  await waitForTokens(page, 'cl100k_base', ids.length);
  assert.equal(await page.locator('#decoded-text').inputValue(), markup);
  assert.equal(await page.locator('#token-output img, #token-output b').count(), 0);
  assert.equal(await page.evaluate(() => /** @type {any} */ (window).__hacked), undefined);
  // Out again: the downloads and the ids box carry the same text as text.
  await page.locator('#output-mode input[value="ids"]').check();
  assert.equal(await page.locator('#ids-text').inputValue(), ids.join(' '));
  assert.deepEqual(problems, []);
  await page.context().close();
});

test('a 1 MB text gives all its ids in the Ids view, and Both draws ids a chunk at a time', async () => {
  const line = 'Tokenizers split “unbelievably” into pieces: 1234567, naïve café, 東京.\n';
  const big = line.repeat(Math.ceil(1_000_000 / Buffer.byteLength(line)));
  const expected = referenceIds('cl100k_base', big);
  const { page, context, problems } = await site.open('#t=cl100k_base&out=ids');
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.waitForFunction(() => document.querySelector('#token-output')?.getAttribute('data-tokenizer') === 'cl100k_base');
  // Pasted, as a reader would (filling 1 MB in through the test driver is far slower).
  await page.evaluate((value) => navigator.clipboard.writeText(value), big);
  await page.locator('#tokenize-text').fill('');
  await page.locator('#tokenize-text').focus();
  await page.keyboard.press('ControlOrMeta+V');
  await waitForTokens(page, 'cl100k_base', expected.length, 120_000);
  const shown = await page.locator('#ids-text').inputValue();
  assert.equal(shown.length, expected.join(' ').length);
  assert.equal(shown, expected.join(' '));
  await page.locator('#output-mode input[value="both"]').check();
  await page.waitForSelector('#chip-list.with-ids .chip-id');
  const drawn = await page.locator('#chip-list .chip').count();
  assert.ok(drawn < expected.length / 10, `only the first chunk is drawn (${drawn} of ${expected.length})`);
  assert.deepEqual(problems, []);
  await page.context().close();
});
