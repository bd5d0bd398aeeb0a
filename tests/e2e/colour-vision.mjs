// Colour maths for checking the page's palettes: WCAG contrast, CIELAB and
// CIEDE2000 colour differences, and how a colour looks with a colour-vision
// deficiency (the Machado, Oliveira and Fernandes 2009 model at severity 1).
//
//   contrastRatio([0, 0, 0], [255, 255, 255])              → 21
//   deltaE2000(lab([255, 0, 0]), lab([255, 0, 0]))          → 0
//   simulate([255, 0, 0], 'deuteranopia')                   → a dark olive, about [137, 112, 0]
//
// Colours are [r, g, b] in 0..255 sRGB. The deficiency matrices act on linear
// RGB, so a colour is linearised first and encoded again after; results
// outside the gamut are clipped, as a screen would.

/** @typedef {[number, number, number]} Rgb */
/** @typedef {'protanopia' | 'deuteranopia' | 'tritanopia'} Deficiency */

/** Machado et al. 2009, table of simulation matrices, severity 1.0. */
const kDeficiencyMatrices = {
  protanopia: [
    [0.152286, 1.052583, -0.204868],
    [0.114503, 0.786281, 0.099216],
    [-0.003882, -0.048116, 1.051998],
  ],
  deuteranopia: [
    [0.367322, 0.860646, -0.227968],
    [0.280085, 0.672501, 0.047413],
    [-0.01182, 0.04294, 0.968881],
  ],
  tritanopia: [
    [1.255528, -0.076749, -0.178779],
    [-0.078411, 0.930809, 0.147602],
    [0.004733, 0.691367, 0.3039],
  ],
};

/** @type {Deficiency[]} */
export const deficiencies = ['protanopia', 'deuteranopia', 'tritanopia'];

/**
 * Parses what getComputedStyle gives: "rgb(1, 2, 3)", "rgba(1, 2, 3, 0.5)" or "rgb(1 2 3)".
 * @param {string} css
 * @returns {Rgb}
 */
export function parseRgb(css) {
  const match = /^rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)/.exec(css.trim());
  if (!match) throw new Error(`not an rgb() colour: ${css}`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

/** @param {number} channel 0..255 @returns {number} 0..1 linear */
function toLinear(channel) {
  const c = channel / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** @param {number} linear 0..1 @returns {number} 0..255 */
function fromLinear(linear) {
  const c = Math.min(1, Math.max(0, linear));
  return 255 * (c <= 0.0031308 ? 12.92 * c : 1.055 * c ** (1 / 2.4) - 0.055);
}

/** WCAG 2 relative luminance. @param {Rgb} rgb */
export function luminance(rgb) {
  const [r, g, b] = rgb.map(toLinear);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2 contrast ratio, 1..21, whichever colour is lighter. @param {Rgb} a @param {Rgb} b */
export function contrastRatio(a, b) {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
}

/**
 * The colour as seen with a deficiency (full severity).
 * @param {Rgb} rgb
 * @param {Deficiency} deficiency
 * @returns {Rgb}
 */
export function simulate(rgb, deficiency) {
  const linear = rgb.map(toLinear);
  const matrix = kDeficiencyMatrices[deficiency];
  return /** @type {Rgb} */ (matrix.map((row) => fromLinear(row[0] * linear[0] + row[1] * linear[1] + row[2] * linear[2])));
}

/**
 * CIELAB (D65 white) of an sRGB colour.
 * @param {Rgb} rgb
 * @returns {[number, number, number]} [L, a, b]
 */
export function lab(rgb) {
  const [r, g, b] = rgb.map(toLinear);
  // sRGB → XYZ, each scaled by the D65 white point so white is (1, 1, 1).
  const x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047;
  const y = 0.2126729 * r + 0.7151522 * g + 0.072175 * b;
  const z = (0.0193339 * r + 0.119192 * g + 0.9503041 * b) / 1.08883;
  const f = (/** @type {number} */ t) => (t > 216 / 24389 ? Math.cbrt(t) : (24389 / 27 * t + 16) / 116);
  return [116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))];
}

/**
 * CIEDE2000 colour difference (Sharma, Wu and Dalal 2005), kL = kC = kH = 1.
 * About 2 is a just noticeable difference; 10 and more reads as another colour.
 * @param {[number, number, number]} lab1
 * @param {[number, number, number]} lab2
 */
export function deltaE2000([l1, a1, b1], [l2, a2, b2]) {
  const rad = Math.PI / 180;
  const meanC = (Math.hypot(a1, b1) + Math.hypot(a2, b2)) / 2;
  const g = 0.5 * (1 - Math.sqrt(meanC ** 7 / (meanC ** 7 + 25 ** 7)));
  const a1p = (1 + g) * a1;
  const a2p = (1 + g) * a2;
  const c1p = Math.hypot(a1p, b1);
  const c2p = Math.hypot(a2p, b2);
  const hue = (/** @type {number} */ a, /** @type {number} */ b) => (a === 0 && b === 0 ? 0 : (Math.atan2(b, a) / rad + 360) % 360);
  const h1p = hue(a1p, b1);
  const h2p = hue(a2p, b2);

  const dL = l2 - l1;
  const dC = c2p - c1p;
  // Hue difference the short way round the circle; none when either colour is grey.
  let dh = 0;
  if (c1p * c2p !== 0) {
    dh = h2p - h1p;
    if (dh > 180) dh -= 360;
    else if (dh < -180) dh += 360;
  }
  const dH = 2 * Math.sqrt(c1p * c2p) * Math.sin((dh / 2) * rad);

  const meanL = (l1 + l2) / 2;
  const meanCp = (c1p + c2p) / 2;
  // Mean hue, again the short way round; the sum when either colour is grey.
  let meanH = h1p + h2p;
  if (c1p * c2p !== 0) {
    if (Math.abs(h1p - h2p) <= 180) meanH /= 2;
    else meanH = h1p + h2p < 360 ? (meanH + 360) / 2 : (meanH - 360) / 2;
  }
  const t = 1 - 0.17 * Math.cos((meanH - 30) * rad) + 0.24 * Math.cos(2 * meanH * rad) + 0.32 * Math.cos((3 * meanH + 6) * rad) - 0.2 * Math.cos((4 * meanH - 63) * rad);
  const sL = 1 + (0.015 * (meanL - 50) ** 2) / Math.sqrt(20 + (meanL - 50) ** 2);
  const sC = 1 + 0.045 * meanCp;
  const sH = 1 + 0.015 * meanCp * t;
  const rotation = 30 * Math.exp(-(((meanH - 275) / 25) ** 2));
  const rC = 2 * Math.sqrt(meanCp ** 7 / (meanCp ** 7 + 25 ** 7));
  const rT = -Math.sin(2 * rotation * rad) * rC;
  return Math.sqrt((dL / sL) ** 2 + (dC / sC) ** 2 + (dH / sH) ** 2 + rT * (dC / sC) * (dH / sH));
}

/**
 * CIEDE2000 difference of two sRGB colours as seen normally or with a deficiency.
 * @param {Rgb} a
 * @param {Rgb} b
 * @param {Deficiency | 'normal'} vision
 */
export function seenDifference(a, b, vision = 'normal') {
  const see = (/** @type {Rgb} */ rgb) => (vision === 'normal' ? rgb : simulate(rgb, vision));
  return deltaE2000(lab(see(a)), lab(see(b)));
}
