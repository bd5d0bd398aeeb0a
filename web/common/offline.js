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
  if (container.controller) mark('ready');
  container.addEventListener('controllerchange', () => mark('ready'));
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
