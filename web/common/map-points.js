// @ts-check
// The word map's points, drawn straight into pixels: tens of thousands of
// small discs per frame, which canvas paths (one arc each) draw too slowly.
//
//   const layer = new PointLayer();
//   layer.draw(context, {count, screenX, screenY, colourOf, palette, radius: 2.2, ratio: 2});
//
// Each point stamps a disc of its colour into an ImageData the size of the
// canvas; where discs overlap, the later colour wins and the opacity adds up,
// so dense regions look denser. The image then replaces the canvas's pixels
// (putImageData), and the rest of the map (lines, labels) is drawn over it.
// Colours are CSS colours resolved once through a 1 × 1 canvas.

const kAlpha = 120;

export class PointLayer {
  constructor() {
    /** @type {ImageData | null} */
    this.image = null;
    /** @type {Uint32Array} */
    this.pixels = new Uint32Array(0);
    /** @type {Map<string, number>} CSS colour → 0xBBGGRR */
    this.resolved = new Map();
    /** @type {Int32Array} */
    this.stamp = new Int32Array(0);
    this.stampKey = '';
  }

  /** @param {string} colour @returns {number} the colour as 0x00BBGGRR (ImageData's byte order, little-endian) */
  resolve(colour) {
    let value = this.resolved.get(colour);
    if (value === undefined) {
      const probe = document.createElement('canvas').getContext('2d', { willReadFrequently: true });
      value = 0x808080;
      if (probe) {
        probe.fillStyle = colour;
        probe.fillRect(0, 0, 1, 1);
        const [r, g, b] = probe.getImageData(0, 0, 1, 1).data;
        value = (b << 16) | (g << 8) | r;
      }
      this.resolved.set(colour, value);
    }
    return value;
  }

  /**
   * @param {CanvasRenderingContext2D} context
   * @param {{count: number, screenX: (i: number) => number, screenY: (i: number) => number,
   *   colourOf: ((i: number) => number) | null, palette: string[], fallback: string, radius: number, ratio: number}} points
   *   screenX/Y in CSS pixels; colourOf gives an index into palette (null: all fallback)
   */
  draw(context, points) {
    const { canvas } = context;
    const width = canvas.width;
    const height = canvas.height;
    if (!this.image || this.image.width !== width || this.image.height !== height) {
      this.image = context.createImageData(width, height);
      this.pixels = new Uint32Array(this.image.data.buffer);
    } else {
      this.pixels.fill(0);
    }
    const offsets = this.offsets(points.radius * points.ratio, width);
    const reach = Math.ceil(points.radius * points.ratio);
    const palette = points.palette.map((colour) => this.resolve(colour));
    const fallback = this.resolve(points.fallback);
    const pixels = this.pixels;
    const { ratio } = points;
    for (let i = 0; i < points.count; i++) {
      const px = Math.round(points.screenX(i) * ratio);
      const py = Math.round(points.screenY(i) * ratio);
      if (!(px >= reach && py >= reach && px < width - reach && py < height - reach)) {
        if (px >= -reach && py >= -reach && px < width + reach && py < height + reach) this.clipped(px, py, reach, width, height, points, i, palette, fallback);
        continue;
      }
      const index = points.colourOf ? points.colourOf(i) : -1;
      const colour = index >= 0 && index < palette.length ? palette[index] : fallback;
      const centre = py * width + px;
      for (let k = 0; k < offsets.length; k++) {
        const at = centre + offsets[k];
        const alpha = Math.min(255, (pixels[at] >>> 24) + kAlpha);
        pixels[at] = ((alpha << 24) | colour) >>> 0;
      }
    }
    context.putImageData(/** @type {ImageData} */ (this.image), 0, 0);
  }

  /**
   * A disc cut by the canvas edge, pixel by pixel.
   * @param {number} px @param {number} py @param {number} reach @param {number} width @param {number} height
   * @param {{radius: number, ratio: number, colourOf: ((i: number) => number) | null}} points @param {number} i
   * @param {number[]} palette @param {number} fallback
   */
  clipped(px, py, reach, width, height, points, i, palette, fallback) {
    const index = points.colourOf ? points.colourOf(i) : -1;
    const colour = index >= 0 && index < palette.length ? palette[index] : fallback;
    const r2 = (points.radius * points.ratio) ** 2;
    for (let dy = -reach; dy <= reach; dy++) {
      for (let dx = -reach; dx <= reach; dx++) {
        const x = px + dx, y = py + dy;
        if (dx * dx + dy * dy > r2 || x < 0 || y < 0 || x >= width || y >= height) continue;
        const at = y * width + x;
        const alpha = Math.min(255, (this.pixels[at] >>> 24) + kAlpha);
        this.pixels[at] = ((alpha << 24) | colour) >>> 0;
      }
    }
  }

  /** The disc's pixels as offsets from its centre, for a row length. @param {number} radius @param {number} width */
  offsets(radius, width) {
    const key = `${radius}:${width}`;
    if (key !== this.stampKey) {
      const reach = Math.ceil(radius);
      /** @type {number[]} */
      const list = [];
      for (let dy = -reach; dy <= reach; dy++) for (let dx = -reach; dx <= reach; dx++) if (dx * dx + dy * dy <= radius * radius) list.push(dy * width + dx);
      this.stamp = Int32Array.from(list);
      this.stampKey = key;
    }
    return this.stamp;
  }
}
