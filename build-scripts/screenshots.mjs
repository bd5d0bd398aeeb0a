// Takes the README's screenshots of each view in headless Chromium (Debian's
// chromium, driven by playwright-core) and writes docs/screenshot-VIEW.png.
// Needs a built page: run build-scripts/run (or build-scripts/test) once first.
// Usage: node build-scripts/screenshots.mjs [VIEW...]
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { chromium } from 'playwright-core';

import { startServer } from './serve.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const kChromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];

// Each view: the link that opens it, and what shows that it has finished loading.
const shots = {
  tokenize: { fragment: '#view=tokenize&t=cl100k_base', ready: '#chip-list > *' },
  compare: { fragment: '#view=compare', ready: '#view-compare .cmp-table tbody tr' },
  train: { fragment: '#view=train', ready: '#view-train form, #view-train button' },
  embeddings: { fragment: '#view=embeddings', ready: '#emb-map' },
};

const wanted = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(shots);
const { server, url } = await startServer({ port: 0 });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: kChromiumArgs });
try {
  for (const name of wanted) {
    const shot = shots[name];
    if (!shot) throw new Error(`unknown view ${name}; known: ${Object.keys(shots).join(', ')}`);
    const page = await browser.newPage({ viewport: { width: 1200, height: 820 } });
    await page.goto(url + shot.fragment);
    await page.waitForSelector(shot.ready, { timeout: 60_000 });
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(1500);  // let charts and lazily loaded vocabularies settle
    const file = path.join(repoRoot, 'docs', `screenshot-${name}.png`);
    await page.screenshot({ path: file });
    console.error(`wrote ${path.relative(repoRoot, file)}`);
    await page.close();
  }
} finally {
  await browser.close();
  server.close();
}
