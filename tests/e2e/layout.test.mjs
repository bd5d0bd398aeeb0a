// Layout on a phone, while things load and when the colour scheme changes:
// every view (and every step of the tour) fits a 375×740 screen with no
// sideways scroll of the page, in both colour schemes; the Tokenize view does
// not jump while a vocabulary loads or when the tokenizer changes (Cumulative
// Layout Shift under 0.1, measured with a PerformanceObserver for
// "layout-shift" entries); charts and the word map, drawn on canvases with the
// scheme's colours, draw again when the system switches scheme.
//
// Needs web/dist/ (build-scripts/test makes it).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { openSite } from './harness.mjs';
import { pageViews, sampleText, tourStep, tourStepCount } from './page-views.mjs';

const kPhone = { width: 375, height: 740 };
const kMaxLayoutShift = 0.1;

/** @type {Awaited<ReturnType<typeof openSite>>} */
let site;
before(async () => {
  site = await openSite();
});
after(() => site?.close());

/** @param {import('playwright-core').Page} page */
async function overflow(page) {
  return page.evaluate(() => {
    const excess = document.documentElement.scrollWidth - window.innerWidth;
    // Name what sticks out, to say where to look.
    const culprits = excess > 0 ? [...document.querySelectorAll('body *')].filter((element) => element.getBoundingClientRect().right > window.innerWidth + 1 && element.checkVisibility()).slice(0, 5).map((element) => `${element.tagName.toLowerCase()}${element.id ? '#' + element.id : ''}.${[...element.classList].join('.')}`) : [];
    return { excess, culprits };
  });
}

for (const colorScheme of /** @type {const} */ (['light', 'dark'])) {
  test(`every view fits a phone in the ${colorScheme} scheme: no sideways scroll of the page`, async (t) => {
    const { page, context, problems } = await site.open('#view=tokenize', { viewport: kPhone, colorScheme });
    const views = [...pageViews];
    const steps = await tourStepCount(page);
    for (let step = 1; step <= steps; step++) views.push(tourStep(step));
    const failures = [];
    for (const view of views) {
      await page.goto(site.baseUrl + view.hash);
      await view.ready(page);
      const { excess, culprits } = await overflow(page);
      t.diagnostic(`${view.name}: scrollWidth − innerWidth = ${excess}`);
      if (excess > 0) failures.push(`${view.name}: ${excess}px too wide (${culprits.join(', ')})`);
    }
    assert.deepEqual(failures, []);
    assert.deepEqual(problems, []);
    await context.close();
  });
}

for (const viewport of [{ width: 1280, height: 860 }, kPhone]) {
test(`the Tokenize view at ${viewport.width}×${viewport.height} does not jump while a vocabulary loads or the tokenizer changes (CLS < 0.1)`, async () => {
  const context = await site.browser.newContext({ locale: 'en-US', viewport });
  const page = await context.newPage();
  await page.addInitScript(() => {
    // @ts-ignore a place for the test to read
    window.layoutShifts = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        // Shifts right after input are expected and not counted, as in the CLS metric.
        // @ts-ignore layout-shift entries
        if (!entry.hadRecentInput) window.layoutShifts.push({ value: entry.value, at: entry.startTime, sources: (entry.sources ?? []).map((source) => source.node?.id || source.node?.className || source.node?.nodeName || '?') });
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
  await page.goto(`${site.baseUrl}#t=cl100k_base&text=${encodeURIComponent(sampleText)}`);
  await page.waitForSelector('#token-output[data-tokenizer="cl100k_base"] #chip-list .chip');
  // Switching tokenizers by script, not by a click, so the shifts count as they would without user input.
  for (const [label, key] of [['GPT-4o', 'o200k_base'], ['LLaMA 3', 'llama3'], ['GPT-2', 'r50k_base'], ['GPT-4', 'cl100k_base']]) {
    await page.evaluate((label) => {
      const input = [...document.querySelectorAll('#tokenizer-picker input')].find((element) => element.closest('label')?.textContent?.trim().startsWith(label));
      /** @type {HTMLInputElement} */ (input).click();
    }, label);
    await page.waitForSelector(`#token-output[data-tokenizer="${key}"] #chip-list .chip`, { timeout: 60_000 });
  }
  await page.waitForTimeout(500);
  // @ts-ignore
  const shifts = /** @type {{value: number, at: number, sources: string[]}[]} */ (await page.evaluate(() => window.layoutShifts));
  const cls = shifts.reduce((sum, shift) => sum + shift.value, 0);
  console.log(`cumulative layout shift at ${viewport.width}×${viewport.height}: ${cls.toFixed(4)} over ${shifts.length} shifts`, shifts.filter((shift) => shift.value > 0.001).map((shift) => `${shift.value.toFixed(4)} at ${Math.round(shift.at)} ms: ${shift.sources.join(', ')}`));
  assert.ok(cls < kMaxLayoutShift, `CLS ${cls.toFixed(4)}`);
  await context.close();
});
}

/**
 * How many pixels of the canvases under `selector` are close to each theme colour the page now uses.
 * @param {import('playwright-core').Page} page
 * @param {string} selector
 */
function inkOfTheme(page, selector) {
  return page.evaluate((selector) => {
    const style = getComputedStyle(document.documentElement);
    const names = ['--muted', '--border', '--text'];
    const probe = document.createElement('canvas').getContext('2d');
    const wanted = names.map((name) => {
      /** @type {CanvasRenderingContext2D} */ (probe).fillStyle = style.getPropertyValue(name).trim();
      const hex = /** @type {string} */ (/** @type {CanvasRenderingContext2D} */ (probe).fillStyle);
      return [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
    });
    let near = 0;
    for (const canvas of /** @type {NodeListOf<HTMLCanvasElement>} */ (document.querySelectorAll(selector))) {
      const context = canvas.getContext('2d');
      if (!context || canvas.width === 0) continue;
      const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
      for (let i = 0; i < data.length; i += 4) {
        if (data[i + 3] < 250) continue;
        if (wanted.some(([r, g, b]) => Math.abs(data[i] - r) + Math.abs(data[i + 1] - g) + Math.abs(data[i + 2] - b) < 24)) near++;
      }
    }
    return near;
  }, selector);
}

test('charts and the word map draw again in the colours of the scheme the system switches to', async () => {
  const { page, context, problems } = await site.open('#view=train&vs=400', { colorScheme: 'light' });
  await page.click('#train-start');
  // The charts mark the scheme they were drawn in once all three are on screen.
  await page.waitForSelector('#tradeoff-charts[data-drawn=light]', { timeout: 60_000 });
  const charts = '#tradeoff-charts canvas';
  const lightInLight = await inkOfTheme(page, charts);
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.waitForSelector('#tradeoff-charts[data-drawn=dark]');
  const darkInDark = await inkOfTheme(page, charts);
  assert.ok(lightInLight > 500, `light scheme: ${lightInLight} pixels in the light axis and grid colours`);
  assert.ok(darkInDark > 500, `dark scheme: ${darkInDark} pixels in the dark axis and grid colours; the charts were drawn again`);

  await page.goto(`${site.baseUrl}#view=embeddings`);
  await page.waitForSelector('#emb-map[data-drawn^="pca:"][data-scheme=dark]', { timeout: 30_000 });
  const mapInDark = await inkOfTheme(page, '#emb-map');
  await page.emulateMedia({ colorScheme: 'light' });
  await page.waitForSelector('#emb-map[data-drawn^="pca:"][data-scheme=light]');
  const mapInLight = await inkOfTheme(page, '#emb-map');
  assert.ok(mapInDark > 500 && mapInLight > 500, `word map: ${mapInDark} pixels in the dark colours, then ${mapInLight} in the light ones`);
  assert.deepEqual(problems, []);
  await context.close();
});
