// @ts-check
// The Tokenize view: text in, chips and counts out. It owns the view's state
// (tokenizer, text, options), keeps it in the URL, loads vocabularies when
// first chosen and asks the worker to encode after a pause in typing.
//
// Encoding is never queued up: an edit restarts a short timer; when it
// fires while the worker is busy, the newest state is encoded as soon as the
// worker answers. A result for a state that has since changed is not drawn.
//
// Links: #t=llama2&text=Hi&special=1&ws=1&bos=0 (bos=0: without the BOS /
// [CLS] / [SEP] a Hugging Face tokenizer adds, which are on by default);
// out=ids|both and sep=comma|json|lines for the output (ids-output.js);
// in=ids for ids read back to text, the ids then in text: #in=ids&text=9906+1917;
// in=chat for a conversation, its messages then in text (chat-mode.js);
// in=diff for two texts compared, text=["before","after"] (diff-mode.js).

import { examples, defaultExample } from '../common/examples.js';
import { formatBytes, formatInteger, formatMs, formatRatio } from '../common/format.js';
import { LatestRun } from '../common/latest-run.js';
import { TokenChips } from '../common/token-chips.js';
import { countsOf } from '../common/token-layout.js';
import { viewTokenizerDrop } from '../common/tokenizer-drop.js';
import { catalogEvents, customTokenizerKey, defaultTokenizerKey, describeTokenizer, findTokenizer, isPageMadeKey, tokenizerGroups, tokenizers } from '../common/tokenizers.js';
import { linkWithText } from '../common/url-state.js';
import { readIds } from './ids-input.js';
import { IdsOutput } from './ids-output.js';
import { CutPanel } from './cut-panel.js';
import { DiffMode } from './diff-mode.js';
import { TokenCard } from './token-card.js';

/**
 * @typedef {object} ViewServices
 * @property {import('../engine/tokenizer-client.js').EngineClient} client
 * @property {import('../common/tokenizers.js').TokenizerLoader} loader
 * @property {import('../common/url-state.js').LinkWriter} link
 */

/**
 * @typedef {object} TokenizeState
 * @property {string} key tokenizer key
 * @property {string} text
 * @property {boolean} allowSpecial
 * @property {boolean} visibleWhitespace
 * @property {boolean} addSpecialTokens BOS / [CLS] ... [SEP] as the tokenizer's reference adds them
 * @property {'text' | 'ids' | 'chat' | 'diff'} input what the reader gives: text to encode, ids to read back, a conversation, or two texts to compare
 * @property {string} idsText the ids given, as typed
 */

/** Texts up to this many UTF-16 units are encoded after a short pause, longer ones after a longer one. */
const shortText = 20_000;

/**
 * The longest text this view encodes, in UTF-16 units. Past it the chips, the
 * ids passed back and the textarea itself cost the tab more than it can give;
 * the command-line tool counts texts of any size.
 */
export const longestText = 32_000_000;

/**
 * @template {Element} T
 * @param {ParentNode} root
 * @param {string} selector
 * @param {new (...args: any[]) => T} type
 * @returns {T}
 */
function part(root, selector, type) {
  const element = root.querySelector(selector);
  if (!(element instanceof type)) throw new Error(`page is missing ${selector}`);
  return element;
}

export class TokenizeView {
  /**
   * @param {HTMLElement} root the view's section
   * @param {ViewServices} services
   */
  constructor(root, services) {
    this.root = root;
    this.services = services;
    /** @type {TokenizeState} */
    this.state = { key: defaultTokenizerKey, text: defaultExample.text, allowSpecial: false, visibleWhitespace: false, addSpecialTokens: true, input: 'text', idsText: '' };

    this.picker = part(root, '#tokenizer-picker', HTMLElement);
    this.vocabInfo = part(root, '#vocab-info', HTMLElement);
    this.progress = part(root, '#vocab-progress', HTMLElement);
    this.progressBar = part(root, '#vocab-progress progress', HTMLProgressElement);
    this.progressLabel = part(root, '#vocab-progress-label', HTMLElement);
    this.errorBox = part(root, '#tokenize-error', HTMLElement);
    this.errorText = part(root, '#tokenize-error-text', HTMLElement);
    this.retryButton = part(root, '#tokenize-retry', HTMLButtonElement);
    this.textArea = part(root, '#tokenize-text', HTMLTextAreaElement);
    this.inputPicker = part(root, '#input-mode', HTMLElement);
    this.textInput = part(root, '#text-input', HTMLElement);
    this.idsInput = part(root, '#ids-input', HTMLElement);
    this.idsArea = part(root, '#tokenize-ids', HTMLTextAreaElement);
    this.idsProblem = part(root, '#ids-problem', HTMLElement);
    this.decodedPart = part(root, '#decoded-part', HTMLElement);
    this.decodedText = part(root, '#decoded-text', HTMLTextAreaElement);
    this.chatInput = part(root, '#chat-input', HTMLElement);
    /** @type {Promise<import('./chat-mode.js').ChatMode> | null} Chat mode, its modules (and the Jinja engine) loaded when first used */
    this.chatLoading = null;
    /** @type {import('./chat-mode.js').ChatMode | null} */
    this.chat = null;
    /** @type {URLSearchParams | null} a link's conversation, waiting for Chat mode to load */
    this.chatLink = null;
    /** @type {string | null} what was wrong with a link's two texts, shown once they are compared */
    this.diffLinkProblem = null;
    this.diffInput = part(root, '#diff-input', HTMLElement);
    this.diff = new DiffMode(root, {
      client: services.client,
      loader: services.loader,
      onChange: (immediate) => {
        this.writeLink(immediate);
        this.encodeSoon(immediate ? 0 : 150);
      },
    });
    this.exampleBar = part(root, '#examples', HTMLElement);
    this.whitespaceToggle = part(root, '#toggle-whitespace', HTMLInputElement);
    this.specialToggle = part(root, '#toggle-special', HTMLInputElement);
    this.addedToggle = part(root, '#toggle-added', HTMLInputElement);
    this.addedNote = part(root, '#toggle-added-note', HTMLElement);
    this.linkNote = part(root, '#link-note', HTMLElement);
    this.dropStatus = part(root, '#tokenizer-file-status', HTMLElement);
    this.output = part(root, '#token-output', HTMLElement);
    this.timing = part(root, '#encode-timing', HTMLElement);
    /** @type {Record<'tokens' | 'characters' | 'bytes' | 'charactersPerToken', HTMLElement>} */
    this.countCells = {
      tokens: part(root, '#count-tokens', HTMLElement),
      characters: part(root, '#count-characters', HTMLElement),
      bytes: part(root, '#count-bytes', HTMLElement),
      charactersPerToken: part(root, '#count-ratio', HTMLElement),
    };
    this.chips = new TokenChips({
      scroller: part(root, '#chip-scroller', HTMLElement),
      list: part(root, '#chip-list', HTMLElement),
      sentinel: part(root, '#chip-sentinel', HTMLElement),
      tooltip: part(document, '#token-tip', HTMLElement),
      status: part(root, '#chip-status', HTMLElement),
    });

    this.idsOutput = new IdsOutput(root, { chips: this.chips, onChange: () => this.writeLink(true) });
    this.card = new TokenCard(root, services);
    this.cut = new CutPanel(root, {
      client: services.client,
      current: () => ({ key: this.state.key, text: this.state.text, name: findTokenizer(this.state.key)?.name ?? this.state.key }),
      onChange: () => this.writeLink(true),
    });
    /** @type {{encoding: import('../common/token-layout.js').Encoding, vocabulary: import('../common/tokenizers.js').Vocabulary, key: string} | null} what the chips show */
    this.drawn = null;
    this.bindCard(part(root, '#chip-list', HTMLElement));

    this.encoder = new LatestRun((isCurrent) => this.encodePass(isCurrent), {
      onStart: () => this.output.setAttribute('aria-busy', 'true'),
      onError: (error) => this.showFailure(error),
      onEnd: () => this.output.removeAttribute('aria-busy'),
    });

    this.buildPicker();
    this.buildExamples();
    this.bindControls();
    this.drop = viewTokenizerDrop({
      root,
      loader: services.loader,
      status: this.dropStatus,
      hideError: () => this.hideError(),
      showError: (message) => this.showError(message, false),
      onAdded: (key) => this.selectTokenizer(key),
    });
  }

  buildPicker() {
    this.renderPicker();
    this.picker.addEventListener('change', (event) => {
      const input = /** @type {HTMLInputElement} */ (event.target);
      if (input.name === 'tokenizer') this.selectTokenizer(input.value);
    });
    // A vocabulary trained or imported in the Train view joins (or replaces its predecessor in) the choice.
    catalogEvents.addEventListener('change', (event) => {
      const key = /** @type {CustomEvent<string>} */ (event).detail;
      this.services.loader.forget(key);
      this.renderPicker();
      this.checkPickerRadio();
      if (this.state.key === key) this.encodeSoon(0);
    });
  }

  /**
   * The choices grouped by maker, each group named by a small label above
   * its segments. All radios share one name, so the arrow keys still move
   * through every choice, across groups, in order.
   */
  renderPicker() {
    const groups = tokenizerGroups().map(({ label, entries }, index) => {
      const group = document.createElement('div');
      group.className = 'segment-group';
      group.setAttribute('role', 'group');
      const heading = document.createElement('span');
      heading.className = 'segment-group-label';
      heading.id = `tokenizer-group-${index}`;
      heading.textContent = label;
      group.setAttribute('aria-labelledby', heading.id);
      const choices = document.createElement('div');
      choices.className = 'segment-group-choices';
      choices.append(...entries.map((entry) => this.pickerOption(entry)));
      group.append(heading, choices);
      return group;
    });
    const legend = this.picker.querySelector('legend');
    this.picker.replaceChildren(...(legend ? [legend] : []), ...groups);
  }

  /** @param {import('../common/tokenizers.js').TokenizerEntry} entry */
  pickerOption(entry) {
    const label = document.createElement('label');
    label.className = 'segment';
    const input = document.createElement('input');
    input.type = 'radio';
    input.name = 'tokenizer';
    input.value = entry.key;
    const model = document.createElement('span');
    model.className = 'segment-title';
    model.textContent = entry.model;
    const name = document.createElement('span');
    name.className = 'segment-note';
    name.textContent = entry.note ?? entry.name;
    label.append(input, model, name);
    if (entry.files) {
      label.classList.add('segment-custom');
      label.title = entry.name;
    }
    return label;
  }

  buildExamples() {
    for (const example of examples) {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'example';
      button.dataset.example = example.key;
      button.textContent = example.label;
      button.addEventListener('click', () => {
        this.textArea.value = example.text;
        this.setText(example.text, { immediate: true });
      });
      this.exampleBar.append(button);
    }
  }

  bindControls() {
    this.textArea.addEventListener('input', () => this.setText(this.textArea.value, { immediate: false }));
    this.whitespaceToggle.addEventListener('change', () => {
      this.state.visibleWhitespace = this.whitespaceToggle.checked;
      this.output.dataset.whitespace = this.state.visibleWhitespace ? 'visible' : 'hidden';
      this.chips.setVisibleWhitespace(this.state.visibleWhitespace);
      this.writeLink(true);
    });
    this.specialToggle.addEventListener('change', () => {
      this.state.allowSpecial = this.specialToggle.checked;
      this.writeLink(true);
      this.encodeSoon(0);
    });
    this.addedToggle.addEventListener('change', () => {
      this.state.addSpecialTokens = this.addedToggle.checked;
      this.writeLink(true);
      this.encodeSoon(0);
    });
    this.retryButton.addEventListener('click', () => this.encodeSoon(0));
    this.inputPicker.addEventListener('change', (event) => {
      const input = /** @type {HTMLInputElement} */ (event.target);
      this.setInput(inputMode(input.value));
      this.writeLink(true);
      this.encodeSoon(0);
    });
    this.idsArea.addEventListener('input', () => {
      this.state.idsText = this.idsArea.value;
      this.writeLink(false);
      this.encodeSoon(this.idsArea.value.length <= shortText ? 120 : 300);
    });
  }

  /**
   * A chip clicked, or Enter on a focused one, opens its card.
   * @param {HTMLElement} list
   */
  bindCard(list) {
    const openFor = (/** @type {EventTarget | null} */ target) => {
      const chip = target instanceof Element ? /** @type {HTMLElement | null} */ (target.closest('.chip')) : null;
      if (!chip || !this.drawn) return false;
      this.card.open({ ...this.drawn, index: Number(chip.dataset.index), chip });
      return true;
    };
    list.addEventListener('click', (event) => openFor(event.target));
    list.addEventListener('keydown', (event) => {
      if ((event.key === 'Enter' || event.key === ' ') && openFor(event.target)) event.preventDefault();
    });
  }

  /**
   * Shows the text box or the ids box; the options that only shape encoding
   * are disabled while ids are read back.
   * @param {'text' | 'ids' | 'chat' | 'diff'} input
   */
  setInput(input) {
    this.state.input = input;
    for (const radio of this.inputPicker.querySelectorAll('input')) radio.checked = radio.value === input;
    this.textInput.hidden = input !== 'text';
    this.idsInput.hidden = input !== 'ids';
    this.chatInput.hidden = input !== 'chat';
    this.diffInput.hidden = input !== 'diff';
    this.diff.setShown(input === 'diff');
    this.decodedPart.hidden = input !== 'ids';
    this.specialToggle.disabled = input !== 'text' && input !== 'diff';
    if (input !== 'text' && input !== 'diff') this.addedToggle.disabled = true;
    if (input !== 'ids') this.idsProblem.hidden = true;
    if (input !== 'chat') this.chat?.hide();
    this.cut.setShown(input === 'text');
  }

  /** Chat mode, made on first use. */
  chatMode() {
    if (!this.chatLoading) {
      this.chatLoading = import('./chat-mode.js').then(({ ChatMode }) => {
        const chat = new ChatMode(this.root, {
          onChange: (immediate) => {
            this.writeLink(immediate);
            this.encodeSoon(immediate ? 0 : 150);
          },
        });
        this.chat = chat;
        return chat;
      });
      this.chatLoading.catch(() => (this.chatLoading = null));
    }
    return this.chatLoading;
  }

  /**
   * Restores the view from a link's pairs; missing keys take their defaults.
   * @param {URLSearchParams} params
   */
  applyLink(params) {
    const key = params.get('t');
    const known = findTokenizer(key ?? defaultTokenizerKey);
    /** @type {string | null} */
    let problem = null;
    if (key === customTokenizerKey && !known) {
      problem = `The link names “${key}”, a vocabulary trained in the page that this browser does not keep (it was deleted, or the link was made in another browser); showing ${this.describeTokenizer(defaultTokenizerKey)} instead. Train it again in the Train a vocabulary view.`;
    } else if (key !== null && isPageMadeKey(key) && !known) {
      problem = `The link names “${key}”, a tokenizer file dropped on the page that this browser does not keep (it was deleted, or the link was made in another browser); showing ${this.describeTokenizer(defaultTokenizerKey)} instead. Drop the file again to use it.`;
    } else if (key !== null && !known) {
      problem = `The link names an unknown tokenizer, “${key}”; showing ${this.describeTokenizer(defaultTokenizerKey)} instead. Known tokenizers: ${tokenizers.map((entry) => entry.key).join(', ')}.`;
    }
    const input = inputMode(params.get('in'));
    this.state = {
      key: known ? known.key : defaultTokenizerKey,
      text: input === 'text' ? params.get('text') ?? defaultExample.text : defaultExample.text,
      allowSpecial: params.get('special') === '1',
      visibleWhitespace: params.get('ws') === '1',
      addSpecialTokens: params.get('bos') !== '0',
      input,
      idsText: input === 'ids' ? params.get('text') ?? '' : '',
    };
    this.textArea.value = this.state.text;
    this.idsArea.value = this.state.idsText;
    this.chatLink = input === 'chat' ? params : null;
    this.diffLinkProblem = input === 'diff' ? this.diff.applyLink(params) : null;
    this.setInput(input);
    this.idsOutput.setMode(params.get('out'));
    this.idsOutput.setLayout(params.get('sep'));
    const cutAgain = this.cut.applyLink(params) && input === 'text';
    this.specialToggle.checked = this.state.allowSpecial;
    this.addedToggle.checked = this.state.addSpecialTokens;
    this.whitespaceToggle.checked = this.state.visibleWhitespace;
    this.output.dataset.whitespace = this.state.visibleWhitespace ? 'visible' : 'hidden';
    this.chips.setVisibleWhitespace(this.state.visibleWhitespace);
    this.checkPickerRadio();
    this.hideError();
    this.linkNote.hidden = true;
    // The link already says all this; rewrite it only to drop what was wrong.
    if (problem) {
      this.showError(problem, false);
      this.writeLink(true);
    }
    this.encodeSoon(0);
    // A link with cut settings cuts again once the tokenizer is there (a failed load shows in the view).
    if (cutAgain) this.services.loader.load(this.state.key).then(() => this.cut.run(), () => {});
  }

  /** The view's state as a URL fragment, text left out when too long for a link. */
  fragment() {
    return this.link().fragment;
  }

  /** @returns {{fragment: string, keepsText: boolean}} */
  link() {
    const { key, text, allowSpecial, visibleWhitespace, addSpecialTokens, input, idsText } = this.state;
    return linkWithText(
      {
        view: 'tokenize',
        t: key,
        in: input === 'text' ? undefined : input,
        special: allowSpecial ? '1' : undefined,
        ws: visibleWhitespace ? '1' : undefined,
        bos: addSpecialTokens ? undefined : '0',
        ...this.idsOutput.linkValues(),
        ...(input === 'chat' ? this.chatLinkValues() : {}),
        ...(input === 'text' ? this.cut.linkValues() : {}),
        ...(input === 'diff' ? this.diff.linkValues() : {}),
      },
      input === 'ids' ? idsText : input === 'chat' ? this.chatLinkText() : input === 'diff' ? this.diff.linkText() : text,
    );
  }

  /** The conversation's options for the link, from the link itself while Chat mode loads. */
  chatLinkValues() {
    if (this.chat && !this.chatLink) return this.chat.linkValues();
    return { prime: this.chatLink?.get('prime') === '0' ? '0' : undefined };
  }

  /** The conversation for the link, as a JSON list of [role, content] pairs. */
  chatLinkText() {
    if (this.chat && !this.chatLink) return JSON.stringify(this.chat.messages.map(({ role, content }) => [role, content]));
    return this.chatLink?.get('text') ?? '';
  }

  /** @param {boolean} immediate */
  writeLink(immediate) {
    const { fragment, keepsText } = this.link();
    this.linkNote.hidden = keepsText;
    this.services.link.write(fragment, { immediate });
  }

  /** @param {string} key */
  describeTokenizer(key) {
    return describeTokenizer(key);
  }

  checkPickerRadio() {
    for (const input of this.picker.querySelectorAll('input[name="tokenizer"]')) {
      const radio = /** @type {HTMLInputElement} */ (input);
      radio.checked = radio.value === this.state.key;
    }
  }

  /** @param {string} key */
  selectTokenizer(key) {
    if (!findTokenizer(key) || key === this.state.key) return;
    this.state.key = key;
    this.checkPickerRadio();
    this.writeLink(true);
    this.encodeSoon(0);
  }

  /**
   * @param {string} text
   * @param {{immediate: boolean}} options
   */
  setText(text, { immediate }) {
    this.state.text = text;
    this.writeLink(immediate);
    this.encodeSoon(immediate ? 0 : text.length <= shortText ? 120 : 300);
  }

  /** @param {number} delayMs */
  encodeSoon(delayMs) {
    this.encoder.schedule(delayMs);
  }

  /**
   * Encodes the current state and draws it, unless it changed meanwhile.
   * @param {() => boolean} isCurrent
   */
  async encodePass(isCurrent) {
    if (this.state.input === 'ids') {
      await this.readIdsPass(isCurrent);
      return;
    }
    if (this.state.input === 'chat') {
      await this.chatPass(isCurrent);
      return;
    }
    if (this.state.input === 'diff') {
      await this.diffPass(isCurrent);
      return;
    }
    const { key, text, allowSpecial, addSpecialTokens } = this.state;
    if (text.length > longestText) {
      this.showError(
        `This text is ${formatInteger(text.length)} characters, more than the ${formatInteger(longestText)} this page tokenizes at once. ` +
          'Shorten it, or count it with the command-line tool (tokenlab count).',
        false,
      );
      return;
    }
    const info = await this.loadTokenizer(key);
    if (!isCurrent()) return;
    const [result, vocabulary] = await Promise.all([
      this.services.client.request('encode', { key, text, allowSpecial, addSpecialTokens }),
      this.services.loader.vocabulary(key),
    ]);
    if (!isCurrent()) return;
    this.hideError();
    this.draw(result, info, vocabulary);
  }

  /**
   * Reads the pasted ids back: each known id as its token's chip, the text
   * they decode to, and the ids that are no token named.
   * @param {() => boolean} isCurrent
   */
  async readIdsPass(isCurrent) {
    const { key, idsText } = this.state;
    if (idsText.length > longestText) {
      this.showError(`This list is ${formatInteger(idsText.length)} characters, more than the ${formatInteger(longestText)} this page reads at once.`, false);
      return;
    }
    const loaded = await this.tokenizerFor(key, isCurrent);
    if (!loaded) return;
    const { info, vocabulary } = loaded;
    const started = performance.now();
    const read = await readIds(idsText, vocabulary, (ids) => this.services.client.request('decode', { key, ids }));
    if (!isCurrent()) return;
    this.hideError();
    this.idsProblem.hidden = read.problems.length === 0;
    this.idsProblem.textContent = read.problems.join(' ');
    this.decodedText.value = read.text;
    this.draw({ ...read.encoding, encodeMs: performance.now() - started }, info, vocabulary);
    this.addedToggle.disabled = true;
    this.timing.textContent = `Read ${formatInteger(read.encoding.ids.length)} ids with ${info.name}.`;
  }

  /**
   * Renders the conversation with the tokenizer's chat format and draws the
   * prompt's tokens, or says that the tokenizer's models have no format.
   * @param {() => boolean} isCurrent
   */
  async chatPass(isCurrent) {
    const { key } = this.state;
    const chat = await this.chatMode();
    /** @type {string | null} */
    let linkProblem = null;
    if (this.chatLink) {
      linkProblem = chat.applyLink(this.chatLink);
      this.chatLink = null;
      if (linkProblem) this.writeLink(true);
    }
    const loaded = await this.tokenizerFor(key, isCurrent);
    if (!loaded) return;
    const { info, vocabulary } = loaded;
    const started = performance.now();
    /** @type {import('../common/token-layout.js').Encoding | null} */
    let encoding;
    let refused = false;
    try {
      ({ encoding } = await chat.run(key, this.services.client));
    } catch (error) {
      if (!(error instanceof chat.TemplateError)) throw error;
      if (!isCurrent()) return;
      this.showError(`${this.describeTokenizer(key)}’s chat template refuses this conversation: ${error.message}`, false);
      encoding = null;
      refused = true;
    }
    if (!isCurrent()) return;
    if (!refused) this.hideError();
    if (linkProblem) this.showError(linkProblem, false);
    if (!encoding) {
      this.chips.clear();
      this.idsOutput.show(null);
      for (const name of /** @type {const} */ (['tokens', 'characters', 'bytes', 'charactersPerToken'])) this.setCount(name, 0, '–');
      this.output.dataset.tokenizer = info.name;
      this.timing.textContent = '';
      return;
    }
    this.draw({ ...encoding, encodeMs: performance.now() - started }, info, vocabulary);
    this.addedToggle.disabled = true;
    this.timing.textContent = `Rendered and encoded ${formatInteger(chat.messages.length)} messages with ${info.name}.`;
  }

  /**
   * Compares the two texts of Diff mode; the chips show the second.
   * @param {() => boolean} isCurrent
   */
  async diffPass(isCurrent) {
    const { key, allowSpecial, addSpecialTokens } = this.state;
    const [before, after] = this.diff.texts;
    if (before.length + after.length > longestText) {
      this.showError(`These texts are ${formatInteger(before.length + after.length)} characters together, more than the ${formatInteger(longestText)} this page tokenizes at once.`, false);
      return;
    }
    const loaded = await this.tokenizerFor(key, isCurrent);
    if (!loaded) return;
    const { info, vocabulary } = loaded;
    const started = performance.now();
    const result = await this.diff.run(key, { allowSpecial, addSpecialTokens }, isCurrent);
    if (!result || !isCurrent()) return;
    this.hideError();
    if (this.diffLinkProblem) {
      this.showError(this.diffLinkProblem, false);
      this.diffLinkProblem = null;
      this.writeLink(true);
    }
    this.draw({ ...result.after, encodeMs: performance.now() - started }, info, vocabulary);
    this.timing.textContent = `Encoded and compared both texts with ${info.name}; the tokens below are the second text’s.`;
  }

  /**
   * A pass's tokenizer and vocabulary, loaded once; null when a newer pass
   * has begun meanwhile.
   * @param {string} key
   * @param {() => boolean} isCurrent
   */
  async tokenizerFor(key, isCurrent) {
    const info = await this.loadTokenizer(key);
    if (!isCurrent()) return null;
    const vocabulary = await this.services.loader.vocabulary(key);
    return isCurrent() ? { info, vocabulary } : null;
  }

  /**
   * Loads a vocabulary (once), showing progress and what it cost.
   * @param {string} key
   */
  async loadTokenizer(key) {
    const ready = this.services.loader.info(key);
    if (ready) {
      this.showVocabInfo(key, ready);
      return ready;
    }
    const name = this.describeTokenizer(key);
    this.vocabInfo.hidden = true;
    this.progress.hidden = false;
    this.progressBar.removeAttribute('value');
    this.progressLabel.textContent = `Loading ${name}…`;
    try {
      const info = await this.services.loader.load(key, (loaded, total) => {
        if (this.state.key !== key) return;
        if (total > 0) {
          this.progressBar.max = total;
          this.progressBar.value = loaded;
          this.progressLabel.textContent = `Loading ${name}: ${formatBytes(loaded)} of ${formatBytes(total)}`;
        } else {
          this.progressLabel.textContent = `Loading ${name}: ${formatBytes(loaded)}`;
        }
      });
      if (this.state.key === key) this.showVocabInfo(key, info);
      return info;
    } catch (error) {
      throw new LoadError(key, error);
    } finally {
      if (this.state.key === key) this.hideProgress();
    }
  }

  hideProgress() {
    this.progress.hidden = true;
    this.vocabInfo.hidden = false;
  }

  /**
   * @param {string} key
   * @param {import('../common/tokenizers.js').LoadedTokenizer} info
   */
  showVocabInfo(key, info) {
    this.hideProgress();
    const entry = findTokenizer(key);
    const file = entry?.format === 'tokenizer.json' ? 'tokenizer.json' : 'rank file';
    const parts = [
      `${this.describeTokenizer(key)}: ${formatInteger(info.vocabSize)} tokens in the vocabulary`,
      entry?.files
        ? `${entry.group === 'page' ? 'dropped on' : 'made in'} this page, ${formatBytes(info.fileBytes)}, loaded in ${formatMs(info.parseMs)}`
        : fetchFacts(file, info),
      `${formatBytes(info.memoryBytes)} in memory`,
    ];
    this.vocabInfo.textContent = parts.join(' · ');
    this.vocabInfo.dataset.vocabSize = String(info.vocabSize);
  }

  /**
   * Names the tokens the tokenizer adds around the text, and disables the
   * toggle for one that adds none (tiktoken encodings).
   * @param {import('../common/tokenizers.js').LoadedTokenizer} info
   * @param {import('../common/tokenizers.js').Vocabulary} vocabulary
   */
  showAddedTokens(info, vocabulary) {
    const { prefix, suffix } = info.added ?? { prefix: [], suffix: [] };
    const adds = prefix.length + suffix.length > 0;
    this.addedToggle.disabled = !adds;
    const names = (/** @type {number[]} */ ids) => ids.map((id) => vocabulary.text(id)).join(' ');
    if (!adds) this.addedNote.textContent = 'none for this tokenizer';
    else if (suffix.length === 0) this.addedNote.textContent = `${names(prefix)} first`;
    else this.addedNote.textContent = `${names(prefix)} … ${names(suffix)}`;
  }

  /**
   * @param {import('../common/token-layout.js').Encoding & {encodeMs: number}} result
   * @param {import('../common/tokenizers.js').LoadedTokenizer} info
   * @param {import('../common/tokenizers.js').Vocabulary} vocabulary
   */
  draw(result, info, vocabulary) {
    this.showAddedTokens(info, vocabulary);
    const counts = countsOf(result);
    this.setCount('tokens', counts.tokens, formatInteger(counts.tokens));
    this.setCount('characters', counts.characters, formatInteger(counts.characters));
    this.setCount('bytes', counts.bytes, formatInteger(counts.bytes));
    this.setCount('charactersPerToken', counts.charactersPerToken, formatRatio(counts.charactersPerToken));
    const speed = result.encodeMs > 0 && counts.bytes > 100_000 ? ` (${formatRatio(counts.bytes / 1e3 / result.encodeMs)} MB/s)` : '';
    this.timing.textContent = `Encoded ${formatBytes(counts.bytes)} with ${info.name} in ${formatMs(result.encodeMs)}${speed}.`;
    this.output.dataset.tokenizer = info.name;
    this.chips.show(result, vocabulary);
    this.drawn = { encoding: result, vocabulary, key: this.state.key };
    this.card.close();
    this.idsOutput.show({ encoding: result, vocabulary, name: info.name });
  }

  /**
   * @param {'tokens' | 'characters' | 'bytes' | 'charactersPerToken'} name
   * @param {number} value
   * @param {string} text
   */
  setCount(name, value, text) {
    const cell = this.countCells[name];
    cell.textContent = text;
    cell.dataset.value = String(value);
  }

  /** @param {unknown} error */
  showFailure(error) {
    const message = error instanceof Error ? error.message : String(error);
    const startFailure = this.services.client.startFailure;
    if (startFailure) {
      this.showError(startFailure, false);
    } else if (error instanceof LoadError) {
      this.hideProgress();
      this.vocabInfo.textContent = `${this.describeTokenizer(error.key)}: not loaded`;
      this.showError(`Could not load the ${this.describeTokenizer(error.key)} vocabulary: ${error.cause}.`, true);
    } else {
      this.showError(`Could not encode the text: ${message}.`, true);
    }
  }

  /**
   * @param {string} message
   * @param {boolean} canRetry
   */
  showError(message, canRetry) {
    this.errorText.textContent = message;
    this.retryButton.hidden = !canRetry;
    this.errorBox.hidden = false;
  }

  hideError() {
    this.errorBox.hidden = true;
  }
}

/**
 * The input mode a link or radio names; text for anything else.
 * @param {string | null} value
 * @returns {'text' | 'ids' | 'chat' | 'diff'}
 */
function inputMode(value) {
  return value === 'ids' || value === 'chat' || value === 'diff' ? value : 'text';
}

/**
 * What fetching a built-in file cost: "rank file 1.7 MB, fetched in 103 ms,
 * parsed in 170 ms", or for a gzip-compressed one "tokenizer.json 14.4 MB
 * (4.9 MB gzipped), fetched in 262 ms, unpacked in 183 ms, parsed in 2,997 ms".
 * @param {string} file
 * @param {import('../common/tokenizers.js').LoadedTokenizer} info
 */
function fetchFacts(file, info) {
  const size = info.packedBytes ? `${formatBytes(info.fileBytes)} (${formatBytes(info.packedBytes)} gzipped)` : formatBytes(info.fileBytes);
  const unpacked = info.packedBytes ? `, unpacked in ${formatMs(info.unpackMs ?? 0)}` : '';
  return `${file} ${size}, fetched in ${formatMs(info.fetchMs)}${unpacked}, parsed in ${formatMs(info.parseMs)}`;
}

/** A vocabulary that did not load, with the tokenizer it was for. */
class LoadError extends Error {
  /**
   * @param {string} key
   * @param {unknown} cause
   */
  constructor(key, cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(reason);
    this.key = key;
    this.cause = reason;
  }
}
