// How fast the first view is usable, measured with the Performance API in
// headless Chromium on localhost: navigation timing (response end,
// DOMContentLoaded, load), first contentful paint, the page's own
// "tokenlab:interactive" mark (app.js sets it once the first view's text area
// and tokenizer picker are built and enabled) and when the first token chip
// appears. Interactive must come within a second (the fastest of three cold
// loads, as other work on the machine only adds time). Vocabularies and vectors
// load lazily: the Tokenize view's first load fetches the default
// tokenizer's vocabulary and nothing else from dist/vocab/ or dist/vectors/
// (its service worker keeps only what the page itself loaded).
// The figures are printed as a table and written to test-results/timings.json.
//
// Needs web/dist/ (build-scripts/test makes it).
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { repoRoot } from '../wasm/load-engine.mjs';
import { openSite } from './harness.mjs';

const kInteractiveBudgetMs = 1000;
const kDefaultVocabulary = 'cl100k_base.tiktoken';
const kRuns = 3;

/** @type {Awaited<ReturnType<typeof openSite>>} */
let site;
before(async () => {
  site = await openSite();
});
after(() => site?.close());

/** Installed before any page script: when the first chip enters the document. */
function watchFirstChip() {
  new MutationObserver((_records, observer) => {
    if (document.querySelector('#chip-list .chip')) {
      performance.mark('test:first-tokens');
      observer.disconnect();
    }
  }).observe(document, { childList: true, subtree: true });
}

/** One cold load of the Tokenize view in a fresh context: its timings and the files it fetched. */
async function measureLoad() {
  const context = await site.browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 860 } });
  const page = await context.newPage();
  /** @type {string[]} */
  const problems = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  /** @type {{path: string, fromServiceWorker: boolean, failed: boolean}[]} */
  const requests = [];
  /** @type {Map<import('playwright-core').Request, (typeof requests)[number]>} */
  const byRequest = new Map();
  context.on('request', (request) => {
    const entry = { path: new URL(request.url()).pathname, fromServiceWorker: request.serviceWorker() !== null, failed: false };
    requests.push(entry);
    byRequest.set(request, entry);
  });
  context.on('requestfailed', (request) => {
    const entry = byRequest.get(request);
    if (entry) entry.failed = true;
  });
  await page.addInitScript(watchFirstChip);
  await page.goto(`${site.baseUrl}#text=${encodeURIComponent('How fast do the first tokens appear?')}`);
  await page.waitForSelector('#chip-list .chip');
  await page.waitForLoadState('load');
  const figures = await page.evaluate(() => {
    const [navigation] = /** @type {PerformanceNavigationTiming[]} */ (performance.getEntriesByType('navigation'));
    const at = (/** @type {string} */ name) => performance.getEntriesByName(name)[0]?.startTime ?? NaN;
    const picker = document.querySelectorAll('#tokenizer-picker input:not(:disabled)').length;
    const textarea = /** @type {HTMLTextAreaElement} */ (document.querySelector('#tokenize-text'));
    return {
      responseEnd: navigation.responseEnd,
      domContentLoaded: navigation.domContentLoadedEventEnd,
      load: navigation.loadEventEnd,
      firstContentfulPaint: at('first-contentful-paint'),
      interactive: at('tokenlab:interactive'),
      firstTokens: at('test:first-tokens'),
      enabledPickerChoices: picker,
      textareaEnabled: !textarea.disabled && !textarea.readOnly,
    };
  });
  await context.close();
  return { figures, requests, problems };
}

test('the Tokenize view is interactive within a second, and fetches only the default vocabulary', async () => {
  /** @type {Awaited<ReturnType<typeof measureLoad>>[]} */
  const runs = [];
  for (let run = 0; run < kRuns; run++) runs.push(await measureLoad());

  const names = /** @type {const} */ (['responseEnd', 'domContentLoaded', 'load', 'firstContentfulPaint', 'interactive', 'firstTokens']);
  const table = Object.fromEntries(names.map((name) => {
    const values = runs.map((run) => run.figures[name]);
    return [name, { ...Object.fromEntries(values.map((value, i) => [`run ${i + 1} (ms)`, Math.round(value)])), 'median (ms)': Math.round([...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]) }];
  }));
  console.log('Tokenize view, cold load on localhost (ms after navigation start)');
  console.table(table);

  const fetched = runs[0].requests.filter((request) => /\/dist\/(vocab|vectors)\//.test(request.path));
  const fromPage = fetched.filter((request) => !request.fromServiceWorker).map((request) => path.basename(request.path));
  // The service worker (web/service-worker.js) asks for every vocabulary with
  // cache "only-if-cached", to keep what the visit already loaded: those it
  // gets come from the browser's cache, the rest fail without any download.
  const fromServiceWorker = fetched.filter((request) => request.fromServiceWorker && !request.failed).map((request) => path.basename(request.path));
  console.log('vocabularies and vectors fetched by the page:', fromPage, 'kept by its service worker from the browser cache:', fromServiceWorker);

  mkdirSync(path.join(repoRoot, 'test-results'), { recursive: true });
  writeFileSync(path.join(repoRoot, 'test-results', 'timings.json'), JSON.stringify({ measured: new Date().toISOString(), view: 'tokenize', runs: runs.map((run) => run.figures), median: table, fetchedByPage: fromPage, fetchedByServiceWorker: fromServiceWorker }, null, 2) + '\n');

  // The budget holds for the fastest of the cold loads: the machine's other
  // work only ever adds time, so the least is the page's own cost.
  const fastest = Math.min(...runs.map((run) => run.figures.interactive));
  assert.ok(fastest < kInteractiveBudgetMs, `interactive after ${runs.map((run) => Math.round(run.figures.interactive)).join(', ')} ms`);
  for (const { figures, problems } of runs) {
    assert.ok(figures.interactive > 0, 'app.js marks tokenlab:interactive');
    assert.ok(figures.interactive <= figures.firstTokens, 'interactive comes before the first tokens');
    assert.ok(figures.enabledPickerChoices >= 8 && figures.textareaEnabled, 'the picker and the text area are enabled');
    assert.deepEqual(problems, []);
  }
  assert.deepEqual(fromPage, [kDefaultVocabulary], 'the first load fetches the default vocabulary and no other, and no vectors');
  for (const file of fromServiceWorker) assert.ok(fromPage.includes(file), `the service worker got ${file}, which the page never asked for`);
});
