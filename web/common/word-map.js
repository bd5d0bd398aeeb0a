// @ts-check
// The word map: thousands of words as points on a <canvas>, with zoom (wheel,
// buttons, + and − keys), pan (drag, arrow keys), a label under the pointer,
// and a highlighted word with lines to its neighbours.
//
//   const map = new WordMap(canvas, tip);
//   map.setPoints(x, y, words);          // fits them into view
//   map.highlight(12, [40, 7, 300]);     // word 12 and its neighbours, view moves to it
//
// Drawing is one pass per animation frame and only when something changed:
// all points in one path, then labels for as many words as fit without
// overlapping, most frequent first (points come in frequency order), so
// zooming in reveals rarer words. Labels are canvas text, never HTML.
//
// A drawing is complete when the frame for the current points, view and
// highlight is on the canvas and no transition is running: the canvas then
// carries data-drawn="<layout>" (the name setPoints was given), data-zoom
// (the view's scale over the fitted one) and data-scheme (the colour scheme
// its colours were read in), and `onSettled` hears how many
// points are in sight. Any change removes data-drawn until its frame is done,
// so a reader of the canvas waits for the attribute, never for a status text.

const kPointRadius = 2.2;
const kHoverRadius = 10;
const kMaxLabels = 220;
const kLabelCell = 6;

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

    new ResizeObserver(() => this.resize()).observe(canvas);
    matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => {
      this.colors = this.readColors();
      this.redraw();
    });
    this.listen();
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
    this.fitted = this.fit();
    if (!keep) {
      this.animation = null;
      this.view = { ...this.fitted };
    }
    if (this.hovered >= x.length) this.hovered = -1;
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

  redraw() {
    delete this.canvas.dataset.drawn;
    if (!this.frame) this.frame = requestAnimationFrame((time) => this.draw(time));
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
    this.canvas.dataset.drawn = this.layout;
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
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, this.width, this.height);
    const count = this.x.length;
    if (count > 0) this.drawPoints(count);
    this.settle();
  }

  /** @param {number} count */
  drawPoints(count) {
    const ctx = this.context;
    const { colors } = this;

    ctx.globalAlpha = 0.5;
    ctx.fillStyle = colors.point;
    ctx.beginPath();
    for (let i = 0; i < count; i++) {
      const sx = this.screenX(i);
      const sy = this.screenY(i);
      if (sx < -5 || sy < -5 || sx > this.width + 5 || sy > this.height + 5) continue;
      ctx.moveTo(sx + kPointRadius, sy);
      ctx.arc(sx, sy, kPointRadius, 0, Math.PI * 2);
    }
    ctx.fill();
    ctx.globalAlpha = 1;

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
    if (this.hovered >= 0) {
      ctx.strokeStyle = colors.text;
      ctx.lineWidth = 1.5;
      ctx.beginPath();
      ctx.arc(this.screenX(this.hovered), this.screenY(this.hovered), 6, 0, Math.PI * 2);
      ctx.stroke();
    }
    this.drawLabels(emphasised);
  }

  /** @param {Set<number>} emphasised drawn first and always */
  drawLabels(emphasised) {
    const ctx = this.context;
    const { colors } = this;
    const columns = Math.ceil(this.width / kLabelCell);
    const rows = Math.ceil(this.height / kLabelCell);
    const taken = new Uint8Array(columns * rows);
    ctx.textBaseline = 'middle';
    ctx.lineJoin = 'round';
    let drawn = 0;
    /** @param {number} i @param {boolean} force drawn even over other labels @param {boolean} [bold] */
    const place = (i, force, bold = force) => {
      const sx = this.screenX(i);
      const sy = this.screenY(i);
      if (sx < 0 || sy < 0 || sx > this.width || sy > this.height) return;
      const label = this.labels[i] ?? '';
      const width = this.measure(label, bold);
      const left = sx + 5;
      const c0 = Math.floor(left / kLabelCell), c1 = Math.floor((left + width) / kLabelCell);
      const r0 = Math.floor((sy - 7) / kLabelCell), r1 = Math.floor((sy + 7) / kLabelCell);
      if (!force) {
        if (c1 >= columns || r0 < 0 || r1 >= rows) return;
        for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) if (taken[r * columns + c]) return;
      }
      for (let r = Math.max(r0, 0); r <= Math.min(r1, rows - 1); r++) {
        for (let c = Math.max(c0, 0); c <= Math.min(c1, columns - 1); c++) taken[r * columns + c] = 1;
      }
      ctx.font = bold ? '600 13px system-ui, sans-serif' : '12px system-ui, sans-serif';
      ctx.strokeStyle = colors.halo;
      ctx.lineWidth = 3;
      ctx.strokeText(label, left, sy);
      ctx.fillStyle = bold && i === this.selected ? colors.accent : colors.text;
      ctx.fillText(label, left, sy);
      drawn++;
    };
    for (const i of emphasised) place(i, true);
    for (let i = 0; i < this.x.length && drawn < kMaxLabels; i++) if (!emphasised.has(i)) place(i, this.labelAll, false);
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
    let best = -1;
    let bestDistance = kHoverRadius * kHoverRadius;
    for (let i = 0; i < this.x.length; i++) {
      const dx = this.screenX(i) - sx;
      const dy = this.screenY(i) - sy;
      const distance = dx * dx + dy * dy;
      if (distance < bestDistance) {
        best = i;
        bestDistance = distance;
      }
    }
    return best;
  }

  /** @param {number} index @param {number} sx @param {number} sy */
  showTip(index, sx, sy) {
    if (index !== this.hovered) {
      this.hovered = index;
      this.redraw();
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

  listen() {
    const canvas = this.canvas;
    /** @type {{x: number, y: number, moved: boolean} | null} */
    let drag = null;
    const local = (/** @type {PointerEvent | WheelEvent | MouseEvent} */ event) => {
      const rect = canvas.getBoundingClientRect();
      return { x: event.clientX - rect.left, y: event.clientY - rect.top };
    };
    canvas.addEventListener(
      'wheel',
      (event) => {
        event.preventDefault();
        const at = local(event);
        const delta = event.deltaMode === 1 ? event.deltaY * 16 : event.deltaY;
        this.zoomBy(Math.exp(-delta * 0.0015), at.x, at.y);
      },
      { passive: false },
    );
    canvas.addEventListener('pointerdown', (event) => {
      canvas.setPointerCapture(event.pointerId);
      const at = local(event);
      drag = { ...at, moved: false };
    });
    canvas.addEventListener('pointermove', (event) => {
      const at = local(event);
      if (drag) {
        if (Math.abs(at.x - drag.x) + Math.abs(at.y - drag.y) > 0) drag.moved = true;
        this.panBy(at.x - drag.x, at.y - drag.y);
        drag.x = at.x;
        drag.y = at.y;
        this.showTip(-1, 0, 0);
        return;
      }
      this.showTip(this.pointAt(at.x, at.y), at.x, at.y);
    });
    canvas.addEventListener('pointerup', (event) => {
      const wasClick = drag && !drag.moved;
      drag = null;
      if (wasClick) {
        const at = local(event);
        const index = this.pointAt(at.x, at.y);
        if (index >= 0) this.onPick?.(index);
      }
    });
    canvas.addEventListener('pointerleave', () => {
      if (!drag) this.showTip(-1, 0, 0);
    });
    canvas.addEventListener('dblclick', (event) => {
      const at = local(event);
      this.zoomBy(2, at.x, at.y);
    });
    canvas.addEventListener('keydown', (event) => {
      const step = 40;
      const actions = /** @type {Record<string, () => void>} */ ({
        '+': () => this.zoomBy(1.5),
        '=': () => this.zoomBy(1.5),
        '-': () => this.zoomBy(1 / 1.5),
        0: () => this.resetView(),
        ArrowLeft: () => this.panBy(step, 0),
        ArrowRight: () => this.panBy(-step, 0),
        ArrowUp: () => this.panBy(0, step),
        ArrowDown: () => this.panBy(0, -step),
      });
      const action = actions[event.key];
      if (action) {
        event.preventDefault();
        action();
      }
    });
  }
}
