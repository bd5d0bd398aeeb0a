// @ts-check
// The word map's input: wheel and pinch zoom, drag and arrow-key pan,
// + and − keys, 0 to fit, a label under the pointer, a click to pick a point.
//
//   listenToMap(map);   // once, from the WordMap constructor
//
// A pinch zooms by the change in the two pointers' distance about their
// midpoint; a finger left down after a pinch starts no drag, so the view
// does not jump.

/** @param {import('./word-map.js').WordMap} map */
export function listenToMap(map) {
  const canvas = map.canvas;
  /** @type {{x: number, y: number, moved: boolean} | null} */
  let drag = null;
  const local = (/** @type {PointerEvent | WheelEvent | MouseEvent} */ event) => {
    const rect = canvas.getBoundingClientRect();
    return { x: event.clientX - rect.left, y: event.clientY - rect.top };
  };
  canvas.addEventListener(
    'wheel',
    (event) => {
      event.preventDefault();
      const at = local(event);
      const delta = event.deltaMode === 1 ? event.deltaY * 16 : event.deltaY;
      map.zoomBy(Math.exp(-delta * 0.0015), at.x, at.y);
    },
    { passive: false },
  );
  // Pointers down, by id: one drags, two pinch (the zoom follows the
  // change in their distance, about their midpoint).
  /** @type {Map<number, {x: number, y: number}>} */
  const down = new Map();
  /** @type {{distance: number} | null} */
  let pinch = null;
  const spread = () => {
    const [a, b] = [...down.values()];
    return { distance: Math.hypot(a.x - b.x, a.y - b.y), x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
  };
  canvas.addEventListener('pointerdown', (event) => {
    canvas.setPointerCapture(event.pointerId);
    const at = local(event);
    down.set(event.pointerId, at);
    if (down.size === 2) {
      pinch = { distance: spread().distance };
      drag = null;
    } else if (down.size === 1) {
      drag = { ...at, moved: false };
    }
  });
  canvas.addEventListener('pointermove', (event) => {
    const at = local(event);
    if (down.has(event.pointerId)) down.set(event.pointerId, at);
    if (pinch && down.size === 2) {
      const now = spread();
      if (pinch.distance > 0 && now.distance > 0) map.zoomBy(now.distance / pinch.distance, now.x, now.y);
      pinch.distance = now.distance;
      map.showTip(-1, 0, 0);
      return;
    }
    if (drag) {
      if (Math.abs(at.x - drag.x) + Math.abs(at.y - drag.y) > 0) drag.moved = true;
      map.panBy(at.x - drag.x, at.y - drag.y);
      drag.x = at.x;
      drag.y = at.y;
      map.showTip(-1, 0, 0);
      return;
    }
    map.showTip(map.pointAt(at.x, at.y), at.x, at.y);
  });
  const lift = (/** @type {PointerEvent} */ event) => {
    down.delete(event.pointerId);
    if (pinch) {
      // The finger left down after a pinch does not start a drag that jumps.
      if (down.size < 2) pinch = null;
      drag = null;
      return false;
    }
    const wasClick = Boolean(drag && !drag.moved);
    drag = null;
    return wasClick;
  };
  canvas.addEventListener('pointerup', (event) => {
    if (lift(event)) {
      const at = local(event);
      const index = map.pointAt(at.x, at.y);
      if (index >= 0) map.onPick?.(index);
    }
  });
  canvas.addEventListener('pointercancel', (event) => lift(event));
  canvas.addEventListener('pointerleave', () => {
    if (!drag) map.showTip(-1, 0, 0);
  });
  canvas.addEventListener('dblclick', (event) => {
    const at = local(event);
    map.zoomBy(2, at.x, at.y);
  });
  canvas.addEventListener('keydown', (event) => {
    const step = 40;
    const actions = /** @type {Record<string, () => void>} */ ({
      '+': () => map.zoomBy(1.5),
      '=': () => map.zoomBy(1.5),
      '-': () => map.zoomBy(1 / 1.5),
      0: () => map.resetView(),
      ArrowLeft: () => map.panBy(step, 0),
      ArrowRight: () => map.panBy(-step, 0),
      ArrowUp: () => map.panBy(0, step),
      ArrowDown: () => map.panBy(0, -step),
    });
    const action = actions[event.key];
    if (action) {
      event.preventDefault();
      action();
    }
  });
}
