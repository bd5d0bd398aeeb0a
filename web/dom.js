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
