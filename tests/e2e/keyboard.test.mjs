// Every control can be reached and seen with the keyboard: in each view (and
// each step of the tour), once loaded, Tab walks the page from the top; every
// element it stops on shows where the focus is (an outline or a box-shadow,
// on the element or on the label that draws it), and every element that can
// take focus is among those Tab visits. Radio groups count once: Tab enters
// a group at its checked choice and the arrow keys move within it.
// The Tokenize view's controls are also operated by keys alone, and so is
// the Your files dialog.
//
// Needs web/dist/ (build-scripts/test makes it).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { openSite, webRoot } from './harness.mjs';
import { reloaded, seedKept, storedRecords } from './persistence.mjs';
import { pageViews, tourStep, tourStepCount } from './page-views.mjs';
import { tokenizeModes } from './tokenize-modes.mjs';

const kMaxTabs = 600;

/** @type {Awaited<ReturnType<typeof openSite>>} */
let site;
before(async () => {
  site = await openSite();
});
after(() => site?.close());

/**
 * Numbers every element that can take focus from Tab (data-tab-key) and returns their keys and names.
 * @param {import('playwright-core').Page} page
 */
function focusableElements(page) {
  return page.evaluate(() => {
    const selector = 'a[href], button, input, select, textarea, summary, [tabindex], [contenteditable="true"]';
    /** @type {{key: string, name: string}[]} */
    const found = [];
    const radioGroups = new Set();
    let next = 0;
    for (const element of /** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll(selector))) {
      if (element.tabIndex < 0 || element.matches(':disabled') || element.closest('[inert], [hidden]')) continue;
      if (element instanceof HTMLInputElement && element.type === 'hidden') continue;
      if (!element.checkVisibility({ visibilityProperty: true })) continue;
      element.dataset.tabKey ??= `k${next++}`;
      if (element instanceof HTMLInputElement && element.type === 'radio' && element.name) {
        const group = `${element.form?.id ?? ''}/${element.name}`;
        if (radioGroups.has(group)) continue;
        radioGroups.add(group);
        element.dataset.tabKey = `radio:${group}`;
        for (const other of document.querySelectorAll(`input[type="radio"][name="${CSS.escape(element.name)}"]`)) /** @type {HTMLElement} */ (other).dataset.tabKey = `radio:${group}`;
      }
      found.push({ key: /** @type {string} */ (element.dataset.tabKey), name: `${element.tagName.toLowerCase()}${element.id ? '#' + element.id : ''} “${(element.getAttribute('aria-label') ?? element.textContent ?? '').trim().slice(0, 40)}”` });
    }
    return found;
  });
}

/** The focused element's key and whether its focus shows. @param {import('playwright-core').Page} page */
function focusedState(page) {
  return page.evaluate(() => {
    const element = document.activeElement;
    if (!element || element === document.body || !(element instanceof HTMLElement)) return null;
    /** @param {Element} candidate */
    const shows = (candidate) => {
      const style = getComputedStyle(candidate);
      return (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || (style.boxShadow !== 'none' && style.boxShadow !== '');
    };
    // The element itself, or the label or segment around it that draws the ring (hidden radios, file inputs).
    let visible = false;
    for (let candidate = /** @type {Element | null} */ (element), depth = 0; candidate && depth < 3; candidate = candidate.parentElement, depth++) {
      if (shows(candidate)) visible = true;
    }
    // An element made after the list was taken gets a key of its own now.
    // @ts-ignore a counter kept on the window
    element.dataset.tabKey ??= `unlisted ${(window.unlistedCount = (window.unlistedCount ?? 0) + 1)}`;
    return { key: element.dataset.tabKey, name: `${element.tagName.toLowerCase()}${element.id ? '#' + element.id : ''}.${[...element.classList].join('.')}`, visible };
  });
}

/** @param {import('./page-views.mjs').PageView} view */
async function walkView(view) {
  const { page, context, problems } = await site.open('#view=tokenize');
  await page.goto(site.baseUrl + view.hash);
  await view.ready(page);
  const focusable = await focusableElements(page);
  // Start at the first element, the skip link; a key press first, so the
  // browser treats the focus as the keyboard's (:focus-visible) after the
  // clicks that loaded the view.
  await page.keyboard.press('Shift');
  await page.focus('.skip-link');
  const visited = new Set();
  const invisible = [];
  const unlisted = [];
  for (let tabs = 0; tabs < kMaxTabs; tabs++) {
    if (tabs > 0) await page.keyboard.press('Tab');
    const state = await focusedState(page);
    if (!state) break;  // past the last control
    if (visited.has(state.key)) break;  // round again
    visited.add(state.key);
    if (!state.visible) invisible.push(state.name);
    if (state.key.startsWith('unlisted')) unlisted.push(state.name);
  }
  // Elements the page replaced during the walk (a list redrawn) are not counted against it.
  const present = new Set(await page.$$eval('[data-tab-key]', (elements) => elements.filter((element) => element.isConnected && /** @type {HTMLElement} */ (element).tabIndex >= 0 && element.checkVisibility()).map((element) => /** @type {HTMLElement} */ (element).dataset.tabKey)));
  const unreachable = focusable.filter((element) => !visited.has(element.key) && present.has(element.key)).map((element) => element.name);
  const drawnMeanwhile = [...new Set(unlisted)].map((name) => `${name} ×${unlisted.filter((other) => other === name).length}`);
  console.log(`${view.name}: Tab visits ${visited.size} elements: the ${focusable.length} focusable when loaded${drawnMeanwhile.length ? ` and, drawn since, ${drawnMeanwhile.join(', ')}` : ''}`);
  assert.deepEqual(invisible, [], `${view.name}: focus not shown on ${invisible.join(', ')}`);
  assert.deepEqual(unreachable, [], `${view.name}: Tab never reaches ${unreachable.join(', ')}`);
  assert.deepEqual(problems, []);
  await context.close();
}

for (const view of pageViews) {
  test(`every control of the ${view.name} view is reached by Tab and shows its focus`, () => walkView(view));
}

for (const view of tokenizeModes) {
  test(`every control of the ${view.name} is reached by Tab and shows its focus`, () => walkView(view));
}

test('every control of each tour step is reached by Tab and shows its focus', async (t) => {
  const { page, context } = await site.open('#view=tokenize');
  const steps = await tourStepCount(page);
  await context.close();
  if (steps === 0) {
    t.skip('the page has no tour');
    return;
  }
  for (let step = 1; step <= steps; step++) await t.test(`step ${step}`, () => walkView(tourStep(step)));
});

test('the Tokenize view works from the keyboard: tokenizer by arrow keys, text, switches and tokens', async () => {
  const { page, context, problems } = await site.open('#t=cl100k_base&text=hi');
  await page.waitForSelector('#token-output[data-tokenizer="cl100k_base"] #chip-list .chip');
  await page.locator('#tokenizer-picker input:checked').focus();
  await page.keyboard.press('ArrowRight');
  await page.waitForSelector('#token-output[data-tokenizer="o200k_base"] #chip-list .chip');
  await page.locator('#tokenize-text').focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('Keys alone');
  await page.waitForFunction(() => [...document.querySelectorAll('#chip-list .chip')].map((chip) => chip.textContent).join('') === 'Keys alone');
  await page.locator('#toggle-whitespace').focus();
  await page.keyboard.press('Space');
  assert.equal(await page.locator('#token-output').getAttribute('data-whitespace'), 'visible');
  await page.locator('#chip-list .chip').first().focus();
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-index')), '1');
  assert.ok(await page.locator('#token-tip').isVisible(), 'the focused token shows its tooltip');
  assert.deepEqual(problems, []);
  await context.close();
});

test('Your files works from the keyboard: opened from its button, a name changed with Enter, a rename left with Escape, a file deleted, closed back to its button', async () => {
  const { page, context, problems } = await site.open('#view=tokenize');
  await seedKept(page, {
    vocabulary: new Uint8Array(readFileSync(path.join(webRoot, 'dist', 'vocab', 'bert-base-uncased.json'))),
    tiktoken: new Uint8Array(readFileSync(path.join(webRoot, 'dist', 'vocab', 'r50k_base.tiktoken'))),
  });
  await reloaded(page);
  await page.keyboard.press('Shift');
  await page.focus('.your-files-button');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#your-files[open][data-drawn]');

  // Tab stays in the dialog (after its last control it leaves the page for the browser's own), and every stop shows its focus.
  const stops = [];
  for (let tabs = 0; tabs < 40; tabs++) {
    const state = await focusedState(page);
    if (!state) break;
    assert.ok(state.visible, `focus shows on ${state.name}`);
    const inside = await page.evaluate(() => document.querySelector('#your-files')?.contains(document.activeElement));
    assert.ok(inside, `Tab left the dialog at ${state?.name}`);
    if (stops.includes(state.key)) break;
    stops.push(state.key);
    await page.keyboard.press('Tab');
  }
  // Close, and Rename, Download (or Open in Train) and Delete for each file, Delete for the one that cannot be read, Delete all.
  assert.ok(stops.length >= 1 + 4 * 3 + 1 + 1, `${stops.length} stops`);

  const rename = page.locator('#your-files [data-id="seed-tiktoken"] [data-role="rename"]');
  await rename.focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => /** @type {HTMLElement} */ (document.activeElement)?.dataset.role === 'name');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('ranks, renamed');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('#your-files [data-id="seed-tiktoken"] .kept-name')?.textContent === 'ranks, renamed');
  await page.waitForFunction(() => document.activeElement === document.querySelector('#your-files [data-id="seed-tiktoken"] [data-role="rename"]'));
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => /** @type {HTMLElement} */ (document.activeElement)?.dataset.role === 'name');
  await page.keyboard.type(' and again');
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => document.activeElement === document.querySelector('#your-files [data-id="seed-tiktoken"] [data-role="rename"]'));
  assert.equal(await page.isVisible('#your-files'), true, 'Escape in a rename leaves the dialog open');
  assert.equal(await page.textContent('#your-files [data-id="seed-tiktoken"] .kept-name'), 'ranks, renamed');

  await page.locator('#your-files [data-id="seed-tiktoken"] [data-role="delete"]').focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => !document.querySelector('#your-files [data-id="seed-tiktoken"]'));
  assert.equal(await page.evaluate(() => /** @type {HTMLElement} */ (document.activeElement)?.dataset.role), 'delete', 'focus moves to the next Delete');
  assert.deepEqual((await storedRecords(page)).map((record) => record.id).sort(), ['seed-future', 'seed-run', 'seed-vectors', 'seed-vocabulary']);

  await page.keyboard.press('Escape');
  await page.waitForFunction(() => !document.querySelector('#your-files')?.hasAttribute('open'));
  assert.equal(await page.evaluate(() => document.activeElement?.classList.contains('your-files-button')), true);
  assert.deepEqual(problems, []);
  await context.close();
});
