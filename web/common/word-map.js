// @ts-check
// The word map: tens of thousands of words as points on a <canvas>, with zoom
// (wheel, pinch, buttons, + and − keys), pan (drag, arrow keys), a label under
// the pointer, colours by group, and a highlighted word with lines to its
// neighbours.
//
//   const map = new WordMap(canvas, tip);
//   map.setPoints(x, y, words);          // fits them into view
//   map.setColours(clusterOfWord, ['#c33', '#36c']);  // point i in palette[clusterOfWord[i]]
//   map.highlight(12, [40, 7, 300]);     // word 12 and its neighbours, view moves to it
//
// Drawing is one pass per animation frame and only when something changed:
// the points stamped into pixels (map-points.js), then labels for as many
// words as fit without overlapping (map-labels.js), the highlighted word and
// its neighbours first, then by `labelOrder` (frequency unless a caller says
// otherwise), so zooming in reveals rarer words. The point under the pointer
// comes from a grid index (map-index.js). Labels are canvas text, never HTML.
//
// A drawing is complete when the frame for the current points, view and
// highlight is on the canvas and no transition is running: the canvas then
// carries data-drawn="<layout>" (the name setPoints was given), data-zoom
// (the view's scale over the fitted one) and data-scheme (the colour scheme
// its colours were read in), and `onSettled` hears how many
// points are in sight. Any change removes data-drawn until its frame is done,
// so a reader of the canvas waits for the attribute, never for a status text.
// With it come data-view (the view as JSON: cx, cy, scale, width, height,
// with screen x = (x − cx) · scale + width / 2 and y mirrored) and
// data-labels (the labels drawn, as JSON [point, left, top, right, bottom] in
// CSS pixels), and `onLabels` hears the labelled points, for a text
// alternative.

import { PointGrid } from './map-index.js';
import { listenToMap } from './map-input.js';
import { LabelPlacer } from './map-labels.js';
import { PointLayer } from './map-points.js';

const kPointRadius = 2.2;
const kHoverRadius = 10;
const kMaxLabels = 220;
const kLabelHeight = 15;
// Labels offered in sight per frame at most: past a few thousand tries in a
// crowded view the rarer words rarely find room, and trying all 50,000 would
// cost more than drawing the points.
const kMaxLabelTries = 4000;

/**
 * @typedef {object} MapColors
 * @property {string} point @property {string} text @property {string} halo
 * @property {string} accent @property {string} muted
 */

export class WordMap {
  /**
   * @param {HTMLCanvasElement} canvas
   * @param {HTMLElement} tip the hover label (its text is set with textContent)
   */
  constructor(canvas, tip) {
    this.canvas = canvas;
    this.tip = tip;
    this.context = /** @type {CanvasRenderingContext2D} */ (canvas.getContext('2d'));
    /** @type {Float32Array} */
    this.x = new Float32Array(0);
    /** @type {Float32Array} */
    this.y = new Float32Array(0);
    /** @type {string[]} */
    this.labels = [];
    /** view: the data point at the canvas centre, and pixels per data unit */
    this.view = { cx: 0, cy: 0, scale: 1 };
    this.fitted = { cx: 0, cy: 0, scale: 1 };
    this.width = 0;
    this.height = 0;
    this.hovered = -1;
    this.selected = -1;
    /** @type {number[]} */
    this.neighbours = [];
    this.frame = 0;
    /** @type {{from: {cx: number, cy: number, scale: number}, to: {cx: number, cy: number, scale: number}, start: number} | null} */
    this.animation = null;
    /** @type {Map<string, number>} */
    this.labelWidths = new Map();
    /** The colour scheme the colours were read in. */
    this.scheme = 'light';
    this.colors = this.readColors();
    /** @type {((index: number) => void) | null} called with a point clicked */
    this.onPick = null;
    /** Label every point even where labels overlap (for maps of a few words). */
    this.labelAll = false;
    /** Pixels kept free right of the points when fitting, so the rightmost labels show. */
    this.labelRoom = 0;
    /** The hover label of a point; points come in frequency order unless a caller says otherwise. */
    this.tipText = (/** @type {number} */ index) => `${this.labels[index]} · #${(index + 1).toLocaleString('en-US')} by frequency`;
    /** The name of the points shown, written to data-drawn once they are drawn. */
    this.layout = '';
    /** @type {((sight: {inSight: number, total: number, zoom: number}) => void) | null} called after each complete drawing */
    this.onSettled = null;
    /** @type {((labelled: number[]) => void) | null} called with the labelled points after each complete drawing */
    this.onLabels = null;
    /** @type {Int32Array | null} the order labels are offered in after the highlighted ones; null: index order */
    this.labelOrder = null;
    /** @type {ArrayLike<number> | null} a palette index per point; null: one colour */
    this.colourIndex = null;
    /** @type {string[]} */
    this.palette = [];
    /** @type {{index: number, box: import('./map-labels.js').Box}[]} the labels of the last frame */
    this.placed = [];
    this.points = new PointLayer();
    /** The last full drawing, without the hover ring. */
    this.base = document.createElement('canvas');
    this.baseValid = false;
    this.hoverOnly = false;
    this.grid = new PointGrid(this.x, this.y);

    new ResizeObserver(() => this.resize()).observe(canvas);
    matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => {
      this.colors = this.readColors();
      this.redraw();
    });
    listenToMap(this);
  }

  readColors() {
    this.scheme = matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
    const style = getComputedStyle(this.canvas);
    const color = (/** @type {string} */ name) => style.getPropertyValue(name).trim();
    return { point: color('--muted'), text: color('--text'), halo: color('--surface'), accent: color('--accent'), muted: color('--border') };
  }

  resize() {
    const rect = this.canvas.getBoundingClientRect();
    const ratio = devicePixelRatio || 1;
    this.width = rect.width;
    this.height = rect.height;
    this.canvas.width = Math.max(1, Math.round(rect.width * ratio));
    this.canvas.height = Math.max(1, Math.round(rect.height * ratio));
    const wasFitted = this.isFitted();
    this.fitted = this.fit();
    if (wasFitted) this.view = { ...this.fitted };
    this.redraw();
  }

  isFitted() {
    return this.view.cx === this.fitted.cx && this.view.cy === this.fitted.cy && this.view.scale === this.fitted.scale;
  }

  /**
   * New points. The view is fitted to them, and a transition still running
   * is dropped: its coordinates belong to the points before. keepView is for
   * the same layout refined (UMAP's epochs), where a zoom or pan the reader
   * made meanwhile still means something.
   * @param {Float32Array} x @param {Float32Array} y @param {string[]} labels
   * @param {{keepView?: boolean, layout?: string}} [options] layout: the name data-drawn takes once drawn
   */
  setPoints(x, y, labels, options = {}) {
    const keep = options.keepView && !this.isFitted();
    this.x = x;
    this.y = y;
    this.labels = labels;
    this.layout = options.layout ?? 'points';
    this.grid = new PointGrid(x, y);
    if (this.colourIndex && this.colourIndex.length !== x.length) this.colourIndex = null;
    if (this.labelOrder && this.labelOrder.length !== x.length) this.labelOrder = null;
    this.fitted = this.fit();
    if (!keep) {
      this.animation = null;
      this.view = { ...this.fitted };
    }
    if (this.hovered >= x.length) this.hovered = -1;
    this.redraw();
  }

  /**
   * Colours the points: point i in palette[index[i]] (an index outside the
   * palette, or index null, is the plain point colour).
   * @param {ArrayLike<number> | null} index @param {string[]} palette
   */
  setColours(index, palette) {
    this.colourIndex = index && index.length === this.x.length ? index : null;
    this.palette = palette;
    this.redraw();
  }

  /** @param {Int32Array | null} order points in the order their labels are offered; null: index order */
  setLabelOrder(order) {
    this.labelOrder = order && order.length === this.x.length ? order : null;
    this.redraw();
  }

  /**
   * The view that shows the points, with a margin. A few far-out words would
   * shrink everything else to a corner, so the view spans the middle 99% of
   * each axis (zooming out shows the rest).
   */
  fit() {
    const count = this.x.length;
    if (count === 0 || this.width === 0) return { cx: 0, cy: 0, scale: 1 };
    const range = (/** @type {Float32Array} */ values) => {
      const sorted = Float32Array.from(values).sort();
      const cut = Math.floor(count * 0.005);
      return [sorted[cut], sorted[count - 1 - cut]];
    };
    const [minX, maxX] = range(this.x);
    const [minY, maxY] = range(this.y);
    const spanX = Math.max(maxX - minX, 1e-9);
    const spanY = Math.max(maxY - minY, 1e-9);
    const room = Math.min(this.labelRoom, this.width / 3);
    const scale = Math.max(Math.min((this.width - 40 - room) / spanX, (this.height - 40) / spanY), 1e-9);
    return { cx: (minX + maxX) / 2 + room / 2 / scale, cy: (minY + maxY) / 2, scale };
  }

  /** @param {number} i */
  screenX(i) {
    return (this.x[i] - this.view.cx) * this.view.scale + this.width / 2;
  }

  /** @param {number} i */
  screenY(i) {
    return -(this.y[i] - this.view.cy) * this.view.scale + this.height / 2;
  }

  /**
   * Highlights a point and its neighbours and moves the view to them; -1 clears.
   * @param {number} index @param {number[]} neighbours indexes of points
   * @param {{move?: boolean}} [options] move: false leaves the view where it is
   */
  highlight(index, neighbours, options = {}) {
    this.selected = index;
    this.neighbours = neighbours;
    if (index >= 0 && options.move !== false) {
      // Zoom so the word and its neighbours on the map fill about half the view.
      const group = [index, ...neighbours];
      let spread = 0;
      for (const i of group) spread = Math.max(spread, Math.abs(this.x[i] - this.x[index]), Math.abs(this.y[i] - this.y[index]));
      const wanted = Math.min(this.width, this.height) / 4 / Math.max(spread, 1e-9);
      const scale = Math.max(this.fitted.scale, Math.min(wanted, this.fitted.scale * 12));
      this.animateTo({ cx: this.x[index], cy: this.y[index], scale });
    } else {
      this.redraw();
    }
  }

  /** @param {number} factor @param {number} [atX] screen point that stays put @param {number} [atY] */
  zoomBy(factor, atX = this.width / 2, atY = this.height / 2) {
    const scale = Math.min(Math.max(this.view.scale * factor, this.fitted.scale / 4), this.fitted.scale * 400);
    const dataX = (atX - this.width / 2) / this.view.scale + this.view.cx;
    const dataY = -(atY - this.height / 2) / this.view.scale + this.view.cy;
    this.animation = null;
    this.view = { cx: dataX - (atX - this.width / 2) / scale, cy: dataY + (atY - this.height / 2) / scale, scale };
    this.redraw();
  }

  /** @param {number} dx @param {number} dy screen pixels */
  panBy(dx, dy) {
    this.animation = null;
    this.view = { ...this.view, cx: this.view.cx - dx / this.view.scale, cy: this.view.cy + dy / this.view.scale };
    this.redraw();
  }

  resetView() {
    this.animateTo({ ...this.fitted });
  }

  /** @param {{cx: number, cy: number, scale: number}} target */
  animateTo(target) {
    const reduced = matchMedia('(prefers-reduced-motion: reduce)').matches;
    if (reduced) {
      this.view = target;
      this.animation = null;
    } else {
      this.animation = { from: { ...this.view }, to: target, start: performance.now() };
    }
    this.redraw();
  }

  /**
   * Asks for a frame. hoverOnly: only the hover ring changed, so the frame
   * copies the last full drawing back and draws the ring over it (a full
   * frame of 50,000 points and their labels costs several times as much).
   * @param {boolean} [hoverOnly]
   */
  redraw(hoverOnly = false) {
    delete this.canvas.dataset.drawn;
    if (!this.frame) {
      this.hoverOnly = hoverOnly;
      this.frame = requestAnimationFrame((time) => this.draw(time));
    } else if (!hoverOnly) {
      this.hoverOnly = false;
    }
  }

  /** How many points lie inside the canvas in the current view. */
  pointsInSight() {
    let inSight = 0;
    for (let i = 0; i < this.x.length; i++) {
      const sx = this.screenX(i);
      const sy = this.screenY(i);
      if (sx >= 0 && sy >= 0 && sx <= this.width && sy <= this.height) inSight++;
    }
    return inSight;
  }

  /** Marks the drawing complete once no transition is left to run. */
  settle() {
    if (this.animation || this.frame) return;
    const zoom = this.view.scale / this.fitted.scale;
    this.canvas.dataset.zoom = zoom.toFixed(3);
    this.canvas.dataset.scheme = this.scheme;
    const round = (/** @type {number} */ v) => Math.round(v * 10) / 10;
    this.canvas.dataset.view = JSON.stringify({ ...this.view, width: this.width, height: this.height });
    this.canvas.dataset.labels = JSON.stringify(this.placed.map(({ index, box }) => [index, round(box.left), round(box.top), round(box.right), round(box.bottom)]));
    this.canvas.dataset.drawn = this.layout;
    this.onLabels?.(this.placed.map(({ index }) => index));
    this.onSettled?.({ inSight: this.pointsInSight(), total: this.x.length, zoom });
  }

  /** @param {number} time */
  draw(time) {
    this.frame = 0;
    if (this.animation) {
      const t = Math.min(1, (time - this.animation.start) / 350);
      const ease = 1 - (1 - t) ** 3;
      const { from, to } = this.animation;
      // Zoom moves geometrically, so the speed looks even at every scale.
      this.view = {
        cx: from.cx + (to.cx - from.cx) * ease,
        cy: from.cy + (to.cy - from.cy) * ease,
        scale: from.scale * (to.scale / from.scale) ** ease,
      };
      if (t < 1) this.redraw();
      else this.animation = null;
    }
    const ctx = this.context;
    const ratio = this.canvas.width / Math.max(this.width, 1);
    const base = this.base;
    const reuse = this.hoverOnly && !this.animation && base.width === this.canvas.width && base.height === this.canvas.height && this.baseValid;
    this.hoverOnly = false;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, this.canvas.width, this.canvas.height);
    if (reuse) {
      ctx.drawImage(base, 0, 0);
    } else {
      ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
      const count = this.x.length;
      if (count > 0) this.drawPoints(count);
      // The drawing without the hover ring, for frames where only the ring moves.
      base.width = this.canvas.width;
      base.height = this.canvas.height;
      base.getContext('2d')?.drawImage(this.canvas, 0, 0);
      this.baseValid = true;
    }
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    this.drawHover();
    this.settle();
  }

  /** @param {number} count */
  drawPoints(count) {
    const ctx = this.context;
    const { colors } = this;
    const index = this.colourIndex;
    this.points.draw(ctx, {
      count,
      screenX: (i) => this.screenX(i),
      screenY: (i) => this.screenY(i),
      colourOf: index ? (i) => index[i] : null,
      palette: this.palette,
      fallback: colors.point,
      radius: kPointRadius,
      ratio: this.canvas.width / Math.max(this.width, 1),
    });

    const emphasised = new Set(this.selected >= 0 ? [this.selected, ...this.neighbours] : []);
    if (this.selected >= 0) {
      ctx.strokeStyle = colors.accent;
      ctx.globalAlpha = 0.45;
      ctx.lineWidth = 1;
      ctx.beginPath();
      for (const i of this.neighbours) {
        ctx.moveTo(this.screenX(this.selected), this.screenY(this.selected));
        ctx.lineTo(this.screenX(i), this.screenY(i));
      }
      ctx.stroke();
      ctx.globalAlpha = 1;
      ctx.fillStyle = colors.accent;
      for (const i of emphasised) {
        ctx.beginPath();
        ctx.arc(this.screenX(i), this.screenY(i), i === this.selected ? 6 : 4, 0, Math.PI * 2);
        ctx.fill();
      }
    }
    this.drawLabels(emphasised);
  }

  /** The ring around the point under the pointer. */
  drawHover() {
    if (this.hovered < 0) return;
    const ctx = this.context;
    ctx.strokeStyle = this.colors.text;
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    ctx.arc(this.screenX(this.hovered), this.screenY(this.hovered), 6, 0, Math.PI * 2);
    ctx.stroke();
  }

  /**
   * Labels without overlap, greedily: the selected word, its neighbours, then
   * the rest in label order, each where map-labels.js finds room.
   * @param {Set<number>} emphasised offered first, in bold
   */
  drawLabels(emphasised) {
    const ctx = this.context;
    const { colors } = this;
    const placer = new LabelPlacer(this.width, this.height);
    ctx.textBaseline = 'middle';
    ctx.lineJoin = 'round';
    this.placed = [];
    const limit = this.labelAll ? Infinity : kMaxLabels;
    let tries = 0;
    /** @param {number} i @param {boolean} bold */
    const place = (i, bold) => {
      const sx = this.screenX(i);
      const sy = this.screenY(i);
      if (sx < 0 || sy < 0 || sx > this.width || sy > this.height) return;
      tries++;
      const label = this.labels[i] ?? '';
      const box = placer.place(sx, sy, this.measure(label, bold), kLabelHeight, this.labelAll);
      if (!box) return;
      this.placed.push({ index: i, box });
      if (sy < box.top - kLabelHeight / 2 || sy > box.bottom + kLabelHeight / 2) {
        // A box away from its point (labelAll's far spots): a line joins them.
        ctx.strokeStyle = colors.muted;
        ctx.lineWidth = 1;
        ctx.beginPath();
        ctx.moveTo(sx, sy);
        ctx.lineTo(box.left < sx ? box.right : box.left, (box.top + box.bottom) / 2);
        ctx.stroke();
      }
      const left = box.left + 1;
      const middle = (box.top + box.bottom) / 2;
      ctx.font = bold ? '600 13px system-ui, sans-serif' : '12px system-ui, sans-serif';
      ctx.strokeStyle = colors.halo;
      ctx.lineWidth = 3;
      ctx.strokeText(label, left, middle);
      ctx.fillStyle = bold && i === this.selected ? colors.accent : colors.text;
      ctx.fillText(label, left, middle);
    };
    for (const i of emphasised) place(i, true);
    const order = this.labelOrder;
    const maxTries = this.labelAll ? Infinity : kMaxLabelTries;
    for (let k = 0; k < this.x.length && this.placed.length < limit && tries < maxTries; k++) {
      const i = order ? order[k] : k;
      if (!emphasised.has(i)) place(i, false);
    }
  }

  /** @param {string} label @param {boolean} bold */
  measure(label, bold) {
    const key = (bold ? 'b' : 'n') + label;
    let width = this.labelWidths.get(key);
    if (width === undefined) {
      this.context.font = bold ? '600 13px system-ui, sans-serif' : '12px system-ui, sans-serif';
      width = this.context.measureText(label).width;
      this.labelWidths.set(key, width);
    }
    return width;
  }

  /** The point nearest to a screen position within kHoverRadius, or -1. @param {number} sx @param {number} sy */
  pointAt(sx, sy) {
    const dataX = (sx - this.width / 2) / this.view.scale + this.view.cx;
    const dataY = -(sy - this.height / 2) / this.view.scale + this.view.cy;
    return this.grid.nearest(dataX, dataY, kHoverRadius / this.view.scale);
  }

  /** @param {number} index @param {number} sx @param {number} sy */
  showTip(index, sx, sy) {
    if (index !== this.hovered) {
      this.hovered = index;
      this.redraw(true);
    }
    if (index < 0) {
      this.tip.hidden = true;
      return;
    }
    this.tip.textContent = this.tipText(index);
    this.tip.hidden = false;
    const left = Math.min(sx + 14, this.width - this.tip.offsetWidth - 4);
    this.tip.style.transform = `translate(${Math.max(0, left)}px, ${Math.max(0, sy - 30)}px)`;
  }
}
