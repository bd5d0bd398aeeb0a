// Takes the README's screenshots in headless Chromium (Debian's chromium,
// driven by playwright-core): each view as docs/screenshot-VIEW.png, each step
// of the guided tour as docs/tour-N-ID.png (N its number, ID its data-step-id,
// as many steps as the page lists), and the Tokenize view in the dark scheme
// and on a phone as docs/screenshot-dark.png and docs/screenshot-phone.png.
// Needs a built page: run build-scripts/run (or build-scripts/test) once first.
// Usage: node build-scripts/screenshots.mjs [tokenize|compare|train|embeddings|tour|dark|phone ...]
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { chromium } from 'playwright-core';

import { tourStep, tourStepCount } from '../tests/e2e/page-views.mjs';
import { startServer } from './serve.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const kChromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];
const kDesktop = { width: 1200, height: 820 };
const kPhone = { width: 375, height: 740 };

/** @typedef {{fragment: string, ready: string, viewport?: {width: number, height: number}, colorScheme?: 'light' | 'dark', fullPage?: boolean, click?: string, done?: string}} Shot */

// Each view: the link that opens it, and what shows that it has finished loading.
/** @type {Record<string, Shot>} */
const shots = {
  tokenize: { fragment: '#view=tokenize&t=cl100k_base', ready: '#chip-list > *' },
  compare: { fragment: '#view=compare', ready: '#view-compare .cmp-table tbody tr' },
  train: { fragment: '#view=train', ready: '#view-train form, #view-train button' },
  embeddings: { fragment: '#view=embeddings', ready: '#emb-map' },
  dark: { fragment: '#view=tokenize&t=o200k_base', ready: '#chip-list > *', colorScheme: 'dark' },
  phone: { fragment: '#view=tokenize&t=cl100k_base', ready: '#chip-list > *', viewport: kPhone, fullPage: true },
  // The Tokenize view's modes; click: what to click once ready (a chip, for its card), done: what shows it finished.
  'tokenize-ids': { fragment: `#t=cl100k_base&out=both&text=${encodeURIComponent('Kuznetsov said: “tokenizers split words into pieces.”')}`, ready: '#chip-list .chip-id' },
  'tokenize-chat': {
    fragment: `#t=llama3&in=chat&text=${encodeURIComponent(JSON.stringify([['system', 'You are terse.'], ['user', 'How does a tokenizer split “Kuznetsov”?']]))}`,
    ready: '#chat-summary:not([hidden])',
    fullPage: true,
  },
  'tokenize-card': { fragment: `#t=cl100k_base&text=${encodeURIComponent('Mr Kuznetsov')}`, ready: '#chip-list .chip[data-index="3"]', click: '#chip-list .chip[data-index="3"]',
    done: '#token-card-others li[data-count] + li[data-count]', fullPage: true },
  'tokenize-diff': {
    fragment: `#t=cl100k_base&in=diff&text=${encodeURIComponent(JSON.stringify(['Summarize the report below in three sentences for the board.', 'Summarize the report below in two short sentences for a new colleague.']))}`,
    ready: '#diff-summary[data-added]', done: '#diff-counts tr[data-after] + tr[data-after] + tr[data-after]', fullPage: true },
};

const wanted = process.argv.slice(2).length ? process.argv.slice(2) : [...Object.keys(shots), 'tour'];
const { server, url } = await startServer({ port: 0 });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: kChromiumArgs });

/** @param {import('playwright-core').Page} page @param {string} name */
async function save(page, name, fullPage = false) {
  const file = path.join(repoRoot, 'docs', `${name}.png`);
  await page.screenshot({ path: file, fullPage });
  console.error(`wrote ${path.relative(repoRoot, file)}`);
}

try {
  for (const name of wanted) {
    if (name === 'tour') {
      const page = await browser.newPage({ viewport: kDesktop });
      await page.goto(`${url}#view=tour`);
      const steps = await tourStepCount(page);
      if (steps === 0) console.error('the page has no tour: no tour screenshots');
      for (let step = 1; step <= steps; step++) {
        const view = tourStep(step);
        await page.goto(url + view.hash);
        await view.ready(page);
        await page.waitForTimeout(1000);  // let charts and maps settle
        // The whole step, its live part included (steps run taller than a screen).
        const container = page.locator(`.tour-step[data-step="${step}"]`);
        const file = path.join(repoRoot, 'docs', `tour-${step}-${await container.getAttribute('data-step-id')}.png`);
        await container.screenshot({ path: file });
        console.error(`wrote ${path.relative(repoRoot, file)}`);
      }
      await page.close();
      continue;
    }
    const shot = shots[name];
    if (!shot) throw new Error(`unknown screenshot ${name}; known: ${[...Object.keys(shots), 'tour'].join(', ')}`);
    const page = await browser.newPage({ viewport: shot.viewport ?? kDesktop, colorScheme: shot.colorScheme ?? 'light' });
    await page.goto(url + shot.fragment);
    await page.waitForSelector(shot.ready, { timeout: 60_000 });
    if (shot.click) await page.click(shot.click);
    if (shot.done) await page.waitForSelector(shot.done, { timeout: 60_000 });
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(1500);  // let charts and lazily loaded vocabularies settle
    await save(page, `screenshot-${name}`, shot.fullPage);
    await page.close();
  }
} finally {
  await browser.close();
  server.close();
}
