// @ts-check
// Files dropped where no part of the page takes them would make the browser
// leave the page to show or save the file, losing what the page holds (a
// trained vocabulary, vectors, typed text). Outside the places that take
// files (the Tokenize and Compare views, the Train form, the Embeddings
// corpus area and its vectors bar), a drag of files is refused: the pointer shows that nothing
// can be dropped there, and a drop does nothing.
//
//   dragover on the Embeddings map → dropEffect "none", default prevented
//   dragover on the Train form     → its own handler ran first: left alone

export function refuseStrayDrops() {
  for (const type of ['dragover', 'drop']) {
    // Bubbling to window comes after every handler in the page; one that took the files prevented the default.
    window.addEventListener(type, (event) => {
      const drag = /** @type {DragEvent} */ (event);
      if (drag.defaultPrevented || !drag.dataTransfer?.types.includes('Files')) return;
      drag.preventDefault();
      drag.dataTransfer.dropEffect = 'none';
    });
  }
}
