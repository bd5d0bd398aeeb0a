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

/**
 * Wires a group of items (token chips, aligned tokens) that show a tip while
 * pointed at or focused: pointing or focusing an item points it, focus moves
 * the group's Tab stop there, and focus or the pointer leaving unpoints.
 * @param {HTMLElement} container the group's parent, which receives the events
 * @param {string} selector what an item is, as seen from inside it
 * @param {RovingTabStop} tabStop
 * @param {{point: (item: HTMLElement) => void, unpoint: () => void, onKey: (event: KeyboardEvent) => void,
 *   leave?: 'item' | 'group'}} handlers leave: whether leaving an unfocused item unpoints (the default)
 *   or only leaving the whole group does, so the pointer can cross the gaps between items
 */
export function pointableItems(container, selector, tabStop, { point, unpoint, onKey, leave = 'item' }) {
  const itemOf = (/** @type {EventTarget | null} */ target) =>
    target instanceof Element ? /** @type {HTMLElement | null} */ (target.closest(selector)) : null;
  container.addEventListener('pointerover', (event) => {
    const item = itemOf(event.target);
    if (item) point(item);
  });
  if (leave === 'item') {
    container.addEventListener('pointerout', (event) => {
      const item = itemOf(event.target);
      if (item && item !== document.activeElement && !item.contains(/** @type {Node | null} */ (event.relatedTarget))) unpoint();
    });
  } else {
    container.addEventListener('pointerleave', () => {
      if (!container.contains(document.activeElement)) unpoint();
    });
  }
  container.addEventListener('focusin', (event) => {
    const item = itemOf(event.target);
    if (item) {
      tabStop.move(item);
      point(item);
    }
  });
  container.addEventListener('focusout', () => unpoint());
  container.addEventListener('keydown', onKey);
}
