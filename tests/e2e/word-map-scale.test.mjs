// The word map at the Embedding Projector's scale, in headless Chromium:
// 50,000 words (vectors made here from a seeded generator, imported as a .vec
// file) are drawn; hovering names the point nearest the pointer, computed
// here from the map's exported coordinates; label boxes never overlap; search
// and zoom answer. k-means clusters are checked against the vectors: every
// word sits in the cluster of its most similar centroid. UMAP runs with
// progress and stops when asked; the Projector's TSV pair exports and imports
// back to the same words and vectors, and bad pairs get clear messages.
// Frame times while panning 50,000 points are printed, never asserted.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { after, before, test } from 'node:test';

import { openSite } from './harness.mjs';
import { seededRandom } from '../seeded-random.mjs';

/** @type {Awaited<ReturnType<typeof openSite>>} */
let site;

before(async () => {
  site = await openSite({ needs: ['dist/vectors/default.tlv', 'dist/lib/umap-js/umap-js.min.js'] });
});

after(() => site?.close());

/**
 * count words ("w0", "w1", …) around `groups` random directions in dim
 * dimensions, values rounded to 4 decimals, as a .vec file.
 * @param {number} count @param {number} dim @param {number} groups @param {number} seed
 */
function makeVectors(count, dim, groups, seed) {
  const random = seededRandom(seed);
  const centres = Array.from({ length: groups }, () => Array.from({ length: dim }, () => random() * 2 - 1));
  const words = Array.from({ length: count }, (_, i) => `w${i}`);
  const rows = words.map((_, i) => centres[i % groups].map((value) => Number((value + 0.35 * (random() * 2 - 1)).toFixed(4))));
  const vec = `${count} ${dim}\n${words.map((word, i) => `${word} ${rows[i].join(' ')}`).join('\n')}\n`;
  return { words, rows, vec };
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * axe's serious and critical violations on the page as it is now (evaluated
 * through the DevTools protocol, as a11y.test.mjs does, so the page's CSP holds).
 * @param {import('playwright-core').Page} page
 */
async function seriousViolations(page) {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  return page.evaluate(async () => {
    // @ts-ignore axe is the global the evaluated source defines
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.filter((/** @type {any} */ v) => v.impact === 'serious' || v.impact === 'critical').map((/** @type {any} */ v) => `${v.id}: ${v.nodes.map((/** @type {any} */ n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
  });
}

/** @param {string} name @param {string} text */
const textFile = (name, text) => ({ name, mimeType: 'text/plain', buffer: Buffer.from(text) });

/**
 * Drops files on an element the way a browser does: a DataTransfer with File objects.
 * @param {import('playwright-core').Page} page @param {string} selector @param {{name: string, buffer: Buffer}[]} files
 */
async function dropFiles(page, selector, files) {
  await page.evaluate(
    ({ selector, files }) => {
      const transfer = new DataTransfer();
      for (const file of files) transfer.items.add(new File([file.text], file.name, { type: 'text/plain' }));
      const target = /** @type {Element} */ (document.querySelector(selector));
      for (const type of ['dragenter', 'dragover', 'drop'])
        target.dispatchEvent(new DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true }));
    },
    { selector, files: files.map((file) => ({ name: file.name, text: file.buffer.toString('utf8') })) },
  );
}

/** A fresh page on the Embeddings view with the default vectors in, post-processing off. */
async function openView(viewport = { width: 1280, height: 900 }) {
  const { page, context, problems } = await site.open('#view=embeddings', { viewport });
  await page.waitForFunction(() => /words × 100 dimensions/.test(document.querySelector('#emb-set-info')?.textContent ?? ''), null, { timeout: 30_000 });
  await page.selectOption('#emb-post', 'none');
  return { page, context, problems };
}

/** @param {import('playwright-core').Page} page @param {string} name @param {string} vec */
async function importVec(page, name, vec, count, dim) {
  await page.setInputFiles('#emb-import', [textFile(name, vec)]);
  const info = `${count.toLocaleString('en-US')} words × ${dim} dimensions from ${name}`;
  await page.waitForFunction((info) => (document.querySelector('#emb-set-info')?.textContent ?? '').includes(info), info, { timeout: 120_000 });
}

/**
 * Waits for the map to finish drawing `layout` at a zoom other than zoomNot.
 * @param {import('playwright-core').Page} page @param {string} layout @param {number} [zoomNot]
 */
async function mapDrawn(page, layout, zoomNot = NaN) {
  await page.waitForFunction(
    ([layout, zoomNot]) => {
      const canvas = /** @type {HTMLCanvasElement} */ (document.querySelector('#emb-map'));
      return canvas.dataset.drawn === layout && Number(canvas.dataset.zoom) !== zoomNot;
    },
    /** @type {[string, number]} */ ([layout, zoomNot]),
    { timeout: 120_000 },
  );
  return page.$eval('#emb-map', (canvas) => {
    const data = /** @type {HTMLCanvasElement} */ (canvas).dataset;
    return { zoom: Number(data.zoom), view: JSON.parse(data.view ?? '{}'), labels: /** @type {number[][]} */ (JSON.parse(data.labels ?? '[]')) };
  });
}

/** Downloads a file a button makes, as text. @param {import('playwright-core').Page} page @param {string} selector */
async function downloaded(page, selector) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  return { name: file.suggestedFilename(), text: readFileSync(await file.path(), 'utf8') };
}

/** @param {string} text @returns {string[]} the lines, without the final line end */
const linesOf = (text) => text.replace(/\n$/, '').split('\n');

/**
 * No two label boxes overlap, each lies inside the view and touches its point.
 * @param {number[][]} labels [point, left, top, right, bottom] @param {{x: number[], y: number[]}} points @param {any} view
 */
function checkLabels(labels, points, view) {
  const sx = (/** @type {number} */ i) => (points.x[i] - view.cx) * view.scale + view.width / 2;
  const sy = (/** @type {number} */ i) => -(points.y[i] - view.cy) * view.scale + view.height / 2;
  for (let a = 0; a < labels.length; a++) {
    const [i, left, top, right, bottom] = labels[a];
    assert.ok(left >= -0.05 && top >= -0.05 && right <= view.width + 0.05 && bottom <= view.height + 0.05, `label of ${i} inside the view`);
    // The point is within 8 px of its label's box.
    const dx = Math.max(left - sx(i), 0, sx(i) - right);
    const dy = Math.max(top - sy(i), 0, sy(i) - bottom);
    assert.ok(Math.hypot(dx, dy) < 8, `label of ${i} beside its point (${dx.toFixed(1)}, ${dy.toFixed(1)})`);
    for (let b = a + 1; b < labels.length; b++) {
      const [j, l2, t2, r2, b2] = labels[b];
      // Boxes are rounded to 0.1 px: overlap means more than that.
      const overlap = Math.min(right, r2) - Math.max(left, l2) > 0.15 && Math.min(bottom, b2) - Math.max(top, t2) > 0.15;
      assert.ok(!overlap, `labels of ${i} and ${j} overlap: ${labels[a]} / ${labels[b]}`);
    }
  }
}

test('50,000 words: hover names the nearest point, labels never overlap, search and zoom answer; frame times while panning', async () => {
  const { page, context, problems } = await openView();
  const { words, vec } = makeVectors(50_000, 8, 30, 7);
  await importVec(page, 'fifty-thousand.vec', vec, 50_000, 8);
  await page.selectOption('#emb-map-size', '50000');
  let drawn = await mapDrawn(page, 'pca:50000');
  assert.equal(drawn.zoom, 1);
  assert.match(await page.textContent('#emb-map-status'), /^PCA of the 50,000 most frequent words/);

  // The map's coordinates, as the Projector's pair.
  const coordinates = await downloaded(page, '#emb-map-export-vectors');
  const names = await downloaded(page, '#emb-map-export-metadata');
  assert.equal(coordinates.name, 'tokenlab-map-pca-50000-vectors.tsv');
  const xy = linesOf(coordinates.text).map((line) => line.split('\t').map(Number));
  assert.equal(xy.length, 50_000);
  assert.deepEqual(linesOf(names.text), words);
  const points = { x: xy.map((p) => p[0]), y: xy.map((p) => p[1]) };
  checkLabels(drawn.labels, points, drawn.view);
  assert.ok(drawn.labels.length >= 30, `${drawn.labels.length} labels`);

  // Hover: the tip names the point nearest the pointer within 10 px (ties to the lower index).
  const box = await page.locator('#emb-map').boundingBox();
  assert.ok(box);
  const { view } = drawn;
  const nearest = (/** @type {number} */ lx, /** @type {number} */ ly) => {
    let best = -1;
    let bestDistance = 100;
    let second = Infinity;
    for (let i = 0; i < 50_000; i++) {
      const dx = (points.x[i] - view.cx) * view.scale + view.width / 2 - lx;
      const dy = -(points.y[i] - view.cy) * view.scale + view.height / 2 - ly;
      const d = dx * dx + dy * dy;
      if (d < bestDistance) {
        second = bestDistance;
        best = i;
        bestDistance = d;
      } else if (d < second) second = d;
    }
    return { best, margin: Math.sqrt(second) - Math.sqrt(bestDistance) };
  };
  const random = seededRandom(3);
  let checked = 0;
  for (let tries = 0; checked < 6 && tries < 200; tries++) {
    const clientX = Math.round(box.x + 20 + random() * (box.width - 40));
    const clientY = Math.round(box.y + 20 + random() * (box.height - 40));
    const { best, margin } = nearest(clientX - box.x, clientY - box.y);
    // Only positions where the answer is clear by half a pixel: the pointer lands on whole pixels.
    if (best < 0 || margin < 0.5) continue;
    await page.mouse.move(clientX, clientY);
    await page.waitForFunction((word) => (document.querySelector('#emb-map-tip')?.textContent ?? '').startsWith(`${word} ·`), words[best]);
    checked++;
  }
  assert.equal(checked, 6, 'six hovers checked');

  // Search: the view moves to the word, whose label comes first.
  await page.fill('#emb-map-search', 'w4321');
  await page.press('#emb-map-search', 'Enter');
  await page.waitForFunction(() => /“w4321” and its nearest/.test(document.querySelector('#emb-map-found')?.textContent ?? ''));
  drawn = await mapDrawn(page, 'pca:50000', 1);
  assert.ok(drawn.zoom > 1);
  assert.equal(drawn.labels[0][0], 4321);
  assert.ok(Math.abs(drawn.view.cx - points.x[4321]) < 1e-6 && Math.abs(drawn.view.cy - points.y[4321]) < 1e-6);
  checkLabels(drawn.labels, points, drawn.view);

  // Keyboard zoom and pan; labels still apart.
  await page.focus('#emb-map');
  const before = drawn.zoom;
  await page.keyboard.press('+');
  drawn = await mapDrawn(page, 'pca:50000', before);
  assert.ok(drawn.zoom > before);
  await page.keyboard.press('ArrowLeft');
  const panned = await mapDrawn(page, 'pca:50000');
  assert.ok(panned.view.cx < drawn.view.cx, 'ArrowLeft shows what lies left');
  checkLabels(panned.labels, points, panned.view);
  // The text alternative names the labelled words in sight.
  const listed = await page.$$eval('#emb-map-words li', (items) => items.map((item) => item.textContent));
  assert.deepEqual(listed, panned.labels.map(([i]) => words[i]));

  // Frame times: drag across the whole layout for about 1.5 s, one move per frame.
  await page.click('#emb-zoom-reset');
  await mapDrawn(page, 'pca:50000');
  await page.evaluate(() => {
    const deltas = /** @type {number[]} */ ([]);
    /** @type {any} */ (window).frameDeltas = deltas;
    let last = performance.now();
    const tick = (/** @type {number} */ now) => {
      deltas.push(now - last);
      last = now;
      if (deltas.length < 400) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  for (let step = 0; step < 90; step++) {
    await page.mouse.move(box.x + box.width / 2 + 200 * Math.sin(step / 10), box.y + box.height / 2 + 100 * Math.cos(step / 10));
  }
  await page.mouse.up();
  const deltas = await page.evaluate(() => /** @type {any} */ (window).frameDeltas.slice(1));
  const sorted = [...deltas].sort((a, b) => a - b);
  const at = (/** @type {number} */ q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))].toFixed(1);
  console.log(`50,000 points, panning: ${deltas.length} frames, median ${at(0.5)} ms, 90th percentile ${at(0.9)} ms, worst ${at(1)} ms`);
  assert.deepEqual(problems, []);
  await context.close();
});

test('k-means colours: every word is in the cluster of its most similar centroid, and each cluster lists its nearest words', async () => {
  const { page, context, problems } = await openView();
  const { words, rows, vec } = makeVectors(3000, 6, 5, 11);
  await importVec(page, 'clusters.vec', vec, 3000, 6);
  await mapDrawn(page, 'pca:2000');
  await page.selectOption('#emb-map-colour', 'clusters');
  assert.ok(await page.isVisible('#emb-map-k'));
  await page.fill('#emb-map-k', '7');
  await page.press('#emb-map-k', 'Enter');
  await page.waitForFunction(() => /put the 2,000 words in 7 clusters in \d+ iterations, /.test(document.querySelector('#emb-map-legend')?.textContent ?? ''), null, { timeout: 60_000 });
  const metadata = linesOf((await downloaded(page, '#emb-map-export-metadata')).text);
  assert.equal(metadata[0], 'word\tcluster');
  const assignment = metadata.slice(1).map((line) => Number(line.split('\t')[1]) - 1);
  assert.deepEqual(metadata.slice(1).map((line) => line.split('\t')[0]), words.slice(0, 2000));

  // Centroids from the vectors file: the unit-length mean of each cluster's unit vectors.
  const unit = rows.slice(0, 2000).map((row) => {
    const norm = Math.hypot(...row);
    return row.map((v) => v / norm);
  });
  const centroids = Array.from({ length: 7 }, () => new Array(6).fill(0));
  unit.forEach((row, i) => row.forEach((v, d) => (centroids[assignment[i]][d] += v)));
  for (const centroid of centroids) {
    const norm = Math.hypot(...centroid);
    assert.ok(norm > 0, 'no cluster is empty');
    centroid.forEach((v, d) => (centroid[d] = v / norm));
  }
  const dot = (/** @type {number[]} */ a, /** @type {number[]} */ b) => a.reduce((sum, v, d) => sum + v * b[d], 0);
  unit.forEach((row, i) => {
    const own = dot(row, centroids[assignment[i]]);
    centroids.forEach((centroid, c) => assert.ok(own >= dot(row, centroid) - 1e-5, `${words[i]}: cluster ${assignment[i] + 1}, yet nearer centroid ${c + 1}`));
  });

  // The list: each cluster's size and its words nearest the centroid, best first.
  const items = await page.$$eval('#emb-map-clusters li', (list) => list.map((item) => item.textContent ?? ''));
  assert.equal(items.length, 7);
  items.forEach((text, c) => {
    const [, size, listed] = /^([\d,]+) words: (.*)$/.exec(text) ?? [];
    const members = assignment.map((a, i) => (a === c ? i : -1)).filter((i) => i >= 0);
    assert.equal(Number(size.replace(/,/g, '')), members.length);
    const best = members.map((i) => ({ i, s: dot(unit[i], centroids[c]) })).sort((a, b) => b.s - a.s || a.i - b.i);
    const shown = listed.split(', ');
    assert.equal(shown.length, Math.min(10, members.length));
    // Float rounding may swap near-ties: each listed word is within 1e-5 of the true rank's similarity.
    shown.forEach((word, rank) => assert.ok(dot(unit[Number(word.slice(1))], centroids[c]) >= best[rank].s - 1e-5, `${word} at rank ${rank + 1} of cluster ${c + 1}`));
  });
  // The cluster list, the legend and the k field pass axe.
  assert.deepEqual(await seriousViolations(page), []);
  // The hidden list of labelled words names their clusters.
  const labelled = await page.$$eval('#emb-map-words li', (list) => list.map((item) => item.textContent ?? ''));
  assert.ok(labelled.length > 10);
  for (const text of labelled) {
    const [, word, cluster] = /^(w\d+), cluster (\d+)$/.exec(text) ?? [];
    assert.equal(Number(cluster) - 1, assignment[Number(word.slice(1))], text);
  }

  // Similarity colouring: labels go first to the searched word's nearest words.
  await page.selectOption('#emb-map-colour', 'similarity');
  await page.fill('#emb-map-search', 'w10');
  await page.press('#emb-map-search', 'Enter');
  await page.waitForFunction(() => /more similar to “w10”/.test(document.querySelector('#emb-map-legend')?.textContent ?? ''));
  assert.ok(await page.isHidden('#emb-map-clusters'));
  assert.deepEqual(problems, []);
  await context.close();
});

test('UMAP reports progress and finishes; a 20,000-word run can be stopped', async () => {
  const { page, context, problems } = await openView();
  const { vec } = makeVectors(20_000, 8, 12, 5);
  await importVec(page, 'umap.vec', vec, 20_000, 8);
  await mapDrawn(page, 'pca:2000');
  await page.selectOption('#emb-map-size', '1000');
  await mapDrawn(page, 'pca:1000');
  /** Progress values seen, sampled in the page. */
  await page.evaluate(() => {
    const seen = /** @type {number[]} */ ([]);
    /** @type {any} */ (window).umapProgress = seen;
    const bar = /** @type {HTMLProgressElement} */ (document.querySelector('#emb-map-progress'));
    const sample = () => {
      if (!bar.hidden) seen.push(bar.value);
      if (seen.length < 5000) requestAnimationFrame(sample);
    };
    sample();
  });
  await page.check('#emb-map-method input[value=umap]');
  await mapDrawn(page, 'umap:1000');
  await page.waitForFunction(() => /^UMAP of the 1,000 most frequent words/.test(document.querySelector('#emb-map-status')?.textContent ?? ''), null, { timeout: 120_000 });
  const progress = await page.evaluate(() => /** @type {any} */ (window).umapProgress);
  assert.ok(new Set(progress).size >= 3, `progress moved: ${[...new Set(progress)].slice(0, 8).join(', ')}`);
  assert.ok(progress.every((/** @type {number} */ v, /** @type {number} */ i) => i === 0 || v >= progress[i - 1]), 'progress never goes back');

  // 20,000 words are allowed; Stop ends the run and the page answers.
  await page.selectOption('#emb-map-size', '20000');
  await page.waitForFunction(() => /nearest neighbours|UMAP layout/.test(document.querySelector('#emb-map-status')?.textContent ?? ''));
  assert.doesNotMatch(await page.textContent('#emb-map-status'), /at most/);
  await page.click('#emb-map-stop');
  await page.waitForFunction(() => /^Stopped/.test(document.querySelector('#emb-map-status')?.textContent ?? ''));
  assert.ok(await page.isHidden('#emb-map-stop'));
  await page.fill('#emb-nn-word', 'w5');
  await page.click('#emb-nn-form button[type=submit]');
  await page.waitForFunction(() => document.querySelectorAll('#emb-nn-list li').length === 10, null, { timeout: 60_000 });
  assert.deepEqual(problems, []);
  await context.close();
});

test('the TSV pair exports and imports back to the same words and vectors, chosen or dropped; bad pairs name the problem', async () => {
  const { page, context, problems } = await openView();
  const { words, rows, vec } = makeVectors(300, 5, 4, 2);
  const tricky = ['new york', '<b>bold</b>'];
  const namedWords = [...tricky, ...words.slice(2)];
  // .vec cannot hold a space in a word: the pair is made from the .vec words, and the tricky ones come in by TSV.
  await importVec(page, 'pair.vec', vec, 300, 5);
  const vectorsTsv = await downloaded(page, '#emb-export-vectors-tsv');
  const metadataTsv = await downloaded(page, '#emb-export-metadata-tsv');
  assert.equal(vectorsTsv.name, 'tokenlab-imported-vectors.tsv');
  assert.deepEqual(linesOf(metadataTsv.text), words);
  // Exact: each value reads back as the float the engine holds.
  const exported = linesOf(vectorsTsv.text).map((line) => line.split('\t').map((v) => Math.fround(Number(v))));
  assert.deepEqual(exported, rows.map((row) => row.map((v) => Math.fround(v))));

  // Import: the two files chosen together, in either order, words with spaces and markup as text.
  const metadata = `${namedWords.join('\n')}\n`;
  await page.setInputFiles('#emb-import', [textFile('pair-metadata.tsv', metadata), textFile('pair-vectors.tsv', vectorsTsv.text)]);
  await page.waitForFunction(() => /300 words × 5 dimensions from pair-vectors\.tsv \+ pair-metadata\.tsv/.test(document.querySelector('#emb-set-info')?.textContent ?? ''));
  const again = await downloaded(page, '#emb-export-vectors-tsv');
  assert.equal(again.text, vectorsTsv.text);
  assert.deepEqual(linesOf((await downloaded(page, '#emb-export-metadata-tsv')).text), namedWords);
  await page.fill('#emb-nn-word', 'new york');
  await page.click('#emb-nn-form button[type=submit]');
  await page.waitForFunction(() => document.querySelectorAll('#emb-nn-list li').length === 10);
  assert.equal(await page.locator('#emb-nn-list b').count(), 0);

  // Dropped on the vectors bar, the same files import the same way: the pair, then a .vec alone.
  await dropFiles(page, '.emb-bar', [textFile('dropped-vectors.tsv', vectorsTsv.text), textFile('dropped-metadata.tsv', metadata)]);
  await page.waitForFunction(() => /300 words × 5 dimensions from dropped-vectors\.tsv \+ dropped-metadata\.tsv/.test(document.querySelector('#emb-set-info')?.textContent ?? ''));
  assert.equal((await downloaded(page, '#emb-export-vectors-tsv')).text, vectorsTsv.text);
  assert.deepEqual(linesOf((await downloaded(page, '#emb-export-metadata-tsv')).text), namedWords);
  await dropFiles(page, '.emb-bar', [textFile('dropped.vec', vec)]);
  await page.waitForFunction(() => /300 words × 5 dimensions from dropped\.vec/.test(document.querySelector('#emb-set-info')?.textContent ?? ''));
  assert.deepEqual(linesOf((await downloaded(page, '#emb-export-metadata-tsv')).text), words);

  const cases = [
    [[textFile('a-vectors.tsv', '1\t2\n3\t4\n'), textFile('a-metadata.tsv', 'x\n')], /metadata\.tsv has 1 words but vectors\.tsv has 2 vectors/],
    [[textFile('b-vectors.tsv', '1\t2\n3\n'), textFile('b-metadata.tsv', 'x\ny\n')], /vectors\.tsv line 2: 1 values, but line 1 has 2/],
    [[textFile('c-vectors.tsv', '1\t2\n3\tfour\n'), textFile('c-metadata.tsv', 'x\ny\n')], /vectors\.tsv line 2: value 2 \("four"\) is not a finite number/],
    [[textFile('d-vectors.tsv', ''), textFile('d-metadata.tsv', 'x\n')], /vectors\.tsv is empty/],
    [[textFile('e-vectors.tsv', '1\t2\n')], /A TSV import takes two files chosen together/],
  ];
  for (const [files, message] of cases) {
    await page.evaluate(() => document.querySelector('#emb-error')?.setAttribute('hidden', ''));
    await page.setInputFiles('#emb-import', /** @type {any} */ (files));
    await page.waitForSelector('#emb-error:not([hidden])');
    assert.match(await page.textContent('#emb-error-text'), /** @type {RegExp} */ (message));
  }
  // A drop names the same problems.
  await page.evaluate(() => document.querySelector('#emb-error')?.setAttribute('hidden', ''));
  await dropFiles(page, '.emb-bar', [textFile('f-vectors.tsv', '1\t2\n'), textFile('f-metadata.tsv', 'x\ny\n')]);
  await page.waitForSelector('#emb-error:not([hidden])');
  assert.match(await page.textContent('#emb-error-text') ?? '', /metadata\.tsv has 2 words but vectors\.tsv has 1 vectors/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('on a phone the maps label without overlap, and the tour’s map names every word', async () => {
  const { page, context, problems } = await openView({ width: 390, height: 800 });
  const { vec } = makeVectors(60, 4, 3, 9);
  await importVec(page, 'phone.vec', vec, 60, 4);
  await page.selectOption('#emb-map-size', '500');
  const drawn = await mapDrawn(page, 'pca:60');
  const points = await downloaded(page, '#emb-map-export-vectors');
  const xy = linesOf(points.text).map((line) => line.split('\t').map(Number));
  checkLabels(drawn.labels, { x: xy.map((p) => p[0]), y: xy.map((p) => p[1]) }, drawn.view);
  assert.ok(drawn.labels.length > 10);
  assert.deepEqual(problems, []);
  await context.close();

  // The tour's step 1 ("kingkingdom" once): every word on its map labelled, no two labels overlapping.
  const tour = await site.open('#view=tour&step=1&word=pizza', { viewport: { width: 390, height: 800 } });
  const canvas = '.tour-step[data-step="1"] canvas.tour-emb-map';
  await tour.page.waitForFunction((canvas) => / pizza /.test(document.querySelector(canvas)?.getAttribute('data-drawn') ?? ''), canvas, { timeout: 60_000 });
  const map = await tour.page.$eval(canvas, (element) => {
    const data = /** @type {HTMLCanvasElement} */ (element).dataset;
    return { words: (data.drawn ?? '').split(' '), labels: /** @type {number[][]} */ (JSON.parse(data.labels ?? '[]')), view: JSON.parse(data.view ?? '{}') };
  });
  assert.ok(map.words.includes('king') && map.words.includes('kingdom'), map.words.join(' '));
  assert.deepEqual(map.labels.map(([i]) => i).sort((a, b) => a - b), map.words.map((_, i) => i));
  for (const [a, box] of map.labels.entries()) {
    assert.ok(box[1] >= -0.05 && box[2] >= -0.05 && box[3] <= map.view.width + 0.05 && box[4] <= map.view.height + 0.05, `${map.words[box[0]]} inside the map`);
    for (const other of map.labels.slice(a + 1)) {
      const overlap = Math.min(box[3], other[3]) - Math.max(box[1], other[1]) > 0.15 && Math.min(box[4], other[4]) - Math.max(box[2], other[2]) > 0.15;
      assert.ok(!overlap, `${map.words[box[0]]} and ${map.words[other[0]]} overlap`);
    }
  }
  assert.deepEqual(tour.problems, []);
  await tour.context.close();
});
