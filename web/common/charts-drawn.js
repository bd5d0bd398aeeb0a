// @ts-check
// Tells when a group of uPlot charts is on screen. uPlot draws after its
// constructor returns (in a later task), so a reader of the canvases waits for
// the container's data-drawn, which names the colour scheme the charts were
// drawn in, and never for a status text written beforehand.
//
//   const drawn = new ChartsDrawn(container);
//   const hook = drawn.begin(3);                     // data-drawn removed
//   new uPlot({ ..., hooks: { draw: [hook] } }, …);  // × 3: data-drawn="light"

export class ChartsDrawn {
  /** @param {HTMLElement} container */
  constructor(container) {
    this.container = container;
    this.generation = 0;
  }

  /**
   * A new drawing of `count` charts; returns the draw hook each of them takes.
   * A drawing begun later makes the hooks of this one do nothing.
   * @param {number} count
   * @returns {(plot: unknown) => void}
   */
  begin(count) {
    const generation = ++this.generation;
    delete this.container.dataset.drawn;
    const drawnPlots = new Set();
    return (plot) => {
      if (generation !== this.generation || drawnPlots.has(plot)) return;
      drawnPlots.add(plot);
      if (drawnPlots.size === count) this.container.dataset.drawn = matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
    };
  }
}
