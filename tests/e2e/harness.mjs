// What every end-to-end test needs: the page served as a user gets it
// (build-scripts/serve.mjs, same CSP), Debian's Chromium driven by
// playwright-core, and fresh pages that record every page error, console
// error and dialog so a test can assert there were none.
//
//   const site = await openSite();              // in before()
//   const { page, problems } = await site.open('#view=train');
//   ...
//   assert.deepEqual(problems, []);
//   await site.close();                         // in after()
import { existsSync } from 'node:fs';
import path from 'node:path';

import { chromium } from 'playwright-core';

import { startServer } from '../../build-scripts/serve.mjs';
import { repoRoot } from '../wasm/load-engine.mjs';

export const webRoot = process.env.TOKENLAB_WEB_ROOT ? path.resolve(process.env.TOKENLAB_WEB_ROOT) : path.join(repoRoot, 'web');

/** The flags this machine's closed network and root user need. */
export const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const builtFiles = ['dist/tokenlab.js', 'dist/tokenlab.wasm', 'dist/vocab/cl100k_base.tiktoken', 'dist/lib/uplot/uPlot.esm.js'];

/**
 * @typedef {object} OpenedPage
 * @property {import('playwright-core').Page} page
 * @property {import('playwright-core').BrowserContext} context
 * @property {string[]} problems page errors, console errors and dialogs, in order
 */

/**
 * @typedef {object} PageOptions
 * @property {{width: number, height: number}} [viewport]
 * @property {'light' | 'dark' | 'no-preference'} [colorScheme]
 * @property {boolean} [acceptDownloads]
 * @property {'allow' | 'block'} [serviceWorkers] block: every request reaches the network (and context.route)
 */

/**
 * Starts the server and the browser, once the built files the tests need are there.
 * @param {{needs?: string[], isolation?: boolean}} [options] more files under the web root the tests need;
 *   isolation false serves without the COOP/COEP headers (the page is then not cross-origin isolated)
 * @returns {Promise<{baseUrl: string, browser: import('playwright-core').Browser,
 *   open: (hash?: string, options?: PageOptions) => Promise<OpenedPage>, close: () => Promise<void>}>}
 */
export async function openSite({ needs = [], isolation = true } = {}) {
  for (const file of [...builtFiles, ...needs]) {
    if (!existsSync(path.join(webRoot, file))) throw new Error(`${path.join(webRoot, file)} is missing: run build-scripts/test (or build-scripts/run) first`);
  }
  const { server, url: baseUrl } = await startServer({ root: webRoot, port: 0, isolation });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: chromiumArgs });

  /** @param {string} [hash] @param {PageOptions} [options] */
  async function open(hash = '', { viewport = { width: 1400, height: 900 }, colorScheme = 'light', acceptDownloads = true, serviceWorkers = 'allow' } = {}) {
    const context = await browser.newContext({ locale: 'en-US', viewport, colorScheme, acceptDownloads, serviceWorkers });
    const page = await context.newPage();
    /** @type {string[]} */
    const problems = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
    });
    page.on('dialog', (dialog) => {
      problems.push(`dialog: ${dialog.message()}`);
      dialog.dismiss();
    });
    await page.goto(baseUrl + hash);
    // Views other than the default load their modules when first shown; the
    // page marks <html data-ready> once the view the link names is made and
    // restored. Left to each test to notice if that never comes; a machine
    // busy with other work can take tens of seconds to load a view's modules.
    await page.waitForFunction(() => document.documentElement.dataset.ready === 'true', null, { timeout: 60_000 }).catch(() => {});
    return { page, context, problems };
  }

  async function close() {
    await browser.close();
    server.close();
  }

  return { baseUrl, browser, open, close };
}

/**
 * Opens a view from the navigation and waits until its module has loaded and
 * made it, so its controls answer (views other than Tokenize load on first use).
 * @param {import('playwright-core').Page} page
 * @param {string} id
 */
export async function showView(page, id) {
  await page.click(`.views-nav a[data-nav="${id}"]`);
  await page.locator(`#view-${id}[data-made]`).waitFor({ state: 'visible', timeout: 30_000 });
}
