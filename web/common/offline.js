// @ts-check
// Registers the service worker that keeps the page working offline once it
// has been loaded (web/service-worker.js). It registers after the page has
// loaded, so its copying of the page's files does not slow the first visit,
// and asks for a new version on every visit.
//
//   startOffline()  → <html data-offline="ready"> once a worker answers this page's requests,
//                     "unavailable" when none can (no service workers, a plain-http host,
//                     a host without dist/precache.js)
//
// Service workers need a secure context: https, or http on localhost.
//
// The worker adds the headers that make the page cross-origin isolated (see
// web/service-worker.js). A page its host served without them, now controlled
// by the worker, reloads once to become isolated; sessionStorage remembers
// the reload, so a browser that still refuses isolation is not reloaded again
// and again (the page then trains on one thread, and says so).

/** @param {'ready' | 'unavailable'} state */
function mark(state) {
  document.documentElement.dataset.offline = state;
}

export function startOffline() {
  if (!('serviceWorker' in navigator) || !window.isSecureContext) {
    mark('unavailable');
    return;
  }
  const container = navigator.serviceWorker;
  if (container.controller) {
    mark('ready');
    reloadForIsolation();
  }
  container.addEventListener('controllerchange', () => {
    mark('ready');
    reloadForIsolation();
  });
  const register = async () => {
    try {
      // updateViaCache "none": a host's caching of the worker's files never delays a new version.
      const registration = await container.register(new URL('../service-worker.js', import.meta.url), { updateViaCache: 'none' });
      // Browsers check for a new worker on their own schedule; each visit asks now, so a new
      // build is kept on this visit and shown on the next. Offline, the check just fails.
      if (registration.active) await registration.update();
    } catch {
      if (!container.controller) mark('unavailable');
    }
  };
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
}

const kIsolationReloadKey = 'tokenlab-isolation-reload';

/** Reloads once when a worker controls the page and the page is not isolated yet. */
function reloadForIsolation() {
  if (window.crossOriginIsolated) return;
  try {
    if (sessionStorage.getItem(kIsolationReloadKey)) return;
    sessionStorage.setItem(kIsolationReloadKey, '1');
  } catch {
    return; // no storage: no way to stop at one reload
  }
  window.location.reload();
}
