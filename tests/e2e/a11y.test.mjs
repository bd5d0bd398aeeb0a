// An automated accessibility audit of every view with axe-core: each view
// (and each step of the tour) once its content has loaded, in the light and
// the dark scheme, at desktop and phone sizes; and the Your files dialog. Violations of impact "serious"
// or "critical" fail the test; moderate and minor ones are printed.
//
// How axe gets into the page: the page's Content-Security-Policy allows no
// inline script, so page.addScriptTag({content}) is refused (and logs a CSP
// error). page.evaluate(source) runs through the DevTools protocol, which the
// CSP does not govern, so the audited page keeps the exact policy users get
// (no bypassCSP context needed).
//
// Needs web/dist/ (build-scripts/test makes it).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { openSite, webRoot } from './harness.mjs';
import { pageViews, tourStep, tourStepCount } from './page-views.mjs';
import { reloaded, seedKept } from './persistence.mjs';
import { tokenizeModes } from './tokenize-modes.mjs';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

const layouts = [
  { colorScheme: /** @type {const} */ ('light'), viewport: { width: 1400, height: 900 } },
  { colorScheme: /** @type {const} */ ('dark'), viewport: { width: 1400, height: 900 } },
  { colorScheme: /** @type {const} */ ('light'), viewport: { width: 375, height: 740 } },
  { colorScheme: /** @type {const} */ ('dark'), viewport: { width: 375, height: 740 } },
];

/** @type {Awaited<ReturnType<typeof openSite>>} */
let site;
/** @type {Awaited<ReturnType<Awaited<ReturnType<typeof openSite>>['open']>>} */
let opened;

before(async () => {
  site = await openSite();
  opened = await site.open('#view=tokenize');
});
after(async () => {
  await opened?.context.close();
  await site?.close();
});

/**
 * axe's violations on the page as it is now.
 * @param {import('playwright-core').Page} page
 * @returns {Promise<{id: string, impact: string, help: string, targets: string[]}[]>}
 */
async function audit(page) {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  return page.evaluate(async () => {
    // @ts-ignore axe is the global the evaluated source defines
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((/** @type {any} */ violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      targets: violation.nodes.slice(0, 5).map((/** @type {any} */ node) => `${node.target.join(' ')}: ${(node.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 160)}`),
    }));
  });
}

/** @param {import('./page-views.mjs').PageView} view */
async function auditView(view) {
  const { page, problems } = opened;
  await page.setViewportSize(layouts[0].viewport);
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto(site.baseUrl + view.hash);
  await view.ready(page);
  const serious = [];
  for (const { colorScheme, viewport } of layouts) {
    await page.setViewportSize(viewport);
    await page.emulateMedia({ colorScheme });
    await page.waitForTimeout(600);  // transitions finish, charts and canvases redraw after a resize or a change of scheme
    const where = `${view.name}, ${colorScheme}, ${viewport.width}×${viewport.height}`;
    for (const violation of await audit(page)) {
      const line = `${where}: [${violation.impact}] ${violation.id} (${violation.help})\n    ${violation.targets.join('\n    ')}`;
      if (violation.impact === 'serious' || violation.impact === 'critical') serious.push(line);
      else console.log(`note: ${line}`);
    }
  }
  assert.deepEqual(serious, [], serious.join('\n'));
  assert.deepEqual(problems, []);
}

for (const view of pageViews) {
  test(`the ${view.name} view has no serious or critical axe violations, light and dark, desktop and phone`, () => auditView(view));
}

for (const view of tokenizeModes) {
  test(`the ${view.name} has no serious or critical axe violations, light and dark, desktop and phone`, () => auditView(view));
}

test('every step of the guided tour has no serious or critical axe violations, light and dark, desktop and phone', async (t) => {
  const steps = await tourStepCount(opened.page);
  if (steps === 0) {
    t.skip('the page has no tour');
    return;
  }
  for (let step = 1; step <= steps; step++) await t.test(`step ${step}`, () => auditView(tourStep(step)));
});

test('Your files, with one file of each kind, one it cannot read and a name being changed, has no serious or critical axe violations, light and dark, desktop and phone', async () => {
  const { page, context, problems } = await site.open('#view=train');
  await seedKept(page, {
    vocabulary: new Uint8Array(readFileSync(path.join(webRoot, 'dist', 'vocab', 'bert-base-uncased.json'))),
    tiktoken: new Uint8Array(readFileSync(path.join(webRoot, 'dist', 'vocab', 'r50k_base.tiktoken'))),
  });
  await reloaded(page);
  await page.locator('#train-kept:not([hidden])').waitFor();
  await page.click('.your-files-button');
  await page.waitForSelector('#your-files[open][data-drawn] .your-files-skipped .kept-item');
  await page.click('#your-files [data-id="seed-tiktoken"] [data-role="rename"]');
  await page.waitForSelector('#your-files [data-role="name"]');
  const serious = [];
  for (const { colorScheme, viewport } of layouts) {
    await page.setViewportSize(viewport);
    await page.emulateMedia({ colorScheme });
    await page.waitForTimeout(300);
    for (const violation of await audit(page)) {
      const line = `Your files, ${colorScheme}, ${viewport.width}×${viewport.height}: [${violation.impact}] ${violation.id} (${violation.help})\n    ${violation.targets.join('\n    ')}`;
      if (violation.impact === 'serious' || violation.impact === 'critical') serious.push(line);
      else console.log(`note: ${line}`);
    }
  }
  assert.deepEqual(serious, [], serious.join('\n'));
  assert.deepEqual(problems, []);
  await context.close();
});
