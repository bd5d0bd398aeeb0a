// SentencePiece Unigram tokenizers end to end in headless Chromium: the
// fixtures of build-scripts/make-unigram-fixtures.mjs in the layouts of the
// Hub's T5 (byte fallback), ALBERT and XLM-R files, each opened with the
// Tokenize view's file button, show exactly the ids of the reference for that
// file: for the tokenizer.json, Hugging Face's tokenizers (the Rust library's
// npm package) with the tokens its post-processor adds; for the .model,
// SentencePiece itself (no BOS or EOS).
//
// Needs web/dist/ (the WebAssembly build) and the fixtures (made here when
// missing; build-scripts/test makes them).
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import path from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { after, before, test } from 'node:test';

import { openSite } from './harness.mjs';
import { sentencePieceIds, unigramFixtures } from '../parity/unigram-references.mjs';

const { Tokenizer } = createRequire(import.meta.url)('tokenizers');

// Runs of spaces (the normalizer folds them), accents (ALBERT's strips them),
// full-width letters and a ligature (the charsmap's NFKC), Cyrillic, Greek,
// Thai and Chinese, an emoji and a rare symbol (byte fallback or <unk>),
// digits with a comma (ALBERT's "▁1," pieces) and a line of code.
const kText = 'Tokenizers   read “naïve” text: Café crème, ｆｕｌｌ ﬁne, Привет мир, Καλημέρα, สวัสดี, 東京は日本の首都です。\n' +
  '👩🏽‍💻 ☃ 1,234,567 and 89\n    return tokens.length;  ';

const kFixtures = ['t5-bytes', 'albert', 'xlmr-identity'];

/** @type {Awaited<ReturnType<typeof openSite>>} */
let site;
/** @type {Awaited<ReturnType<typeof unigramFixtures>>} */
let fixtures;
/** @type {string} */
let scratch;

before(async () => {
  fixtures = await unigramFixtures();
  scratch = mkdtempSync(path.join(tmpdir(), 'tokenlab-unigram-e2e-'));
  site = await openSite();
});

after(async () => {
  await site?.close();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

/** Ids of the Tokenize view's chips, in order. @param {import('playwright-core').Page} page */
function chipIds(page) {
  return page.$$eval('#chip-list .chip', (chips) => chips.map((chip) => Number(chip.getAttribute('data-id'))));
}

/**
 * Opens file with the Tokenize view's file button over kText and returns the ids the chips show.
 * @param {string} file
 * @param {number} count the number of chips to wait for
 */
async function openedIds(file, count) {
  const { page, context, problems } = await site.open(`#t=cl100k_base&text=${encodeURIComponent(kText)}`);
  await page.waitForSelector('#token-output[data-tokenizer="cl100k_base"] #chip-list .chip');
  await page.locator('#view-tokenize input[data-tokenizer-file]').setInputFiles(file);
  const fileName = path.basename(file);
  await page.waitForFunction(
    ([name, chips]) => document.querySelector('#token-output')?.getAttribute('data-tokenizer') === name &&
      document.querySelectorAll('#chip-list .chip').length === chips,
    [fileName, count], { timeout: 60_000 },
  ).catch(() => {});
  const result = {
    tokenizer: await page.locator('#token-output').getAttribute('data-tokenizer'),
    ids: await chipIds(page),
    errorHidden: await page.locator('#tokenize-error').isHidden(),
    problems,
  };
  await context.close();
  return result;
}

/** @param {string} name */
function fixtureNamed(name) {
  const fixture = fixtures.find((entry) => entry.name === name);
  assert.ok(fixture, `${name} is not in the fixtures' manifest: run build-scripts/make-unigram-fixtures.mjs`);
  return fixture;
}

for (const name of kFixtures) {
  test(`${name}.json, opened with the file button, gives the Rust library's ids`, async () => {
    const fixture = fixtureNamed(name);
    const reference = await Tokenizer.fromFile(fixture.json);
    const expected = Array.from((await reference.encode(kText, null, { addSpecialTokens: true })).getIds());
    const opened = await openedIds(fixture.json, expected.length);
    assert.equal(opened.tokenizer, path.basename(fixture.json));
    assert.deepEqual(opened.ids, expected);
    assert.equal(opened.errorHidden, true);
    assert.deepEqual(opened.problems, []);
  });

  test(`${name}.model, opened with the file button, gives SentencePiece's ids`, async () => {
    const fixture = fixtureNamed(name);
    const [expected] = await sentencePieceIds(fixture.model, [kText], scratch);
    const opened = await openedIds(fixture.model, expected.length);
    assert.equal(opened.tokenizer, path.basename(fixture.model));
    assert.deepEqual(opened.ids, expected);
    assert.equal(opened.errorHidden, true);
    assert.deepEqual(opened.problems, []);
  });
}
