// @ts-check
// The Compare view: one text under two to four tokenizers, their counts side
// by side (tokens, characters per token, tokens against the first row's) and
// their tokens lined up by character (grid.js); below it the
// explainer's word examples under each chosen tokenizer (common/explainer-check.js)
// and the embedding-size table (common/size-table.js) for the same text.
//
//   #view=compare&c=cl100k_base,mistral,llama2&text=Hello&bos=0
//
// c: the tokenizers in order; bos=0: without the BOS / [CLS] / [SEP] the Hugging
// Face tokenizers add (on by default, as their reference does). Encoding works
// as in the Tokenize view: an edit restarts a short timer, a result for a
// state that has since changed is not drawn.

import { AlignedTokens } from './grid.js';
import { CompareSummary } from './summary.js';
import { part } from '../common/dom.js';
import { compareExamples } from '../common/examples.js';
import { ExplainerCheck } from '../common/explainer-check.js';
import { LatestRun } from '../common/latest-run.js';
import { SizeTable } from '../common/size-table.js';
import { countsOf } from '../common/token-layout.js';
import { viewTokenizerDrop } from '../common/tokenizer-drop.js';
import { catalogEvents, findTokenizer, isPageMadeKey, tokenizers } from '../common/tokenizers.js';
import { linkWithText } from '../common/url-state.js';

export const minTokenizers = 2;
export const maxTokenizers = 4;
/** One token for "embeddings" in GPT-4, two in Mistral 7B, three in LLaMA 2, four in BERT. */
export const defaultKeys = ['cl100k_base', 'mistral', 'llama2', 'bert-base-uncased'];

/**
 * @typedef {object} CompareState
 * @property {string[]} keys
 * @property {string} text
 * @property {boolean} addSpecialTokens
 */

/**
 * @typedef {object} RowResult
 * @property {string} key
 * @property {import('../common/tokenizers.js').LoadedTokenizer} [info]
 * @property {import('../common/token-layout.js').Encoding} [encoding]
 * @property {import('../common/tokenizers.js').Vocabulary} [vocabulary]
 * @property {string} [error]
 */

export class CompareView {
  /**
   * @param {HTMLElement} root the view's section
   * @param {import('../tokenize/view.js').ViewServices} services
   */
  constructor(root, services) {
    this.root = root;
    this.services = services;
    /** @type {CompareState} */
    this.state = { keys: [...defaultKeys], text: compareExamples[0].text, addSpecialTokens: true };

    this.textArea = part(root, '#cmp-text', HTMLTextAreaElement);
    this.exampleBar = part(root, '#cmp-examples', HTMLElement);
    this.addedToggle = part(root, '#cmp-added', HTMLInputElement);
    this.linkNote = part(root, '#cmp-link-note', HTMLElement);
    this.rowsBody = part(root, '#cmp-rows', HTMLTableSectionElement);
    this.addButton = part(root, '#cmp-add', HTMLButtonElement);
    this.fileStatus = part(root, '#cmp-file-status', HTMLElement);
    this.errorBox = part(root, '#cmp-error', HTMLElement);
    this.errorText = part(root, '#cmp-error-text', HTMLElement);
    this.output = part(root, '#cmp-output', HTMLElement);

    this.aligned = new AlignedTokens({
      container: part(root, '#cmp-align', HTMLElement),
      tooltip: part(document, '#token-tip', HTMLElement),
      status: part(root, '#cmp-align-status', HTMLElement),
    });
    this.sizes = new SizeTable(
      {
        body: part(root, '#size-rows', HTMLTableSectionElement),
        status: part(root, '#size-status', HTMLElement),
        differences: part(root, '#size-differences', HTMLElement),
        footnotes: part(root, '#size-footnotes', HTMLElement),
        sentinel: part(root, '#size-table', HTMLElement),
      },
      services,
    );
    this.check = new ExplainerCheck({ table: part(root, '#check-table', HTMLTableElement) }, services);
    /** The tokenizers the explainer check shows; it depends on them only, not on the text. */
    this.checkedKeys = '';

    this.summary = new CompareSummary(
      this.rowsBody,
      { choose: (slot, key) => this.chooseTokenizer(slot, key), remove: (slot) => this.removeTokenizer(slot) },
      minTokenizers,
    );
    this.encoder = new LatestRun((isCurrent) => this.encodePass(isCurrent), {
      onStart: () => this.output.setAttribute('aria-busy', 'true'),
      onError: (error) =>
        this.showError(
          this.services.client.startFailure ?? `Could not compare: ${error instanceof Error ? error.message : error}.`,
        ),
      onEnd: () => this.output.removeAttribute('aria-busy'),
    });

    this.buildExamples();
    this.bindControls();
    this.renderRows();
    this.drop = viewTokenizerDrop({
      root,
      loader: services.loader,
      status: this.fileStatus,
      hideError: () => this.hideError(),
      showError: (message) => this.showError(message),
      onAdded: (key) => this.addTokenizer(key),
    });
    // Tokenizers trained or dropped in the page join every row's choice.
    catalogEvents.addEventListener('change', (event) => {
      const key = /** @type {CustomEvent<string>} */ (event).detail;
      this.renderRows();
      if (this.state.keys.includes(key)) this.encodeSoon(0);
    });
  }

  buildExamples() {
    for (const example of compareExamples) {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'example';
      button.dataset.example = example.key;
      button.textContent = example.label;
      button.addEventListener('click', () => {
        this.textArea.value = example.text;
        this.setText(example.text, true);
      });
      this.exampleBar.append(button);
    }
  }

  bindControls() {
    this.textArea.addEventListener('input', () => this.setText(this.textArea.value, false));
    this.addedToggle.addEventListener('change', () => {
      this.state.addSpecialTokens = this.addedToggle.checked;
      this.writeLink(true);
      this.encodeSoon(0);
    });
    this.addButton.addEventListener('click', () => {
      const unused = tokenizers.find((entry) => !this.state.keys.includes(entry.key));
      if (unused) this.addTokenizer(unused.key);
    });
  }

  /**
   * Adds a row for key (a file just dropped, or the Add button); with four
   * rows already, the last one makes way.
   * @param {string} key
   */
  addTokenizer(key) {
    const keys = this.state.keys.filter((existing) => existing !== key);
    if (keys.length >= maxTokenizers) keys.length = maxTokenizers - 1;
    this.state.keys = [...keys, key];
    this.renderRows();
    this.writeLink(true);
    this.encodeSoon(0);
  }

  /** One table row per chosen tokenizer: its choice, load status and counts. */
  renderRows() {
    const { keys } = this.state;
    this.summary.render(keys, (key) => this.services.loader.info(key)?.vocabSize);
    this.addButton.disabled = keys.length >= maxTokenizers || keys.length >= tokenizers.length;
  }

  /**
   * @param {number} slot
   * @param {string} key
   */
  chooseTokenizer(slot, key) {
    const keys = [...this.state.keys];
    const other = keys.indexOf(key);
    if (other >= 0) keys[other] = keys[slot];
    keys[slot] = key;
    this.state.keys = keys;
    this.renderRows();
    this.writeLink(true);
    this.encodeSoon(0);
  }

  /** @param {number} slot */
  removeTokenizer(slot) {
    if (this.state.keys.length <= minTokenizers) return;
    this.state.keys = this.state.keys.filter((_, index) => index !== slot);
    this.renderRows();
    this.writeLink(true);
    this.encodeSoon(0);
  }

  /**
   * Restores the view from a link's pairs; missing keys take their defaults.
   * @param {URLSearchParams} params
   */
  applyLink(params) {
    const named = (params.get('c') ?? '').split(',').filter(Boolean);
    /** @type {string[]} */
    const problems = [];
    /** @type {string[]} */
    const keys = [];
    for (const key of named) {
      if (findTokenizer(key)) {
        if (!keys.includes(key) && keys.length < maxTokenizers) keys.push(key);
      } else if (isPageMadeKey(key)) {
        problems.push(`“${key}” was made in or dropped on the page, and this browser does not keep it (it was deleted, or the link was made in another browser)`);
      } else {
        problems.push(`“${key}” is not a tokenizer this page knows (known: ${tokenizers.map((entry) => entry.key).join(', ')})`);
      }
    }
    for (const key of defaultKeys) if (keys.length < minTokenizers && !keys.includes(key)) keys.push(key);
    this.state = {
      keys: named.length > 0 ? keys : [...defaultKeys],
      text: params.get('text') ?? compareExamples[0].text,
      addSpecialTokens: params.get('bos') !== '0',
    };
    this.textArea.value = this.state.text;
    this.addedToggle.checked = this.state.addSpecialTokens;
    this.renderRows();
    this.hideError();
    if (problems.length > 0) {
      this.showError(`The link names tokenizers that are not here: ${problems.join('; ')}. Showing the others.`);
      this.writeLink(true);
    }
    this.encodeSoon(0);
  }

  /** The view's state as a URL fragment, text left out when too long for a link. */
  fragment() {
    return this.link().fragment;
  }

  /** @returns {{fragment: string, keepsText: boolean}} */
  link() {
    const { keys, text, addSpecialTokens } = this.state;
    return linkWithText({ view: 'compare', c: keys.join(','), bos: addSpecialTokens ? undefined : '0' }, text);
  }

  /** @param {boolean} immediate */
  writeLink(immediate) {
    const { fragment, keepsText } = this.link();
    this.linkNote.hidden = keepsText;
    this.services.link.write(fragment, { immediate });
  }

  /**
   * @param {string} text
   * @param {boolean} immediate
   */
  setText(text, immediate) {
    this.state.text = text;
    this.writeLink(immediate);
    this.encodeSoon(immediate ? 0 : text.length <= 20_000 ? 150 : 400);
  }

  /** @param {number} delayMs */
  encodeSoon(delayMs) {
    this.encoder.schedule(delayMs);
  }

  /**
   * Encodes the current state with every chosen tokenizer and draws it, unless it changed meanwhile.
   * @param {() => boolean} isCurrent
   */
  async encodePass(isCurrent) {
    const { keys, text, addSpecialTokens } = this.state;
    const results = await Promise.all(keys.map((key, slot) => this.encodeWith(key, slot, text, addSpecialTokens, isCurrent)));
    if (!isCurrent()) return;
    this.draw(results);
  }

  /**
   * Loads (once, with progress in the row) and encodes with one tokenizer.
   * @param {string} key
   * @param {number} slot
   * @param {string} text
   * @param {boolean} addSpecialTokens
   * @param {() => boolean} current whether the state is still the one being encoded
   * @returns {Promise<RowResult>}
   */
  async encodeWith(key, slot, text, addSpecialTokens, current) {
    const { loader, client } = this.services;
    try {
      let info = loader.info(key);
      if (!info) {
        this.summary.showProgress(slot, 0, 0);
        info = await loader.load(key, (loaded, total) => {
          if (current()) this.summary.showProgress(slot, loaded, total);
        });
        if (current()) this.summary.showVocab(slot, info.vocabSize);
      }
      const [encoding, vocabulary] = await Promise.all([
        client.request('encode', { key, text, allowSpecial: false, addSpecialTokens }),
        loader.vocabulary(key),
      ]);
      return { key, info, encoding, vocabulary };
    } catch (error) {
      return { key, error: error instanceof Error ? error.message : String(error) };
    }
  }

  /** @param {RowResult[]} results one per chosen tokenizer, in order */
  draw(results) {
    const startFailure = this.services.client.startFailure;
    if (startFailure) this.showError(startFailure);
    const first = results[0]?.encoding ? countsOf(results[0].encoding).tokens : null;
    /** @type {import('./grid.js').AlignedRow[]} */
    const aligned = [];
    /** @type {Map<string, number>} */
    const counts = new Map();
    results.forEach((result, slot) => {
      if (!result.encoding || !result.vocabulary || !result.info) {
        this.summary.showFailure(slot, result.error ?? 'unknown error');
        return;
      }
      this.summary.showVocab(slot, result.info.vocabSize);
      this.summary.showCounts(slot, result.encoding, first);
      counts.set(result.key, result.encoding.ids.length);
      aligned.push({ label: findTokenizer(result.key)?.model ?? result.key, encoding: result.encoding, names: result.vocabulary, tone: slot });
    });
    this.aligned.show(aligned);
    this.output.dataset.keys = results.map((result) => result.key).join(',');
    this.output.dataset.bytes = String(results.find((result) => result.encoding)?.encoding?.bytes.length ?? 0);
    this.sizes.setText(this.state.text, this.state.addSpecialTokens, counts);
    const loadedKeys = results.filter((result) => result.encoding).map((result) => result.key).join(',');
    if (loadedKeys !== this.checkedKeys) {
      this.checkedKeys = loadedKeys;
      this.check.show(loadedKeys.split(',').filter(Boolean));
    }
  }

  /** @param {string} message */
  showError(message) {
    this.errorText.textContent = message;
    this.errorBox.hidden = false;
  }

  hideError() {
    this.errorBox.hidden = true;
  }
}
