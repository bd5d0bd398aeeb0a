// A SentencePiece .model file kept by the page: a Unigram fixture's .model
// (build-scripts/make-unigram-fixtures.mjs), opened with the Tokenize view's
// file button, is back in the tokenizer choice after a reload with the ids of
// sentencepiece's own encoder (unigram-files.test.mjs checks every fixture's
// ids when opened); a file cut short is refused with a message and the view
// keeps working.
//
// Needs web/dist/ and the fixtures (made here when missing; build-scripts/test makes them).
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { openSite } from './harness.mjs';
import { reloaded } from './persistence.mjs';
import { sentencePieceIds, unigramFixtures } from '../parity/unigram-references.mjs';

const kText = 'Tokenizers   read “naïve” text: Café crème, ｆｕｌｌ ﬁne, Привет мир, 東京は日本の首都です。 👩🏽‍💻 ☃ 1,234,567';

/** @type {Awaited<ReturnType<typeof openSite>>} */
let site;
/** @type {Awaited<ReturnType<typeof unigramFixtures>>} */
let fixtures;
const scratch = mkdtempSync(path.join(tmpdir(), 'tokenlab-spm-e2e-'));

before(async () => {
  fixtures = await unigramFixtures();
  site = await openSite();
});

after(() => site?.close());

/** @param {import('playwright-core').Page} page */
function chipIds(page) {
  return page.$$eval('#chip-list .chip', (chips) => chips.map((chip) => Number(chip.getAttribute('data-id'))));
}

/** Opens a file with the Tokenize view's button and waits until its chips (count of them) are drawn. */
async function openFile(page, file, count) {
  await page.locator('#view-tokenize input[data-tokenizer-file]').setInputFiles(file);
  const name = path.basename(file);
  await page.waitForFunction(
    ([fileName, expected]) => document.querySelector('#token-output')?.getAttribute('data-tokenizer') === fileName &&
      document.querySelectorAll('#chip-list .chip').length === expected,
    [name, count], { timeout: 60_000 },
  ).catch(() => {});
}

for (const name of ['t5-bytes']) {
  test(`${name}.model, opened with the file button, gives sentencepiece's ids and is back after a reload`, async () => {
    const fixture = fixtures.find((entry) => entry.name === name);
    assert.ok(fixture, `${name} is not in the fixtures' manifest`);
    const [expected] = await sentencePieceIds(fixture.model, [kText], scratch);
    const { page, context, problems } = await site.open(`#t=cl100k_base&text=${encodeURIComponent(kText)}`);
    await page.waitForSelector('#token-output[data-tokenizer="cl100k_base"] #chip-list .chip');
    await openFile(page, fixture.model, expected.length);
    assert.equal(await page.locator('#token-output').getAttribute('data-tokenizer'), path.basename(fixture.model));
    assert.deepEqual(await chipIds(page), expected);
    assert.equal(await page.locator('#tokenize-error').isHidden(), true);

    // Kept: after a reload it is in the tokenizer choice again, with the same ids.
    await reloaded(page);
    const title = path.basename(fixture.model);
    const key = await page.$$eval('#tokenizer-picker .segment-custom', (segments, wanted) => {
      const segment = segments.find((element) => element.querySelector('.segment-title')?.textContent === wanted);
      return /** @type {HTMLInputElement | null | undefined} */ (segment?.querySelector('input'))?.value ?? null;
    }, title);
    assert.ok(key, `${title} is in the tokenizer choice after a reload`);
    await page.check(`input[name="tokenizer"][value="${key}"]`);
    await page.waitForFunction(([wanted, count]) => document.querySelector('#token-output')?.getAttribute('data-tokenizer') === wanted &&
      document.querySelectorAll('#chip-list .chip').length === count, [key, expected.length], { timeout: 30_000 }).catch(() => {});
    assert.deepEqual(await chipIds(page), expected);
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('a .model cut short is refused with a message; the view keeps its tokenizer', async () => {
  const fixture = fixtures.find((entry) => entry.name === 't5');
  assert.ok(fixture);
  const bytes = readFileSync(fixture.model);
  const cut = path.join(scratch, 'cut.model');
  writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length / 2)));
  const { page, context } = await site.open('#t=cl100k_base&text=hello');
  await page.waitForSelector('#token-output[data-tokenizer="cl100k_base"] #chip-list .chip');
  await page.locator('#view-tokenize input[data-tokenizer-file]').setInputFiles(cut);
  await page.waitForSelector('#tokenize-error:not([hidden])', { timeout: 30_000 });
  assert.match(await page.textContent('#tokenize-error'), /cut\.model/);
  assert.equal(await page.locator('#token-output').getAttribute('data-tokenizer'), 'cl100k_base');
  await context.close();
});
