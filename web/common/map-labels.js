// @ts-check
// Label placement for the word map: greedy, by priority, with no two labels'
// boxes overlapping.
//
//   const placer = new LabelPlacer(300, 200);
//   placer.place(60, 50, 40, 14) → {left: 64, top: 42, right: 106, bottom: 58}   (right of the point)
//   placer.place(62, 50, 40, 14) → {left: 16, top: 42, right: 58, bottom: 58}    (the right is taken: left)
//
// Each label tries eight spots around its point: right, left, above, below,
// then the four corners (above right, below right, above left, below left);
// the first that is free wins, in that order. With `far` (maps of a few
// words, where every word should be named) it then tries spots one to three
// label heights above and below the right and left ones, and the caller
// draws a line from the point to such a box. A box is free when it lies
// inside the view and meets no box placed before; placed boxes are filed in a
// grid of cells so the test looks only at boxes nearby. Callers offer labels
// in priority order (the searched word, its neighbours, then by frequency or
// closeness), so a label that finds no room gives way to those before it.

const kCell = 48;
const kGap = 5;
const kPad = 1;

/** @typedef {{left: number, top: number, right: number, bottom: number}} Box */

export class LabelPlacer {
  /** @param {number} width @param {number} height the view, in CSS pixels */
  constructor(width, height) {
    this.width = width;
    this.height = height;
    this.columns = Math.max(1, Math.ceil(width / kCell));
    this.rows = Math.max(1, Math.ceil(height / kCell));
    /** @type {Box[][]} */
    this.cells = Array.from({ length: this.columns * this.rows }, () => []);
  }

  /**
   * The box given to a label of this size at a point, or null when no spot is free.
   * A box holds the text plus kPad around it for the halo.
   * @param {number} sx @param {number} sy the point @param {number} width @param {number} height the text
   * @param {boolean} [far] also try spots away from the point
   * @returns {Box | null}
   */
  place(sx, sy, width, height, far = false) {
    const w = width + 2 * kPad;
    const h = height + 2 * kPad;
    const right = sx + kGap - kPad;
    const left = sx - kGap + kPad - w;
    const spots = [
      [right, sy - h / 2],
      [left, sy - h / 2],
      [sx - w / 2, sy - kGap - h],
      [sx - w / 2, sy + kGap],
      [right, sy - kGap - h],
      [right, sy + kGap],
      [left, sy - kGap - h],
      [left, sy + kGap],
    ];
    if (far) {
      for (let step = 1; step <= 3; step++) {
        for (const x of [right, left]) spots.push([x, sy - h / 2 - step * h], [x, sy - h / 2 + step * h]);
      }
    }
    for (const [left, top] of spots) {
      const box = { left, top, right: left + w, bottom: top + h };
      if (this.free(box)) {
        this.add(box);
        return box;
      }
    }
    return null;
  }

  /** @param {Box} box */
  free(box) {
    if (box.left < 0 || box.top < 0 || box.right > this.width || box.bottom > this.height) return false;
    let clear = true;
    this.visit(box, (others) => {
      for (const other of others) {
        if (box.left < other.right && other.left < box.right && box.top < other.bottom && other.top < box.bottom) {
          clear = false;
          return;
        }
      }
    });
    return clear;
  }

  /** @param {Box} box */
  add(box) {
    this.visit(box, (others) => others.push(box));
  }

  /** @param {Box} box @param {(others: Box[]) => void} action */
  visit(box, action) {
    const c0 = Math.max(0, Math.floor(box.left / kCell)), c1 = Math.min(this.columns - 1, Math.floor(box.right / kCell));
    const r0 = Math.max(0, Math.floor(box.top / kCell)), r1 = Math.min(this.rows - 1, Math.floor(box.bottom / kCell));
    for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) action(this.cells[r * this.columns + c]);
  }
}
