// The word map at scale in headless Chromium: frame times while panning and
// zooming 50,000 points, PCA and k-means of 50,000 words, and UMAP of 20,000,
// all on vectors made here from a seeded generator (50,000 words × 50
// dimensions around 40 directions), imported as a .vec file.
//
//   node bench/word-map.mjs              everything (UMAP of 20,000 words takes minutes)
//   node bench/word-map.mjs --no-umap    frames, PCA and k-means only
//   node bench/word-map.mjs --umap 5000  UMAP of another number of words (a map size)
//
// Frame times are the gaps between requestAnimationFrame callbacks while the
// pointer drags (one move per frame) or the wheel turns: 16.7 ms is 60 frames
// a second. The machine may be shared and busy; run it twice.
import { openSite } from '../tests/e2e/harness.mjs';
import { seededRandom } from '../tests/seeded-random.mjs';

const args = process.argv.slice(2);
const umapWords = args.includes('--no-umap') ? 0 : Number(args[args.indexOf('--umap') + 1] || 20000) || 20000;

const count = 50_000;
const dim = 50;
const random = seededRandom(1);
const centres = Array.from({ length: 40 }, () => Array.from({ length: dim }, () => random() * 2 - 1));
const lines = [`${count} ${dim}`];
for (let i = 0; i < count; i++) lines.push(`w${i} ${centres[i % 40].map((v) => (v + 0.6 * (random() * 2 - 1)).toFixed(4)).join(' ')}`);
const vec = `${lines.join('\n')}\n`;

const site = await openSite({ needs: ['dist/vectors/default.tlv', 'dist/lib/umap-js/umap-js.min.js'] });
try {
  const { page, context } = await site.open('#view=embeddings', { viewport: { width: 1280, height: 900 } });
  await page.waitForFunction(() => /words × 100 dimensions/.test(document.querySelector('#emb-set-info')?.textContent ?? ''), null, { timeout: 60_000 });
  await page.setInputFiles('#emb-import', [{ name: 'bench.vec', mimeType: 'text/plain', buffer: Buffer.from(vec) }]);
  await page.waitForFunction(() => /50,000 words × 50 dimensions/.test(document.querySelector('#emb-set-info')?.textContent ?? ''), null, { timeout: 300_000 });
  /** @param {string} layout */
  const drawn = (layout) => page.waitForFunction((layout) => document.querySelector('#emb-map')?.getAttribute('data-drawn') === layout, layout, { timeout: 1_200_000 });
  await page.selectOption('#emb-map-size', '50000');
  await drawn('pca:50000');
  console.log(`PCA: ${await page.textContent('#emb-map-status')}`);
  await page.locator('#emb-map').scrollIntoViewIfNeeded();
  const box = await page.locator('#emb-map').boundingBox();
  if (!box) throw new Error('no map');

  /** Frame gaps while `act` runs. @param {string} what @param {() => Promise<void>} act */
  const frames = async (what, act) => {
    await page.evaluate(() => {
      const gaps = /** @type {number[]} */ ([]);
      /** @type {any} */ (window).gaps = gaps;
      /** @type {any} */ (window).measuring = true;
      let last = performance.now();
      const tick = (/** @type {number} */ now) => {
        gaps.push(now - last);
        last = now;
        if (/** @type {any} */ (window).measuring) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    await act();
    const gaps = await page.evaluate(() => {
      /** @type {any} */ (window).measuring = false;
      return /** @type {number[]} */ (/** @type {any} */ (window).gaps).slice(2);
    });
    const sorted = [...gaps].sort((a, b) => a - b);
    const at = (/** @type {number} */ q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))].toFixed(1);
    console.log(`${what}: ${gaps.length} frames, median ${at(0.5)} ms, 90th percentile ${at(0.9)} ms, worst ${at(1)} ms`);
  };
  const drag = async () => {
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    for (let step = 0; step < 150; step++) await page.mouse.move(box.x + box.width / 2 + 250 * Math.sin(step / 12), box.y + box.height / 2 + 120 * Math.cos(step / 12));
    await page.mouse.up();
  };
  await frames('pan, all 50,000 points in sight', drag);
  await frames('wheel zoom in and out', async () => {
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    for (let step = 0; step < 60; step++) await page.mouse.wheel(0, step < 30 ? -60 : 60);
  });
  await page.keyboard.press('Escape');
  await page.focus('#emb-map');
  for (let i = 0; i < 5; i++) await page.keyboard.press('+');
  await frames('pan at 7.6× zoom', drag);
  await frames('hover', async () => {
    for (let step = 0; step < 120; step++) await page.mouse.move(box.x + 40 + (step * 9) % (box.width - 80), box.y + 60 + (step * 37) % (box.height - 120));
  });

  await page.selectOption('#emb-map-colour', 'clusters');
  await page.waitForFunction(() => /put the 50,000 words in 12 clusters/.test(document.querySelector('#emb-map-legend')?.textContent ?? ''), null, { timeout: 600_000 });
  console.log(`k-means: ${await page.textContent('#emb-map-legend')}`);
  await frames('pan with 12 cluster colours', drag);

  if (umapWords > 0) {
    await page.selectOption('#emb-map-colour', 'none');
    await page.selectOption('#emb-map-size', String(umapWords));
    await drawn(`pca:${umapWords}`);
    const started = Date.now();
    await page.check('#emb-map-method input[value=umap]');
    await page.waitForFunction(() => /^Building the neighbour graph/.test(document.querySelector('#emb-map-status')?.textContent ?? ''), null, { timeout: 1_200_000 });
    const knnSeconds = (Date.now() - started) / 1000;
    await page.waitForFunction(() => /^UMAP layout: epoch/.test(document.querySelector('#emb-map-status')?.textContent ?? ''), null, { timeout: 1_200_000 });
    const graphSeconds = (Date.now() - started) / 1000 - knnSeconds;
    await drawn(`umap:${umapWords}`);
    console.log(`UMAP of ${umapWords} words: neighbours found in ${knnSeconds.toFixed(1)} s, umap-js's graph and first 10 epochs in ${graphSeconds.toFixed(1)} s; ${await page.textContent('#emb-map-status')}`);
  }
  await context.close();
} finally {
  await site.close();
}
