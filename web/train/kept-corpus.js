// @ts-check
// The Train view's corpus files, kept in the browser only when the reader
// turns the switch on: each file is a "corpus" record of its own, and after
// a reload the kept files are in the list of chosen files again (and the
// switch on). Turning it off deletes them from the browser; the files stay
// chosen for this visit.
//
//   new KeptCorpus(switchInput, {files: () => view.files, restored: (files) => view.addFiles(files), status});
//   keptCorpus.added([file]);   → kept too, when the switch is on
//   keptCorpus.removed(file);   → its record goes

import { formatBytes } from '../common/format.js';
import { payloadParts, storedFiles } from '../common/stored-files.js';

export class KeptCorpus {
  /**
   * @param {HTMLInputElement} toggle
   * @param {{files: () => File[], restored: (files: File[]) => void, status: HTMLElement}} view
   */
  constructor(toggle, view) {
    this.toggle = toggle;
    this.view = view;
    /** Record id of each kept file. @type {Map<File, string>} */
    this.ids = new Map();
    /** Writes under way. */
    this.writing = 0;
    toggle.addEventListener('change', () => (toggle.checked ? this.keepAll() : this.forgetAll()));
    storedFiles().addEventListener('change', (event) => {
      const { action, id } = /** @type {CustomEvent} */ (event).detail;
      if (action !== 'clear' && action !== 'remove') return;
      for (const [file, kept] of this.ids) {
        if (action === 'clear' || kept === id) this.ids.delete(file);
      }
      // Deleted in Your files: files added from now on are not kept unless asked again.
      if (this.ids.size === 0 && !this.writing) this.toggle.checked = false;
    });
    this.restore();
  }

  /** Puts the kept files back in the list. */
  async restore() {
    const { records } = await storedFiles().list();
    const corpus = records.filter((record) => record.kind === 'corpus').reverse();
    if (corpus.length === 0) return;
    /** @type {File[]} */
    const files = [];
    for (const record of corpus) {
      try {
        const { blob } = payloadParts(record, await storedFiles().payload(record.id), { blob: Blob });
        const file = new File([blob], record.name, { lastModified: Number(record.settings.lastModified) || record.createdAt, type: 'text/plain' });
        this.ids.set(file, record.id);
        files.push(file);
      } catch (error) {
        this.say(error instanceof Error ? error.message : String(error));
      }
    }
    if (files.length === 0) return;
    this.toggle.checked = true;
    this.view.restored(files);
    const total = files.reduce((sum, file) => sum + file.size, 0);
    this.say(`${files.length} ${files.length === 1 ? 'file' : 'files'} (${formatBytes(total)}) kept in this browser from before.`);
  }

  /** @param {File[]} files new in the list */
  added(files) {
    if (!this.toggle.checked) return;
    for (const file of files) if (!this.ids.has(file)) this.keep(file);
  }

  /** @param {File} file taken out of the list */
  removed(file) {
    const id = this.ids.get(file);
    this.ids.delete(file);
    if (id) storedFiles().remove(id).catch(() => {});
  }

  async keepAll() {
    const files = this.view.files();
    await Promise.all(files.filter((file) => !this.ids.has(file)).map((file) => this.keep(file)));
    if (this.toggle.checked) {
      const total = [...this.ids.keys()].reduce((sum, file) => sum + file.size, 0);
      this.say(this.ids.size ? `Kept in this browser: ${this.ids.size} ${this.ids.size === 1 ? 'file' : 'files'}, ${formatBytes(total)}. Files added later are kept too.` : 'Files you add are kept in this browser.');
    }
  }

  async forgetAll() {
    const ids = [...this.ids.values()];
    this.ids.clear();
    await Promise.all(ids.map((id) => storedFiles().remove(id).catch(() => {})));
    this.say('The files are no longer kept in this browser; they stay chosen until the page is closed.');
  }

  /** @param {File} file */
  async keep(file) {
    this.writing++;
    try {
      const record = await storedFiles().put(
        { kind: 'corpus', name: file.name, settings: { lastModified: file.lastModified }, sources: [{ name: file.name, size: file.size }] },
        { blob: file },
      );
      // Taken out of the list while it was written: it goes again.
      if (this.view.files().includes(file) && this.toggle.checked) this.ids.set(file, record.id);
      else await storedFiles().remove(record.id);
    } catch (error) {
      this.toggle.checked = this.ids.size > 0;
      this.say(error instanceof Error ? error.message : String(error));
    } finally {
      this.writing--;
    }
  }

  /** @param {string} message */
  say(message) {
    this.view.status.textContent = message;
  }
}
