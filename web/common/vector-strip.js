// @ts-check
// A word's vector as a strip of coloured cells, one per dimension: blue below
// zero, red above, the strength of the colour its size relative to the largest
// value of the vector. Hovering a cell names its dimension and value.
//
//   new VectorStrip(canvas, readout).show(vector, 'king')

const kRows = 2;

export class VectorStrip {
  /** @param {HTMLCanvasElement} canvas @param {HTMLElement} readout */
  constructor(canvas, readout) {
    this.canvas = canvas;
    this.readout = readout;
    /** @type {Float32Array} */
    this.vector = new Float32Array(0);
    this.word = '';
    this.largest = 1;
    new ResizeObserver(() => this.draw()).observe(canvas);
    matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => this.draw());
    canvas.addEventListener('pointermove', (event) => this.describe(this.cellAt(event)));
    canvas.addEventListener('pointerleave', () => this.describe(-1));
  }

  /** @param {Float32Array} vector @param {string} word */
  show(vector, word) {
    this.vector = vector;
    this.word = word;
    this.largest = Math.max(...Array.from(vector, Math.abs), 1e-12);
    this.draw();
    this.describe(-1);
  }

  clear() {
    this.show(new Float32Array(0), '');
  }

  layout() {
    const perRow = Math.ceil(this.vector.length / kRows);
    const width = this.canvas.clientWidth;
    return { perRow, cell: width / Math.max(perRow, 1), height: this.canvas.clientHeight / kRows };
  }

  draw() {
    const ratio = devicePixelRatio || 1;
    const { clientWidth, clientHeight } = this.canvas;
    this.canvas.width = Math.max(1, Math.round(clientWidth * ratio));
    this.canvas.height = Math.max(1, Math.round(clientHeight * ratio));
    const ctx = /** @type {CanvasRenderingContext2D} */ (this.canvas.getContext('2d'));
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, clientWidth, clientHeight);
    const { perRow, cell, height } = this.layout();
    // Near zero the cells fade into the page: light on a light page, dark on a dark one.
    const dark = matchMedia('(prefers-color-scheme: dark)').matches;
    const [zeroLightness, fullLightness] = dark ? [22, 58] : [88, 45];
    for (let i = 0; i < this.vector.length; i++) {
      const strength = Math.min(1, Math.abs(this.vector[i]) / this.largest);
      // Diverging scale through a neutral grey: hue 220 (blue) below zero, 5 (red) above.
      const hue = this.vector[i] < 0 ? 220 : 5;
      const lightness = zeroLightness + (fullLightness - zeroLightness) * strength;
      ctx.fillStyle = `hsl(${hue} ${Math.round(20 + 60 * strength)}% ${Math.round(lightness)}%)`;
      const x = (i % perRow) * cell;
      const y = Math.floor(i / perRow) * height;
      ctx.fillRect(x, y, Math.max(cell - (cell > 4 ? 1 : 0), 1), height - 1);
    }
  }

  /** @param {PointerEvent} event */
  cellAt(event) {
    const rect = this.canvas.getBoundingClientRect();
    const { perRow, cell, height } = this.layout();
    const column = Math.floor((event.clientX - rect.left) / cell);
    const row = Math.floor((event.clientY - rect.top) / height);
    const index = row * perRow + column;
    return column >= 0 && column < perRow && index >= 0 && index < this.vector.length ? index : -1;
  }

  /** @param {number} index */
  describe(index) {
    if (!this.vector.length) {
      this.readout.textContent = '';
    } else if (index < 0) {
      this.readout.textContent = `“${this.word}”: ${this.vector.length} numbers; hover a cell to read one.`;
    } else {
      const value = this.vector[index];
      this.readout.textContent = `“${this.word}”, dimension ${index + 1} of ${this.vector.length}: ${value >= 0 ? '+' : '−'}${Math.abs(value).toFixed(4)}`;
    }
  }
}
