// @ts-check
// The page shell: starts the engine worker, shows one view at a time and
// keeps the URL fragment in step with it. Each view is a section in
// index.html, a nav link and an entry in `views` below; a view restores
// itself from the fragment's pairs and reports its state as a fragment.
//
//   #t=o200k_base&text=hi        → Tokenize view (the default)
//   #view=tokenize&t=o200k_base  → the same

import { CompareView } from './compare-view.js';
import { refuseStrayDrops } from './drop-guard.js';
import { EmbeddingsView } from './embeddings-view.js';
import { EngineClient } from './engine-client.js';
import { startOffline } from './offline.js';
import { TokenizeView } from './tokenize-view.js';
import { TrainView } from './train-view.js';
import { TokenizerLoader } from './tokenizers.js';
import { TourView } from './tour-view.js';
import { LinkWriter, readFragment } from './url-state.js';

/**
 * @typedef {object} View
 * @property {(params: URLSearchParams) => void} applyLink
 * @property {() => string} fragment
 */

/**
 * @typedef {object} ViewEntry
 * @property {string} id the value of "view" in links
 * @property {string} title for the document title
 * @property {(section: HTMLElement, services: import('./tokenize-view.js').ViewServices) => View} create
 */

/** @type {ViewEntry[]} */
const views = [
  { id: 'tour', title: 'Guided tour', create: (section, services) => new TourView(section, { ...services, show }) },
  { id: 'tokenize', title: 'Tokenize', create: (section, services) => new TokenizeView(section, services) },
  { id: 'compare', title: 'Compare tokenizers', create: (section, services) => new CompareView(section, services) },
  { id: 'train', title: 'Train a vocabulary', create: (section, services) => new TrainView(section, { ...services, show }) },
  { id: 'embeddings', title: 'Embeddings', create: (section, services) => new EmbeddingsView(section, services) },
];
const defaultView = 'tokenize';

const client = new EngineClient();
/** @type {import('./tokenize-view.js').ViewServices} */
const services = { client, loader: new TokenizerLoader(client), link: new LinkWriter() };

/** @type {Map<string, View>} views created so far, by id */
const created = new Map();
/** @type {string | null} */
let current = null;

/** @param {string} id */
function viewEntry(id) {
  return views.find((entry) => entry.id === id) ?? /** @type {ViewEntry} */ (views.find((entry) => entry.id === defaultView));
}

/** @param {ViewEntry} entry */
function viewFor(entry) {
  let view = created.get(entry.id);
  if (!view) {
    const section = document.getElementById(`view-${entry.id}`);
    if (!section) throw new Error(`page is missing the section for view ${entry.id}`);
    view = entry.create(section, services);
    created.set(entry.id, view);
  }
  return view;
}

/**
 * Shows the view a fragment names and restores it from the fragment.
 * @param {URLSearchParams} params
 */
function openFromLink(params) {
  const entry = viewEntry(params.get('view') ?? defaultView);
  showSection(entry);
  viewFor(entry).applyLink(params);
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
 * @returns {View} the view now shown
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
  openFromLink(new URLSearchParams({ view: entry.id }));
  return viewFor(entry);
}

for (const link of document.querySelectorAll('[data-nav]')) {
  link.addEventListener('click', (event) => {
    event.preventDefault();
    show(link.getAttribute('data-nav') ?? defaultView);
  });
}

// Typing a new fragment into the address bar (or following an in-page link) re-applies it.
window.addEventListener('hashchange', () => openFromLink(readFragment()));

openFromLink(readFragment());
document.documentElement.dataset.ready = 'true';
// The first view's controls are built and enabled; tests/e2e/timing.test.mjs reads this mark.
performance.mark('tokenlab:interactive');
refuseStrayDrops();
startOffline();
