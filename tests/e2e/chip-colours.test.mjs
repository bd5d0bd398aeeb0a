// Token chips stay readable and tell neighbours apart for every reader: the
// colours are read from the page itself (getComputedStyle), in the light and
// the dark scheme, and checked with colour-vision.mjs's maths: text on each
// chip has WCAG contrast 4.5:1 or more, and every pair of neighbouring chips
// stays at least kMinNeighbourDifference CIEDE2000 apart with normal vision
// and with simulated protanopia, deuteranopia and tritanopia (Machado 2009).
// Neighbours also have a visible border, so edges never rest on colour alone.
//
// Needs web/dist/ (build-scripts/test makes it).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { contrastRatio, deficiencies, lab, parseRgb, seenDifference } from './colour-vision.mjs';
import { openSite } from './harness.mjs';

/** CIEDE2000 of about 10 reads as another colour at a glance; 2 is barely noticeable. */
const kMinNeighbourDifference = 10;
const kMinTextContrast = 4.5;
const text = 'Every chip differs from the one beside it, for every reader of this sentence and its tokens.';

/** @type {Awaited<ReturnType<typeof openSite>>} */
let site;
before(async () => {
  site = await openSite();
});
after(() => site?.close());

for (const colorScheme of /** @type {const} */ (['light', 'dark'])) {
  test(`chips in the ${colorScheme} scheme: text contrast 4.5:1 or more, neighbours apart under every kind of colour vision`, async () => {
    const { page, context, problems } = await site.open(`#t=cl100k_base&text=${encodeURIComponent(text)}`, { colorScheme });
    await page.waitForFunction(() => document.querySelectorAll('#chip-list > .chip').length >= 12);
    const chips = await page.$$eval('#chip-list > .chip', (elements) =>
      elements.map((element) => {
        const style = getComputedStyle(element);
        return { className: element.className, background: style.backgroundColor, color: style.color, border: style.borderTopStyle, borderWidth: parseFloat(style.borderTopWidth) };
      }),
    );
    /** @type {Map<string, {background: string, color: string}>} */
    const palette = new Map();
    for (const chip of chips) palette.set(/\bc\d\b/.exec(chip.className)?.[0] ?? chip.className, chip);
    assert.ok(palette.size >= 5, `${palette.size} chip colours in use`);

    const rows = [];
    for (const [name, chip] of palette) {
      const contrast = contrastRatio(parseRgb(chip.color), parseRgb(chip.background));
      rows.push({ chip: name, background: chip.background, 'L*': lab(parseRgb(chip.background))[0].toFixed(1), 'text contrast': contrast.toFixed(2) });
      assert.ok(contrast >= kMinTextContrast, `${name}: text ${chip.color} on ${chip.background} has contrast ${contrast.toFixed(2)}`);
    }
    console.log(`chip colours, ${colorScheme} scheme`);
    console.table(rows);

    // Every neighbouring pair on the page, so the cycle's wrap-around is checked too.
    /** @type {Record<string, number>} */
    const worst = { normal: Infinity };
    for (const deficiency of deficiencies) worst[deficiency] = Infinity;
    for (let i = 1; i < chips.length; i++) {
      const [left, right] = [parseRgb(chips[i - 1].background), parseRgb(chips[i].background)];
      for (const vision of Object.keys(worst)) {
        const difference = seenDifference(left, right, /** @type {any} */ (vision));
        worst[vision] = Math.min(worst[vision], difference);
        assert.ok(difference >= kMinNeighbourDifference, `${chips[i - 1].className} next to ${chips[i].className}: ΔE00 ${difference.toFixed(1)} with ${vision} vision`);
      }
    }
    console.log(`least CIEDE2000 between neighbouring chips, ${colorScheme} scheme:`, Object.fromEntries(Object.entries(worst).map(([vision, value]) => [vision, +value.toFixed(1)])));
    for (const chip of chips) assert.ok(chip.border !== 'none' && chip.borderWidth >= 1, `${chip.className} has a border`);
    assert.deepEqual(problems, []);
    await context.close();
  });
}
