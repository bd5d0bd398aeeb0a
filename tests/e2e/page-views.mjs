// Every view of the page, opened by a link and waited on until its content
// has loaded, for the tests that walk all of them (the accessibility audit,
// keyboard, phone layout). The tour's steps are read from the page, so a step
// added there is covered without a change here.
//
//   for (const view of pageViews) { await page.goto(base + view.hash); await view.ready(page); }
//   const steps = await tourStepCount(page);   // 6: '#view=tour&step=1' … '&step=6'

/** @typedef {import('playwright-core').Page} Page */

/**
 * @typedef {object} PageView
 * @property {string} name
 * @property {string} hash the link that opens it
 * @property {(page: Page) => Promise<void>} ready resolves once its content is there
 */

export const sampleText = 'Tokenizers split “unbelievably” into pieces: 1234567, naïve café, 東京, 👩🏽‍💻.';

/**
 * Waits until app.js has made the view and restored it from the link
 * (views other than Tokenize load their modules when first shown).
 * @param {Page} page
 * @param {string} id
 */
export function viewMade(page, id) {
  return page.waitForFunction((id) => document.documentElement.dataset.restored === id, id, { timeout: 30_000 });
}

/** @type {PageView[]} */
export const pageViews = [
  {
    name: 'tokenize',
    hash: `#t=cl100k_base&text=${encodeURIComponent(sampleText)}`,
    ready: async (page) => {
      await viewMade(page, 'tokenize');
      await page.waitForSelector('#chip-list .chip');
    },
  },
  {
    name: 'compare',
    hash: `#view=compare&c=cl100k_base,o200k_base,bert-base-uncased&text=${encodeURIComponent(sampleText)}`,
    ready: async (page) => {
      await viewMade(page, 'compare');
      await page.waitForFunction(() => document.querySelectorAll('#cmp-rows tr').length === 3 && document.querySelector('#cmp-align .acell.token') !== null, null, { timeout: 60_000 });
    },
  },
  {
    name: 'train',
    hash: '#view=train&vs=400',
    ready: async (page) => {
      // A short run fills the merge table, and two steps fill the worked example.
      await viewMade(page, 'train');
      await page.click('#train-start');
      await page.waitForFunction(() => !document.querySelector('#train-result')?.hidden && document.querySelector('.train-run')?.getAttribute('aria-busy') === 'false', null, { timeout: 60_000 });
      await page.click('#stepper-next');
      await page.click('#stepper-next');
      await page.waitForSelector('#stepper-history li:nth-child(2)');
    },
  },
  {
    name: 'embeddings',
    hash: '#view=embeddings',
    ready: async (page) => {
      await viewMade(page, 'embeddings');
      await page.waitForFunction(() => /words × 100 dimensions/.test(document.querySelector('#emb-set-info')?.textContent ?? ''), null, { timeout: 30_000 });
      await page.waitForFunction(() => /^PCA of the/.test(document.querySelector('#emb-map-status')?.textContent ?? ''), null, { timeout: 30_000 });
    },
  },
];

/** What shows that a step of the tour has its live content, by step id (data-step-id). */
const tourStepReady = {
  embedding: '.tour-step[data-step-id="embedding"][data-vectors]',
  names: '.tour-step[data-step-id="names"][data-ready="true"]',
  sizes: '.tour-step[data-step-id="sizes"] [data-params]',
  bpe: '.tour-step[data-step-id="bpe"] [data-pair]',
  vocabularies: '.tour-step[data-step-id="vocabularies"] [data-ids]',
};

/**
 * How many steps the tour lists (0 while the page has no tour).
 * @param {Page} page
 */
export async function tourStepCount(page) {
  if ((await page.locator('[data-nav="tour"]').count()) === 0) return 0;
  if (!(await page.evaluate(() => location.hash.includes('view=tour')))) await page.locator('[data-nav="tour"]').click();
  await page.waitForSelector('.tour-step-link');
  return page.locator('.tour-step-link').count();
}

/**
 * The tour at one step, waited on until the step has its content.
 * @param {number} step 1-based
 * @returns {PageView}
 */
export function tourStep(step) {
  return {
    name: `tour step ${step}`,
    hash: `#view=tour&step=${step}`,
    ready: async (page) => {
      await viewMade(page, 'tour');
      const container = page.locator(`.tour-step[data-step="${step}"]`);
      await container.waitFor({ state: 'visible', timeout: 30_000 });
      const id = await container.getAttribute('data-step-id');
      const selector = id ? tourStepReady[/** @type {keyof typeof tourStepReady} */ (id)] : undefined;
      if (selector) await page.waitForSelector(selector, { timeout: 60_000 });
      // The learning step's content comes from a run the reader starts.
      if (id === 'learning' && (await container.getAttribute('data-trained')) !== 'true') {
        await container.getByRole('button', { name: 'Train', exact: true }).click();
        await page.waitForSelector('.tour-step[data-step-id="learning"][data-trained="true"][data-training="idle"]', { timeout: 120_000 });
      }
      await page.waitForLoadState('networkidle');
      await page.waitForFunction(() => !document.querySelector('#view-tour [aria-busy="true"]'), null, { timeout: 60_000 });
    },
  };
}
