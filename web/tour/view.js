// @ts-check
// The guided tour: six steps, one question each, from what an embedding is
// to why vocabularies differ. A numbered list of the steps, Previous / Next,
// the current step, and a link that reopens the page at that step as it is.
// Steps are made when first shown and keep their state when the reader moves
// between them; each says what belongs in the link.
//
//   #view=tour&step=1&word=cancel   → step 1 with "cancel" looked up
//   #view=tour&step=3&name=Ada      → step 3 with the reader's name
//
// The step modules (steps.js) know nothing of one another; each gets a
// container and a context, and returns an instance:
//
//   export const step = { id: 'names', title: 'How are names stored?', create(container, context) {
//     ...; return { applyState(params) {}, state() { return { name: 'Ada' }; }, dispose() {} };
//   } };

import { tourSteps } from './steps.js';
import { fragmentFor } from '../common/url-state.js';

/**
 * @typedef {object} TourStepContext what a step gets from the tour
 * @property {import('../tokenize/view.js').ViewServices} services the engine client, tokenizer loader and link writer the views share
 * @property {() => void} stateChanged call when the step's state changes, so the tour rewrites the link
 * @property {(viewId: string, fragment?: string) => void} show opens another view, at its last state or at a fragment ("#view=compare&...")
 */

/**
 * @typedef {object} TourStepInstance a step once made
 * @property {(params: URLSearchParams) => void} applyState restores the step from a link's pairs; a pair left out means its default
 * @property {() => Record<string, string>} state the step's pairs for the link (without view and step)
 * @property {() => void} dispose frees what the step holds (workers, observers)
 */

/**
 * @typedef {object} TourStep one step of the tour
 * @property {string} id a short name ("embedding", "names")
 * @property {string} title the question the step answers, as listed
 * @property {(container: HTMLElement, context: TourStepContext) => TourStepInstance} create fills the container (an h2 with the step's number and title first)
 */

/**
 * @typedef {object} TourServices the views' services, and a way to open another view
 * @property {import('../tokenize/view.js').ViewServices['client']} client
 * @property {import('../tokenize/view.js').ViewServices['loader']} loader
 * @property {import('../tokenize/view.js').ViewServices['link']} link
 * @property {(id: string) => unknown} show
 */

const markup = /* html */ `
<div class="view-intro">
  <h1 id="tour-title">Guided tour</h1>
  <p>Six questions about how language models turn text into numbers, each answered by something you can change: word vectors, training, names split into tokens, embedding tables and vocabularies. Every step has a “Try it yourself” part, and a link that reopens the page at that step as you left it.</p>
</div>
<div class="tour-layout">
  <nav class="tour-nav" aria-label="Tour steps">
    <ol class="tour-step-list"></ol>
  </nav>
  <div class="tour-main">
    <div class="tour-stage"></div>
    <div class="tour-bar">
      <div class="tour-moves">
        <button type="button" class="button tour-prev">← Previous</button>
        <span class="tour-position note" aria-live="polite"></span>
        <button type="button" class="button primary tour-next">Next →</button>
      </div>
      <div class="tour-link">
        <button type="button" class="button quiet tour-link-button">Link to this step</button>
        <input type="text" class="tour-link-field" readonly aria-label="Link to this step" hidden>
        <span class="tour-link-status note" aria-live="polite"></span>
      </div>
    </div>
  </div>
</div>`;

/**
 * @template {Element} T
 * @param {ParentNode} root @param {string} selector @param {new (...args: any[]) => T} type
 * @returns {T}
 */
function part(root, selector, type) {
  const element = root.querySelector(selector);
  if (!(element instanceof type)) throw new Error(`the tour is missing ${selector}`);
  return element;
}

/** @param {unknown} error */
const messageOf = (error) => (error instanceof Error ? error.message : String(error));

export class TourView {
  /**
   * @param {HTMLElement} root the view's section
   * @param {TourServices} services
   */
  constructor(root, services) {
    this.root = root;
    this.services = services;
    root.innerHTML = markup;
    this.list = part(root, '.tour-step-list', HTMLOListElement);
    this.stage = part(root, '.tour-stage', HTMLElement);
    this.prev = part(root, '.tour-prev', HTMLButtonElement);
    this.next = part(root, '.tour-next', HTMLButtonElement);
    this.position = part(root, '.tour-position', HTMLElement);
    this.linkButton = part(root, '.tour-link-button', HTMLButtonElement);
    this.linkField = part(root, '.tour-link-field', HTMLInputElement);
    this.linkStatus = part(root, '.tour-link-status', HTMLElement);
    /** index into tourSteps of the step shown */
    this.current = 0;
    /** @type {Map<number, {container: HTMLElement, instance: TourStepInstance | null}>} */
    this.made = new Map();

    /** @type {TourStepContext} */
    this.context = {
      services: { client: services.client, loader: services.loader, link: services.link },
      stateChanged: () => this.stateChanged(),
      show: (viewId, fragment) => {
        if (fragment) location.hash = fragment.startsWith('#') ? fragment.slice(1) : fragment;
        else services.show(viewId);
      },
    };

    this.links = tourSteps.map((step, index) => {
      const item = document.createElement('li');
      const link = document.createElement('a');
      link.href = `#view=tour&step=${index + 1}`;
      link.className = 'tour-step-link';
      link.dataset.step = String(index + 1);
      const number = document.createElement('span');
      number.className = 'tour-step-number';
      number.textContent = String(index + 1);
      const title = document.createElement('span');
      title.className = 'tour-step-name';
      title.textContent = step.title;
      link.append(number, title);
      link.addEventListener('click', (event) => {
        event.preventDefault();
        this.go(index, { focus: true });
      });
      item.append(link);
      this.list.append(item);
      return link;
    });
    this.prev.addEventListener('click', () => this.go(this.current - 1, { focus: true }));
    this.next.addEventListener('click', () => this.go(this.current + 1, { focus: true }));
    this.linkButton.addEventListener('click', () => this.shareLink());
  }

  /** @param {URLSearchParams} params */
  applyLink(params) {
    const wanted = Number(params.get('step'));
    const index = Number.isInteger(wanted) && wanted >= 1 && wanted <= tourSteps.length ? wanted - 1 : 0;
    // A link this view wrote itself (the reader came back to it) changes nothing.
    if (this.made.has(index) && index === this.current && `#${params}` === this.fragment()) return;
    this.go(index, { focus: false, write: false });
    const instance = this.made.get(index)?.instance;
    if (instance) {
      try {
        instance.applyState(params);
      } catch (error) {
        console.warn(`tour step ${index + 1} could not restore its state: ${messageOf(error)}`);
      }
    }
    this.services.link.write(this.fragment(), { immediate: true });
  }

  fragment() {
    /** @type {Record<string, string>} */
    let pairs = {};
    const instance = this.made.get(this.current)?.instance;
    if (instance) {
      try {
        pairs = instance.state();
      } catch {
        pairs = {};
      }
    }
    return fragmentFor({ view: 'tour', step: String(this.current + 1), ...pairs });
  }

  stateChanged() {
    this.linkField.hidden = true;
    this.linkStatus.textContent = '';
    this.services.link.write(this.fragment());
  }

  /**
   * Shows a step, making it on first show.
   * @param {number} index @param {{focus: boolean, write?: boolean}} options
   */
  go(index, { focus, write = true }) {
    if (index < 0 || index >= tourSteps.length) return;
    this.current = index;
    const entry = this.made.get(index) ?? this.make(index);
    for (const [other, { container }] of this.made) container.hidden = other !== index;
    this.links.forEach((link, i) => {
      if (i === index) link.setAttribute('aria-current', 'step');
      else link.removeAttribute('aria-current');
      link.classList.toggle('visited', this.made.has(i));
    });
    this.prev.disabled = index === 0;
    this.next.disabled = index === tourSteps.length - 1;
    this.next.textContent = index === tourSteps.length - 1 ? 'The end' : `Next: ${tourSteps[index + 1].title} →`;
    this.position.textContent = `Step ${index + 1} of ${tourSteps.length}`;
    this.linkField.hidden = true;
    this.linkStatus.textContent = '';
    this.links[index].scrollIntoView?.({ block: 'nearest', inline: 'nearest' });
    if (write) this.services.link.write(this.fragment(), { immediate: true });
    if (focus) {
      const heading = entry.container.querySelector('h2');
      if (heading instanceof HTMLElement) {
        heading.tabIndex = -1;
        heading.focus({ preventScroll: true });
      }
      this.root.querySelector('.tour-layout')?.scrollIntoView({ block: 'start', behavior: matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth' });
    }
  }

  /** @param {number} index */
  make(index) {
    const step = tourSteps[index];
    const container = document.createElement('section');
    container.className = 'tour-step';
    container.dataset.step = String(index + 1);
    container.dataset.stepId = step.id;
    this.stage.append(container);
    /** @type {{container: HTMLElement, instance: TourStepInstance | null}} */
    const entry = { container, instance: null };
    this.made.set(index, entry);
    try {
      entry.instance = step.create(container, this.context);
      const heading = container.querySelector('h2');
      if (heading) {
        heading.id ||= `tour-step-${step.id}-title`;
        container.setAttribute('aria-labelledby', heading.id);
      }
    } catch (error) {
      const box = document.createElement('div');
      box.className = 'error-box';
      box.setAttribute('role', 'alert');
      const text = document.createElement('p');
      text.textContent = `Step ${index + 1} could not start: ${messageOf(error)}`;
      box.append(text);
      container.replaceChildren(box);
    }
    return entry;
  }

  /** Writes the link now, shows it, and copies it when the browser allows. */
  async shareLink() {
    this.services.link.write(this.fragment(), { immediate: true });
    const url = location.href;
    this.linkField.value = url;
    this.linkField.hidden = false;
    this.linkField.select();
    try {
      await navigator.clipboard.writeText(url);
      this.linkStatus.textContent = 'Copied. It reopens this step as it is now.';
    } catch {
      this.linkStatus.textContent = 'Copy it from the field: it reopens this step as it is now.';
    }
  }
}
