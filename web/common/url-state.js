// @ts-check
// The view's state lives in the URL fragment as form-encoded pairs, so a link
// reproduces what the reader sees and a reload restores it:
//
//   #t=cl100k_base&special=1&text=Hello+world     (no "view": the Tokenize view)
//   #view=train&...                               (other views add their own keys)
//
// The fragment never reaches the server. While typing, the URL is rewritten
// with history.replaceState after a pause, so the history does not fill up
// with one entry per keystroke.

/** Longest fragment written; longer texts are left out of the link. */
export const maxFragmentLength = 100_000;

/**
 * The pairs in a fragment ("#a=1&b=2" or "").
 * @param {string} [hash]
 */
export function readFragment(hash = location.hash) {
  return new URLSearchParams(hash.startsWith('#') ? hash.slice(1) : hash);
}

/**
 * A fragment from pairs, skipping undefined values; view "tokenize" is the default and left out.
 * @param {Record<string, string | undefined>} values
 */
export function fragmentFor(values) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined || (key === 'view' && value === 'tokenize')) continue;
    params.set(key, value);
  }
  const text = params.toString();
  return text ? `#${text}` : '';
}

/**
 * A view's link with its text in it when both fit in maxFragmentLength, else without.
 * keepsText says which, so the view can note that the link leaves the text out.
 *   linkWithText({ view: 'compare', c: 'gpt2' }, 'Hi') -> { fragment: '#view=compare&c=gpt2&text=Hi', keepsText: true }
 * @param {Record<string, string | undefined>} values @param {string} text
 * @returns {{fragment: string, keepsText: boolean}}
 */
export function linkWithText(values, text) {
  // Checking the length first spares encoding a long text only to drop it.
  if (text.length <= maxFragmentLength) {
    const fragment = fragmentFor({ ...values, text });
    if (fragment.length <= maxFragmentLength) return { fragment, keepsText: true };
  }
  return { fragment: fragmentFor(values), keepsText: false };
}

export class LinkWriter {
  /** @param {number} delayMs pause after the last change before the URL is rewritten */
  constructor(delayMs = 300) {
    this.delayMs = delayMs;
    /** @type {ReturnType<typeof setTimeout> | undefined} */
    this.timer = undefined;
    /** @type {string | undefined} */
    this.pending = undefined;
  }

  /**
   * Rewrites the URL's fragment after the pause (or now, with immediate).
   * @param {string} fragment from fragmentFor
   * @param {{immediate?: boolean}} [options]
   */
  write(fragment, options = {}) {
    this.pending = fragment;
    clearTimeout(this.timer);
    if (options.immediate) this.flush();
    else this.timer = setTimeout(() => this.flush(), this.delayMs);
  }

  flush() {
    clearTimeout(this.timer);
    if (this.pending === undefined) return;
    const url = `${location.pathname}${location.search}${this.pending}`;
    this.pending = undefined;
    if (url !== `${location.pathname}${location.search}${location.hash}`) history.replaceState(history.state, '', url);
  }
}
