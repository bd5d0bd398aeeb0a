// @ts-check
// Runs a view's encoding for the newest state only: schedule() debounces, a
// change during a run makes the run go again when it ends (never two at
// once), and each pass can ask whether its state is still the newest, so a
// late result is dropped rather than drawn.
//
//   const run = new LatestRun(async (isCurrent) => { const r = await encode(); if (isCurrent()) draw(r); }, hooks);
//   run.schedule(150); run.schedule(150);   → one pass, 150 ms after the second call

/**
 * @typedef {object} LatestRunHooks
 * @property {() => void} onStart before the first pass of a run
 * @property {(error: unknown) => void} onError a pass threw; the run ends
 * @property {() => void} onEnd after the run, whether or not it failed
 */

export class LatestRun {
  /**
   * @param {(isCurrent: () => boolean) => Promise<void>} pass one pass over the newest state
   * @param {LatestRunHooks} hooks
   */
  constructor(pass, hooks) {
    this.pass = pass;
    this.hooks = hooks;
    /** @type {ReturnType<typeof setTimeout> | undefined} */
    this.timer = undefined;
    this.running = false;
    this.changedWhileRunning = false;
    /** Bumped whenever the state changes, so a late result can tell it is stale. */
    this.revision = 0;
  }

  /** The state changed: run a pass after delayMs (cancelling one not yet started). @param {number} delayMs */
  schedule(delayMs) {
    this.revision++;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.run(), delayMs);
  }

  /** Runs passes until one ends with no change made meanwhile. */
  async run() {
    if (this.running) {
      this.changedWhileRunning = true;
      return;
    }
    this.running = true;
    this.hooks.onStart();
    try {
      do {
        this.changedWhileRunning = false;
        const revision = this.revision;
        await this.pass(() => revision === this.revision);
      } while (this.changedWhileRunning);
    } catch (error) {
      this.hooks.onError(error);
    } finally {
      this.running = false;
      this.hooks.onEnd();
    }
  }
}
