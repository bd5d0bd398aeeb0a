// @ts-check
// A uniform grid over the map's points, for finding the point nearest a
// position without looking at all of them (50,000 points, one hover per mouse
// move).
//
//   const index = new PointGrid(Float32Array.of(0, 1, 5), Float32Array.of(0, 0, 5));
//   index.nearest(0.8, 0.1, 2) → 1   (point 1 at distance 0.22; point 0 at 0.81)
//   index.nearest(3, 3, 1)     → -1  (nothing within 1)
//
// The grid spans the points' bounding box with about four points per cell on
// average; a query looks at the cells its search square overlaps. Tie-break:
// at equal distance the lower index wins (points come in frequency order, so
// the more frequent word).

const kPointsPerCell = 4;

export class PointGrid {
  /** @param {Float32Array} x @param {Float32Array} y */
  constructor(x, y) {
    this.x = x;
    this.y = y;
    const count = x.length;
    let minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
    for (let i = 0; i < count; i++) {
      if (!Number.isFinite(x[i]) || !Number.isFinite(y[i])) continue;
      minX = Math.min(minX, x[i]);
      maxX = Math.max(maxX, x[i]);
      minY = Math.min(minY, y[i]);
      maxY = Math.max(maxY, y[i]);
    }
    if (minX > maxX) minX = maxX = minY = maxY = 0;
    this.minX = minX;
    this.minY = minY;
    this.side = Math.max(1, Math.ceil(Math.sqrt(count / kPointsPerCell)));
    this.cellWidth = Math.max((maxX - minX) / this.side, 1e-12);
    this.cellHeight = Math.max((maxY - minY) / this.side, 1e-12);
    // Counting sort of the points by cell: cell c holds order[start[c] .. start[c + 1]].
    const cells = this.side * this.side;
    const cellOf = new Int32Array(count);
    this.start = new Int32Array(cells + 1);
    for (let i = 0; i < count; i++) {
      cellOf[i] = Number.isFinite(x[i]) && Number.isFinite(y[i]) ? this.cell(this.column(x[i]), this.row(y[i])) : -1;
      if (cellOf[i] >= 0) this.start[cellOf[i] + 1]++;
    }
    for (let c = 0; c < cells; c++) this.start[c + 1] += this.start[c];
    const fill = this.start.slice(0, cells);
    this.order = new Int32Array(this.start[cells]);
    for (let i = 0; i < count; i++) if (cellOf[i] >= 0) this.order[fill[cellOf[i]]++] = i;
  }

  /** @param {number} value */
  column(value) {
    return Math.min(this.side - 1, Math.max(0, Math.floor((value - this.minX) / this.cellWidth)));
  }

  /** @param {number} value */
  row(value) {
    return Math.min(this.side - 1, Math.max(0, Math.floor((value - this.minY) / this.cellHeight)));
  }

  /** @param {number} column @param {number} row */
  cell(column, row) {
    return row * this.side + column;
  }

  /**
   * The index of the point nearest (px, py) within radius, or -1.
   * @param {number} px @param {number} py @param {number} radius in the points' units
   */
  nearest(px, py, radius) {
    let best = -1;
    let bestDistance = radius * radius;
    const c0 = this.column(px - radius), c1 = this.column(px + radius);
    const r0 = this.row(py - radius), r1 = this.row(py + radius);
    for (let r = r0; r <= r1; r++) {
      for (let c = c0; c <= c1; c++) {
        const cell = this.cell(c, r);
        for (let k = this.start[cell]; k < this.start[cell + 1]; k++) {
          const i = this.order[k];
          const dx = this.x[i] - px;
          const dy = this.y[i] - py;
          const distance = dx * dx + dy * dy;
          if (distance < bestDistance || (distance === bestDistance && best >= 0 && i < best)) {
            best = i;
            bestDistance = distance;
          }
        }
      }
    }
    return best;
  }
}
