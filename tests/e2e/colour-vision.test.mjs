// The colour maths the palette checks rely on, against published values:
// Sharma, Wu and Dalal's CIEDE2000 test pairs, WCAG contrast of known greys,
// and what the Machado 2009 deficiency model must do (greys stay grey; red and
// green move together for protanopes and deuteranopes, blue and green for tritanopes).
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { contrastRatio, deltaE2000, lab, parseRgb, seenDifference, simulate } from './colour-vision.mjs';

test('CIEDE2000 matches Sharma, Wu and Dalal’s test pairs to four decimals', () => {
  const pairs = [
    [[50, 2.6772, -79.7751], [50, 0, -82.7485], 2.0425],
    [[50, 0, 0], [50, -1, 2], 2.3669],
    [[50, 2.49, -0.001], [50, -2.49, 0.0009], 7.1792],
    [[50, 2.49, -0.001], [50, -2.49, 0.0011], 7.2195],
    [[50, -0.001, 2.49], [50, 0.0009, -2.49], 4.8045],
    [[50, 2.5, 0], [73, 25, -18], 27.1492],
    [[60.2574, -34.0099, 36.2677], [60.4626, -34.1751, 39.4387], 1.2644],
    [[2.0776, 0.0795, -1.135], [0.9033, -0.0636, -0.5514], 0.9082],
  ];
  for (const [first, second, expected] of pairs) {
    assert.equal(deltaE2000(first, second).toFixed(4), expected.toFixed(4), `${first} vs ${second}`);
    assert.equal(deltaE2000(second, first).toFixed(4), expected.toFixed(4), 'symmetric');
  }
});

test('CIELAB of white, black and sRGB red', () => {
  const close = (actual, expected) => actual.forEach((value, i) => assert.ok(Math.abs(value - expected[i]) < 0.05, `${actual} vs ${expected}`));
  close(lab([255, 255, 255]), [100, 0, 0]);
  close(lab([0, 0, 0]), [0, 0, 0]);
  close(lab([255, 0, 0]), [53.24, 80.09, 67.2]);
});

test('WCAG contrast: 21 for black on white, 4.48 for #777 on white, the same either way round', () => {
  assert.equal(contrastRatio([0, 0, 0], [255, 255, 255]), 21);
  assert.equal(contrastRatio([0x77, 0x77, 0x77], [255, 255, 255]).toFixed(2), '4.48');
  assert.equal(contrastRatio([255, 255, 255], [0x77, 0x77, 0x77]).toFixed(2), '4.48');
  assert.deepEqual(parseRgb('rgb(29, 30, 34)'), [29, 30, 34]);
  assert.deepEqual(parseRgb('rgba(1, 2, 3, 0.5)'), [1, 2, 3]);
});

test('simulated deficiencies keep greys grey and merge the colours each one confuses', () => {
  for (const deficiency of /** @type {const} */ (['protanopia', 'deuteranopia', 'tritanopia'])) {
    for (const grey of [0, 90, 180, 255]) {
      for (const channel of simulate([grey, grey, grey], deficiency)) assert.ok(Math.abs(channel - grey) < 1.5, `${deficiency} of grey ${grey}`);
    }
  }
  const red = [213, 94, 0];
  const green = [0, 158, 115];
  assert.ok(seenDifference(red, green) > 40, 'plainly different with normal vision');
  assert.ok(seenDifference(red, green, 'deuteranopia') < seenDifference(red, green) / 2);
  assert.ok(seenDifference(red, green, 'protanopia') < seenDifference(red, green) / 2);
  const blue = [86, 180, 233];
  const teal = [0, 200, 170];
  assert.ok(seenDifference(blue, teal, 'tritanopia') < seenDifference(blue, teal) / 2, 'tritanopes confuse blue and green');
});
