// @ts-check
// "Your files": what the page keeps in this browser (stored-files.js), in a
// dialog opened from the header. Each kept vocabulary, tokenizer file,
// vector set, interrupted training and corpus file is listed with what it
// is, its size and when it was made, and can be renamed, downloaded or
// deleted; everything can be deleted at once. Records that cannot be read
// back are named, with why, and can be deleted. Names are the reader's own
// text and are always set as text, never as markup.
//
//   startYourFiles({show})   → a "Your files" button in the header; show('train') opens a view

import { formatBytes, formatInteger } from './format.js';
import { keyOfRecord } from './kept-tokenizers.js';
import { recordFile } from './record-files.js';
import { storageEstimate, storedFiles, unreadablePayloads } from './stored-files.js';
import { customTokenizerKey } from './tokenizers.js';

/** @typedef {import('./stored-files.js').StoredRecord} StoredRecord */

/** Longest name a record may be given. */
const kMaxName = 200;

const dates = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** @type {Record<string, string>} */
const splitLabels = { gpt2: 'GPT-2', cl100k: 'GPT-4 (cl100k)', o200k: 'GPT-4o (o200k)', whitespace: 'whitespace', none: 'no' };

/** @param {{name: string, size: number}[]} sources */
function sourcesText(sources) {
  if (sources.length === 0) return '';
  const sized = (/** @type {{name: string, size: number}} */ s) => (s.size > 0 ? `${s.name} (${formatBytes(s.size)})` : s.name);
  return sources.length <= 2 ? `from ${sources.map(sized).join(' and ')}` : `from ${sources.length} files`;
}

/**
 * What a record is, in a few words: "Vocabulary · 8,000 tokens · GPT-4 (cl100k) split · from moby-dick.txt".
 * @param {StoredRecord} record
 */
export function describeRecord(record) {
  const { settings, meta } = record;
  /** @type {string[]} */
  const parts = [];
  if (record.kind === 'vocabulary') {
    parts.push('Vocabulary');
    if (meta.vocabSize) parts.push(`${formatInteger(meta.vocabSize)} tokens`);
    if (settings.origin === 'imported') parts.push('imported');
    else if (settings.pretokenizer) parts.push(`${splitLabels[settings.pretokenizer] ?? settings.pretokenizer} split`);
    if (meta.interrupted) parts.push('from an interrupted run');
  } else if (record.kind === 'tokenizer-file') {
    /** @type {Record<string, string>} */
    const formats = { tiktoken: `tiktoken, ${settings.pattern} split`, sentencepiece: 'SentencePiece .model', 'tokenizer.json': 'tokenizer.json' };
    parts.push(`Tokenizer file (${formats[settings.format] ?? settings.format})`);
    if (meta.vocabSize) parts.push(`${formatInteger(meta.vocabSize)} tokens`);
  } else if (record.kind === 'vectors') {
    parts.push('Vectors');
    if (meta.size) parts.push(`${formatInteger(meta.size)} ${meta.unit === 'tokens' ? 'tokens' : 'words'} × ${meta.dim}`);
    if (meta.partial) parts.push(`after epoch ${meta.epochsDone} of ${meta.epochs}, training did not finish`);
  } else if (record.kind === 'bpe-run') {
    parts.push(`Interrupted training: ${formatInteger(meta.mergesDone ?? 0)} of ${formatInteger(meta.mergesTarget ?? 0)} merges`);
  } else {
    parts.push('Training text');
  }
  const from = record.kind === 'tokenizer-file' || record.kind === 'corpus' ? '' : sourcesText(record.sources);
  if (from) parts.push(from);
  return parts.join(' · ');
}

export class YourFiles {
  /** @param {{show: (view: string) => unknown}} options */
  constructor({ show }) {
    this.show = show;
    this.store = storedFiles();
    /** @type {string | null} the record being renamed */
    this.renaming = null;
    /** Bumped by each refresh, so a slower earlier one does not draw over a later one. */
    this.revision = 0;
    /** @type {string | null} the item whose Delete takes focus when the one being deleted is gone */
    this.focusAfterDelete = null;
    this.button = document.createElement('button');
    this.button.type = 'button';
    this.button.className = 'button your-files-button';
    this.button.setAttribute('aria-haspopup', 'dialog');
    this.buttonLabel = document.createElement('span');
    this.buttonLabel.textContent = 'Your files';
    this.badge = document.createElement('span');
    this.badge.className = 'your-files-badge';
    this.badge.hidden = true;
    // The count's meaning is read out, not shown: the button's name is its
    // visible text plus this ("Your files 3 kept"), so what a speech-input
    // user sees is what they can say.
    this.badgeNote = document.createElement('span');
    this.badgeNote.className = 'visually-hidden';
    this.button.append(this.buttonLabel, ' ', this.badge, this.badgeNote);
    this.button.addEventListener('click', () => this.open());

    this.dialog = this.buildDialog();
    document.body.append(this.dialog);
    const tools = document.createElement('div');
    tools.className = 'header-tools';
    tools.append(this.button);
    document.querySelector('.site-header')?.append(tools);

    this.store.addEventListener('change', () => this.refresh());
    this.refresh();
  }

  buildDialog() {
    const dialog = document.createElement('dialog');
    dialog.className = 'your-files';
    dialog.id = 'your-files';
    dialog.setAttribute('aria-labelledby', 'your-files-title');
    const head = document.createElement('div');
    head.className = 'your-files-head';
    const title = document.createElement('h2');
    title.id = 'your-files-title';
    title.textContent = 'Your files';
    const close = document.createElement('button');
    close.type = 'button';
    close.className = 'button';
    close.textContent = 'Close';
    close.addEventListener('click', () => dialog.close());
    head.append(title, close);

    const intro = document.createElement('p');
    intro.className = 'your-files-intro';
    intro.textContent =
      'What you train, import or open here is kept in this browser’s own storage for the page (IndexedDB), on this computer only: nothing is uploaded. ' +
      'It is back after a reload. Delete it here, or clear this site’s data in the browser’s settings.';
    this.usage = document.createElement('p');
    this.usage.className = 'note your-files-usage';
    this.problem = document.createElement('p');
    this.problem.className = 'your-files-problem';
    this.problem.hidden = true;
    this.status = document.createElement('p');
    this.status.className = 'note your-files-status';
    this.status.setAttribute('role', 'status');
    this.list = document.createElement('ul');
    this.list.className = 'your-files-list';
    this.list.setAttribute('aria-label', 'Kept files');
    this.empty = document.createElement('p');
    this.empty.className = 'note your-files-empty';
    this.empty.textContent = 'Nothing is kept yet. Train or import a vocabulary, open a tokenizer file, or train or import vectors, and it appears here.';

    this.skippedSection = document.createElement('section');
    this.skippedSection.className = 'your-files-skipped';
    this.skippedSection.setAttribute('aria-labelledby', 'your-files-skipped-title');
    const skippedTitle = document.createElement('h3');
    skippedTitle.id = 'your-files-skipped-title';
    skippedTitle.textContent = 'Kept files that cannot be read back';
    const skippedNote = document.createElement('p');
    skippedNote.className = 'note';
    skippedNote.textContent = 'These were left out when the page loaded; the page works without them. Delete them to free their space.';
    this.skippedList = document.createElement('ul');
    this.skippedList.className = 'your-files-list';
    this.skippedList.setAttribute('aria-label', 'Kept files that cannot be read back');
    this.skippedSection.append(skippedTitle, skippedNote, this.skippedList);

    this.actions = document.createElement('div');
    this.actions.className = 'your-files-actions';
    this.clearButton = this.actionButton('Delete all…', () => this.askClear());
    this.actions.append(this.clearButton);

    dialog.append(head, intro, this.usage, this.problem, this.list, this.empty, this.skippedSection, this.status, this.actions);
    dialog.addEventListener('close', () => {
      this.renaming = null;
      this.button.focus();
    });
    return dialog;
  }

  /** @param {string} text @param {() => void} onClick */
  actionButton(text, onClick) {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'button';
    button.textContent = text;
    button.addEventListener('click', onClick);
    return button;
  }

  open() {
    this.status.textContent = '';
    delete this.dialog.dataset.drawn;
    this.dialog.showModal();
    this.refresh();
  }

  /** Reads the store again and redraws the count and, when open, the list. */
  async refresh() {
    const revision = ++this.revision;
    const { records, skipped, problem } = await this.store.list();
    if (revision !== this.revision) return;
    const count = records.length + skipped.length;
    this.badge.hidden = count === 0 && !problem;
    this.badge.textContent = problem ? '!' : String(count);
    this.badgeNote.textContent = problem ? ' (not kept in this browser)' : count === 0 ? '(none kept)' : ' kept';
    this.button.dataset.count = String(count);
    if (!this.dialog.open) return;
    this.problem.hidden = !problem;
    this.problem.textContent = problem ?? '';
    this.empty.hidden = count > 0 || Boolean(problem);
    const focused = this.dialog.contains(document.activeElement) ? /** @type {HTMLElement} */ (document.activeElement) : null;
    const focusedId = focused?.closest('[data-id]')?.getAttribute('data-id');
    const focusedRole = focused?.dataset.role;
    this.list.replaceChildren(...records.map((record) => this.item(record)));
    this.skippedList.replaceChildren(
      ...skipped.map((entry) => this.unreadableItem(entry.id, entry.name, entry.reason)),
    );
    this.skippedSection.hidden = skipped.length === 0;
    this.clearButton.disabled = count === 0;
    this.clearButton.hidden = Boolean(problem);
    // Keep focus where it was across the redraw (a rename, a delete beside it).
    const again = focusedId ? this.dialog.querySelector(`[data-id="${CSS.escape(focusedId)}"] [data-role="${focusedRole}"]`) : null;
    // The list is up to date (tests wait on it).
    this.dialog.dataset.drawn = 'true';
    // A deleted item's Delete had focus: it goes to the neighbour remove() chose, in the same redraw, so focus never passes through Close.
    const neighbour = this.focusAfterDelete ? this.dialog.querySelector(`[data-id="${CSS.escape(this.focusAfterDelete)}"] [data-role="delete"]`) : null;
    this.focusAfterDelete = null;
    if (again instanceof HTMLElement) again.focus();
    else if (focused && !focused.isConnected)
      /** @type {HTMLElement | null} */ (neighbour instanceof HTMLElement ? neighbour : this.dialog.querySelector('.your-files-head button'))?.focus();
    const estimate = await storageEstimate();
    if (revision !== this.revision) return;
    const kept =
      estimate?.persisted === true
        ? ' The browser keeps it until you delete it.'
        : estimate?.persisted === false
          ? ' The browser may clear it when the disk runs short, as it may any site’s.'
          : '';
    this.usage.textContent = estimate
      ? `The page’s storage in this browser: ${formatBytes(estimate.usage)} in use (with its own files kept for offline use), of ${formatBytes(estimate.quota)} the browser allows.${kept}`
      : '';
  }

  /** @param {StoredRecord} record */
  item(record) {
    const item = document.createElement('li');
    item.className = 'kept-item';
    item.dataset.id = record.id;
    item.dataset.kind = record.kind;
    const main = document.createElement('div');
    main.className = 'kept-main';
    const nameId = `kept-name-${record.id}`;
    const unreadable = unreadablePayloads.get(record.id);
    if (this.renaming === record.id) {
      main.append(this.renameField(record));
    } else {
      const name = document.createElement('span');
      name.className = 'kept-name';
      name.id = nameId;
      name.textContent = record.name;
      main.append(name);
      if (keyOfRecord(record.id) === customTokenizerKey) {
        const badge = document.createElement('span');
        badge.className = 'kept-badge';
        badge.textContent = 'My tokenizer';
        main.append(' ', badge);
      }
    }
    const facts = document.createElement('span');
    facts.className = 'note kept-facts';
    facts.textContent = `${describeRecord(record)} · ${formatBytes(record.bytes)} · ${dates.format(record.createdAt)}`;
    main.append(facts);
    if (unreadable) {
      const problem = document.createElement('span');
      problem.className = 'kept-problem';
      problem.textContent = `Cannot be read back: ${unreadable}.`;
      main.append(problem);
    }
    const actions = document.createElement('div');
    actions.className = 'kept-actions';
    /** @param {string} text @param {string} role @param {() => void} onClick */
    const button = (text, role, onClick) => {
      const made = this.actionButton(text, onClick);
      made.dataset.role = role;
      made.setAttribute('aria-describedby', nameId);
      return made;
    };
    if (this.renaming !== record.id) {
      if (!unreadable) actions.append(button('Rename', 'rename', () => this.startRename(record.id)));
      if (record.kind === 'bpe-run') actions.append(button('Open in Train', 'open', () => this.openRun()));
      else if (!unreadable) actions.append(button('Download', 'download', () => this.download(record)));
      actions.append(button('Delete', 'delete', () => this.remove(record.id, record.name)));
    }
    item.append(main, actions);
    return item;
  }

  /** @param {string} id @param {string} name @param {string} reason */
  unreadableItem(id, name, reason) {
    const item = document.createElement('li');
    item.className = 'kept-item';
    item.dataset.id = id;
    const main = document.createElement('div');
    main.className = 'kept-main';
    const label = document.createElement('span');
    label.className = 'kept-name';
    label.id = `kept-name-${id}`;
    label.textContent = name;
    const why = document.createElement('span');
    why.className = 'kept-problem';
    why.textContent = `Cannot be read back: ${reason}.`;
    main.append(label, why);
    const remove = this.actionButton('Delete', () => this.remove(id, name));
    remove.dataset.role = 'delete';
    remove.setAttribute('aria-describedby', label.id);
    const actions = document.createElement('div');
    actions.className = 'kept-actions';
    actions.append(remove);
    item.append(main, actions);
    return item;
  }

  /** @param {StoredRecord} record */
  renameField(record) {
    const form = document.createElement('form');
    form.className = 'kept-rename';
    const input = document.createElement('input');
    input.type = 'text';
    input.value = record.name;
    input.maxLength = kMaxName;
    input.spellcheck = false;
    input.setAttribute('aria-label', `New name for ${record.name}`);
    input.dataset.role = 'name';
    const save = this.actionButton('Save', () => {});
    save.type = 'submit';
    save.dataset.role = 'save';
    const cancel = this.actionButton('Cancel', () => this.endRename());
    cancel.dataset.role = 'cancel';
    form.append(input, save, cancel);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.rename(record.id, input.value);
    });
    input.addEventListener('keydown', (event) => {
      // Escape leaves the name as it was; the dialog stays open.
      if (event.key === 'Escape') {
        event.preventDefault();
        this.endRename();
      }
    });
    queueMicrotask(() => {
      input.focus();
      input.select();
    });
    return form;
  }

  /** @param {string} id */
  startRename(id) {
    this.renaming = id;
    this.refresh();
  }

  endRename() {
    const id = this.renaming;
    this.renaming = null;
    this.refresh().then(() => {
      if (id) /** @type {HTMLElement | null} */ (this.dialog.querySelector(`[data-id="${CSS.escape(id)}"] [data-role="rename"]`))?.focus();
    });
  }

  /** @param {string} id @param {string} typed */
  async rename(id, typed) {
    const name = typed.trim().slice(0, kMaxName);
    if (!name) {
      this.status.textContent = 'A name cannot be empty.';
      return;
    }
    try {
      await this.store.rename(id, name);
      this.status.textContent = `Renamed to “${name}”.`;
    } catch (error) {
      this.status.textContent = `Could not rename: ${error instanceof Error ? error.message : error}`;
    }
    this.endRename();
  }

  /** @param {StoredRecord} record */
  async download(record) {
    try {
      const file = await recordFile(record);
      if (!file) return;
      const url = URL.createObjectURL(file.blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = file.name;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      this.status.textContent = `Downloading ${file.name} (${formatBytes(file.blob.size)}).`;
    } catch (error) {
      unreadablePayloads.set(record.id, error instanceof Error ? error.message : String(error));
      this.status.textContent = `Could not download “${record.name}”: ${error instanceof Error ? error.message : error}`;
      this.refresh();
    }
  }

  openRun() {
    this.dialog.close();
    this.show('train');
  }

  /** @param {string} id @param {string} name */
  async remove(id, name) {
    // Focus goes to the next item's Delete (or the one before) once this one is gone.
    const item = this.dialog.querySelector(`[data-id="${CSS.escape(id)}"]`);
    const neighbour = item?.nextElementSibling ?? item?.previousElementSibling;
    this.focusAfterDelete = neighbour?.getAttribute('data-id') ?? null;
    try {
      await this.store.remove(id);
      this.status.textContent = `Deleted “${name}” from this browser.`;
    } catch (error) {
      this.status.textContent = `Could not delete “${name}”: ${error instanceof Error ? error.message : error}`;
    }
    await this.refresh();
  }

  askClear() {
    const question = document.createElement('span');
    question.className = 'your-files-question';
    question.textContent = `Delete everything kept in this browser (${this.button.dataset.count} ${this.button.dataset.count === '1' ? 'file' : 'files'})? This cannot be undone.`;
    const yes = this.actionButton('Delete all', () => this.clear());
    yes.classList.add('danger');
    const no = this.actionButton('Keep them', () => {
      this.actions.replaceChildren(this.clearButton);
      this.clearButton.focus();
    });
    this.actions.replaceChildren(question, yes, no);
    no.focus();
  }

  async clear() {
    try {
      await this.store.clear();
      this.status.textContent = 'Everything the page kept in this browser is deleted.';
    } catch (error) {
      this.status.textContent = `Could not delete everything: ${error instanceof Error ? error.message : error}`;
    }
    this.actions.replaceChildren(this.clearButton);
    await this.refresh();
    /** @type {HTMLElement | null} */ (this.dialog.querySelector('.your-files-head button'))?.focus();
  }
}

/** @param {{show: (view: string) => unknown}} options */
export function startYourFiles(options) {
  return new YourFiles(options);
}
