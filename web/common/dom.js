// @ts-check
// Small DOM helpers shared by the views.

/**
 * The element a selector names, checked to be of the expected type, so a
 * page that lacks it fails loudly at start-up instead of later.
 * @template {Element} T
 * @param {ParentNode} root
 * @param {string} selector
 * @param {new (...args: any[]) => T} type
 * @returns {T}
 */
export function part(root, selector, type) {
  const element = root.querySelector(selector);
  if (!(element instanceof type)) throw new Error(`page is missing ${selector}`);
  return element;
}

/**
 * A roving Tab stop: of a group of elements (token chips, aligned tokens) only
 * one is in the Tab order, so Tab moves past the group and the arrow keys move
 * within it.
 */
export class RovingTabStop {
  constructor() {
    /** @type {HTMLElement | null} the element that holds the Tab stop */
    this.element = null;
  }

  /** @param {HTMLElement} element */
  move(element) {
    if (this.element === element) return;
    if (this.element) this.element.tabIndex = -1;
    element.tabIndex = 0;
    this.element = element;
  }

  /** Forgets the holder, whose elements were replaced. */
  reset() {
    this.element = null;
  }
}
