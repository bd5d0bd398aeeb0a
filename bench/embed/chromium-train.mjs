// Trains word vectors in the page, in Debian's headless Chromium, as a reader
// does: the Train embeddings form with the corpus as a file, the settings and
// a thread count, served cross-origin isolated by build-scripts/serve.mjs.
// Writes the exported .vec file; bench/embed.mjs runs it as a child.
//
//   node bench/embed/chromium-train.mjs CORPUS OUT.vec '{"dim":100,"epochs":5,...,"threads":2}'
//   -> {"train_wall_s": 20.4, "words_per_s_page": 245000, "threads": 2, "phase": "..."}
//
// The time is the page's own: the worker sums the wall time of its training
// steps (reading the corpus and copying the vectors out are left out) and the
// page shows words per second from it. Chromium's CPU time is not measured:
// its threads run in other processes than this one.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { chromium } from 'playwright-core';

import { startServer } from '../../build-scripts/serve.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../..');
const kChromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

async function main() {
  const [corpusPath, outPath, settingsJson] = process.argv.slice(2);
  if (!outPath) throw new Error('usage: chromium-train.mjs CORPUS OUT.vec SETTINGS_JSON');
  const s = JSON.parse(settingsJson);
  const { server, url } = await startServer({ root: path.join(repoRoot, 'web'), port: 0 });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: kChromiumArgs });
  try {
    const context = await browser.newContext({ serviceWorkers: 'block', acceptDownloads: true, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${url}#view=embeddings`);
    await page.waitForFunction(() => /words × 100 dimensions/.test(document.querySelector('#emb-set-info')?.textContent ?? ''), null, { timeout: 60_000 });
    await page.check('input[name="emb-corpus"][value="files"]');
    await page.setInputFiles('#emb-file-input', corpusPath);
    const fields = { '#emb-dim': s.dim, '#emb-window': s.window, '#emb-negative': s.negative, '#emb-min-count': s.minCount, '#emb-sample': s.sample, '#emb-epochs': s.epochs, '#emb-lr': s.lr, '#emb-seed': s.seed, '#emb-threads': s.threads };
    for (const [selector, value] of Object.entries(fields)) await page.fill(selector, String(value));
    await page.click('#emb-train-start');
    await page.waitForFunction(() => /^Epoch \d+ of \d+:/.test(document.querySelector('#emb-train-phase')?.textContent ?? ''), null, { timeout: 600_000 });
    const phase = await page.textContent('#emb-train-phase');
    await page.waitForSelector('#emb-train-result:not([hidden])', { timeout: 3_600_000 });
    const summary = (await page.textContent('#emb-train-summary')) ?? '';
    const [, done, perSecond] = /^Trained on ([\d,]+) words in .*?, ([\d,]+) words per second/.exec(summary) ?? [];
    if (!perSecond) throw new Error(`no speed in the summary: ${summary}`);
    const wordsPerSecond = Number(perSecond.replaceAll(',', ''));
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#emb-export')]);
    writeFileSync(outPath, readFileSync(await download.path()));
    // The run's status ends "…, 2 threads." or "…, one thread." (or why one).
    const threads = Number(/(\d+) threads\.$/.exec(phase ?? '')?.[1] ?? 1);
    console.log(JSON.stringify({ train_wall_s: Number(done.replaceAll(',', '')) / wordsPerSecond, words_per_s_page: wordsPerSecond, threads, phase }));
  } finally {
    await browser.close();
    server.close();
  }
}

await main();
