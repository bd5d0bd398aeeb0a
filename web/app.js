// @ts-check
// The page shell: starts the engine worker, shows one view at a time and
// keeps the URL fragment in step with it. Each view is a section in
// index.html, a nav link and an entry in `views` below; a view restores
// itself from the fragment's pairs and reports its state as a fragment.
//
//   #t=o200k_base&text=hi        → Tokenize view (the default)
//   #view=tokenize&t=o200k_base  → the same

import { refuseStrayDrops } from './common/drop-guard.js';
import { EngineClient } from './engine/tokenizer-client.js';
import { restoreKeptTokenizers } from './common/kept-tokenizers.js';
import { startOffline } from './common/offline.js';
import { TokenizeView } from './tokenize/view.js';
import { isPageMadeKey, TokenizerLoader } from './common/tokenizers.js';
import { LinkWriter, readFragment } from './common/url-state.js';
import { startYourFiles } from './common/your-files.js';

/**
 * @typedef {object} View
 * @property {(params: URLSearchParams) => void} applyLink
 * @property {() => string} fragment
 */

/**
 * @typedef {object} ViewEntry
 * @property {string} id the value of "view" in links
 * @property {string} title for the document title
 * @property {(section: HTMLElement, services: import('./tokenize/view.js').ViewServices) => View | Promise<View>} create
 */

// Only the default view's modules load with the page; each other view's load
// when it is first shown. Loading all of them first doubled the time to a
// usable page (tests/e2e/timing.test.mjs: about 860 ms against 370 ms).

/** @type {ViewEntry[]} */
const views = [
  { id: 'tour', title: 'Guided tour', create: async (section, services) => new (await import('./tour/view.js')).TourView(section, { ...services, show }) },
  { id: 'tokenize', title: 'Tokenize', create: (section, services) => new TokenizeView(section, services) },
  { id: 'compare', title: 'Compare tokenizers', create: async (section, services) => new (await import('./compare/view.js')).CompareView(section, services) },
  { id: 'train', title: 'Train a vocabulary', create: async (section, services) => new (await import('./train/view.js')).TrainView(section, { ...services, show }) },
  { id: 'embeddings', title: 'Embeddings', create: async (section, services) => new (await import('./embeddings/view.js')).EmbeddingsView(section, services) },
];
const defaultView = 'tokenize';

const client = new EngineClient();
/** @type {import('./tokenize/view.js').ViewServices} */
const services = { client, loader: new TokenizerLoader(client), link: new LinkWriter() };

/** @type {Map<string, View>} views created so far, by id */
const created = new Map();
/** @type {Map<string, Promise<View>>} views whose modules are still loading, by id */
const loading = new Map();
/** @type {string | null} */
let current = null;

/** @param {string} id */
function viewEntry(id) {
  return views.find((entry) => entry.id === id) ?? /** @type {ViewEntry} */ (views.find((entry) => entry.id === defaultView));
}

/**
 * The view, made on first use: at once for the default view, once its modules have loaded for the others.
 * @param {ViewEntry} entry
 * @returns {View | Promise<View>}
 */
function viewFor(entry) {
  const view = created.get(entry.id) ?? loading.get(entry.id);
  if (view) return view;
  const section = document.getElementById(`view-${entry.id}`);
  if (!section) throw new Error(`page is missing the section for view ${entry.id}`);
  const made = entry.create(section, services);
  if (!(made instanceof Promise)) {
    created.set(entry.id, made);
    section.dataset.made = 'true';
    return made;
  }
  const ready = made.then((view) => {
    created.set(entry.id, view);
    // The view's handlers are on its controls from here on (tests wait on it).
    section.dataset.made = 'true';
    loading.delete(entry.id);
    return view;
  });
  ready.catch((error) => {
    loading.delete(entry.id);
    section.textContent = `This part of the page did not load (${error instanceof Error ? error.message : error}). Reload the page to try again.`;
  });
  loading.set(entry.id, ready);
  return ready;
}

/**
 * Shows the view a fragment names and restores it from the fragment.
 * @param {URLSearchParams} params
 * @returns {Promise<View | null>} the view once restored (null if it did not load)
 */
async function openFromLink(params) {
  const entry = viewEntry(params.get('view') ?? defaultView);
  showSection(entry);
  const made = viewFor(entry);
  const view = made instanceof Promise ? await made.catch(() => null) : made;
  view?.applyLink(params);
  // Which view was last made and restored from a link (tests wait on it).
  if (view) document.documentElement.dataset.restored = entry.id;
  return view;
}

/** @param {ViewEntry} entry */
function showSection(entry) {
  current = entry.id;
  for (const section of document.querySelectorAll('[data-view]')) {
    /** @type {HTMLElement} */ (section).hidden = section.getAttribute('data-view') !== entry.id;
  }
  for (const link of document.querySelectorAll('[data-nav]')) {
    if (link.getAttribute('data-nav') === entry.id) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  document.title = `${entry.title} · tokenlab`;
}

/**
 * Switches to a view without losing any view's state: a view already open
 * keeps its state, one opened before gets its own last link back.
 * @param {string} id
 * @returns {View | Promise<View>} the view now shown (the default view at once)
 */
function show(id) {
  const entry = viewEntry(id);
  const existing = created.get(entry.id);
  if (existing) {
    if (entry.id !== current) {
      showSection(entry);
      services.link.write(existing.fragment(), { immediate: true });
    }
    return existing;
  }
  // Still loading, say from a link: show it and let the link's state stand.
  const pending = loading.get(entry.id);
  if (pending) {
    showSection(entry);
    return pending;
  }
  openFromLink(new URLSearchParams({ view: entry.id }));
  return viewFor(entry);
}

for (const link of document.querySelectorAll('[data-nav]')) {
  link.addEventListener('click', (event) => {
    event.preventDefault();
    show(link.getAttribute('data-nav') ?? defaultView);
  });
}

// Each form is handled by its view; one sent before its view's module has
// loaded must not reload the page (a native submit would). Dialog forms only
// close their dialog, which is what they are for.
document.addEventListener('submit', (event) => {
  const form = /** @type {HTMLFormElement} */ (event.target);
  if (form.method !== 'dialog') event.preventDefault();
});

// Typing a new fragment into the address bar (or following an in-page link) re-applies it.
window.addEventListener('hashchange', () => openFromLink(readFragment()));

// What the reader made on earlier visits joins the pickers; a link that names
// one of those waits for it, the others do not.
const kept = restoreKeptTokenizers(services.loader);
const firstLink = readFragment();
const namesPageMade = [firstLink.get('t'), ...(firstLink.get('c') ?? '').split(',')].some((key) => key && isPageMadeKey(key));
(namesPageMade ? kept.then(() => openFromLink(firstLink)) : openFromLink(firstLink)).then(() => {
  document.documentElement.dataset.ready = 'true';
  // The first view's controls are built and enabled; tests/e2e/timing.test.mjs reads this mark.
  performance.mark('tokenlab:interactive');
});
refuseStrayDrops();
startOffline();
startYourFiles({ show });
