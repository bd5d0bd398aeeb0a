// @ts-check
// Tour step 3, how names are stored: the explainer's four names and the
// reader's own, each split by eleven tokenizers, every token with its id. Rows
// whose split (or split and ids) are the ones the explainer gives are marked,
// so its unsourced figures are checked against real vocabularies.
//
//   #view=tour&step=3&name=Ada+Lovelace          → the four names and "Ada Lovelace", each alone
//   #view=tour&step=3&name=Ada&space=1           → each after a space, as inside a sentence

import { explainerWords } from '../common/explainer-check.js';
import { splitRow } from '../common/split-row.js';
import { textOf } from '../common/token-layout.js';
import { describeTokenizer, findTokenizer } from '../common/tokenizers.js';
import { fragmentFor } from '../common/url-state.js';

export const explainerNames = ['Kuznetsov', 'Comcast', 'Teradata', 'John'];
/**
 * GPT-2, GPT-4, GPT-4o, LLaMA 2, LLaMA 3, BERT: three OpenAI vocabularies and
 * three open ones; then GPT-OSS, Llama 3.1, Gemma 3, Qwen 3 and DeepSeek V3.
 */
export const nameTokenizers = ['r50k_base', 'cl100k_base', 'o200k_base', 'llama2', 'llama3', 'bert-base-uncased', 'gpt-oss', 'llama3.1', 'gemma3', 'qwen3', 'deepseek-v3'];
const kMaxName = 60;
const prefix = 'tour-names-';

const markup = /* html */ `
  <h2 id="${prefix}title" class="tour-step-title">3. How are names stored?</h2>
  <div class="tour-step-text">
    <p>A model’s vocabulary is fixed, so it cannot hold every name. Words it meets often, like “John”, are one token with one vector. A rarer name is cut into pieces the vocabulary does have: “Comcast” into “Com” and “cast”, “Kuznetsov” into three or four. Each piece has its own vector, and no single one of them means the company or the person; the layers after the embedding work that out from the pieces together.</p>
    <p>Each vocabulary cuts differently, and the id of a piece is only its row number in that vocabulary’s table: the same text gets different ids from different models. A space in front changes the split too, because most vocabularies keep the space with the word that follows it.</p>
  </div>
  <section class="panel tour-try" aria-labelledby="${prefix}try-title">
    <h3 id="${prefix}try-title" class="tour-try-title">Try it yourself</h3>
    <form class="tour-try-row ${prefix}form">
      <label for="${prefix}name">Your name</label>
      <input id="${prefix}name" type="text" spellcheck="false" autocomplete="off" autocapitalize="off" maxlength="${kMaxName}" placeholder="Ada Lovelace">
      <button type="submit" class="button primary">Split</button>
      <label class="switch"><input id="${prefix}space" type="checkbox" role="switch"><span>A space before each name, as inside a sentence</span></label>
    </form>
    <p class="note ${prefix}progress" aria-live="polite"></p>
  </section>
  <div class="error-box ${prefix}error" role="alert" hidden><p class="${prefix}error-text"></p></div>
  <p class="note">Outlined rows split as the explainer says; filled rows have its ids too. The explainer does not say which tokenizer its ids come from. Each token’s id is under it; four of these vocabularies split the same names side by side, character by character, in the <a href="#view=compare" class="${prefix}compare">Compare view</a>.</p>
  <div class="tour-names-grid ${prefix}cards"></div>`;

/**
 * @template {Element} T
 * @param {ParentNode} root @param {string} selector @param {new (...args: any[]) => T} type
 * @returns {T}
 */
function part(root, selector, type) {
  const element = root.querySelector(selector);
  if (!(element instanceof type)) throw new Error(`step 3 is missing ${selector}`);
  return element;
}

/** @param {unknown} error */
const messageOf = (error) => (error instanceof Error ? error.message : String(error));

/** @type {import('./view.js').TourStep} */
export const step = {
  id: 'names',
  title: 'How are names stored?',
  create(container, context) {
    container.innerHTML = markup;
    const { client, loader } = context.services;
    const form = part(container, `.${prefix}form`, HTMLFormElement);
    const nameInput = part(container, `#${prefix}name`, HTMLInputElement);
    const spaceInput = part(container, `#${prefix}space`, HTMLInputElement);
    const progress = part(container, `.${prefix}progress`, HTMLElement);
    const errorBox = part(container, `.${prefix}error`, HTMLElement);
    const errorText = part(container, `.${prefix}error-text`, HTMLElement);
    const cards = part(container, `.${prefix}cards`, HTMLElement);
    part(container, `.${prefix}compare`, HTMLAnchorElement).addEventListener('click', (event) => {
      event.preventDefault();
      const text = [...explainerNames, nameInput.value.trim()].filter(Boolean).join(' ');
      context.show('compare', fragmentFor({ view: 'compare', c: ['cl100k_base', 'o200k_base', 'llama2', 'llama3'].join(','), bos: '0', text }));
    });
    let revision = 0;

    const names = () => {
      const mine = nameInput.value.trim().slice(0, kMaxName);
      return mine ? [...explainerNames, mine] : explainerNames;
    };

    /** A card per name with an empty row per tokenizer, so rows fill in place as vocabularies load. */
    function layOut() {
      cards.replaceChildren(
        ...names().map((name, index) => {
          const card = document.createElement('section');
          card.className = 'panel tour-name-card';
          card.dataset.name = name;
          const heading = document.createElement('h3');
          heading.className = 'panel-title';
          heading.id = `${prefix}card-${index}`;
          heading.textContent = index >= explainerNames.length ? `${name} (yours)` : name;
          card.setAttribute('aria-labelledby', heading.id);
          card.append(heading);
          const stated = explainerWords.find((word) => word.word === name);
          if (stated) {
            const claim = document.createElement('p');
            claim.className = 'note tour-name-claim';
            claim.textContent = `The explainer: ${stated.pieces.join(' | ')}${stated.ids ? `, ids ${stated.ids.join(' ')}` : ''}`;
            card.append(claim);
          }
          for (const key of nameTokenizers) {
            const slot = document.createElement('div');
            slot.className = 'tour-name-slot';
            slot.dataset.key = key;
            slot.textContent = `${describeTokenizer(key)}: loading…`;
            card.append(slot);
          }
          return card;
        }),
      );
    }

    async function render() {
      const run = ++revision;
      errorBox.hidden = true;
      layOut();
      const spaced = spaceInput.checked;
      const failures = [];
      let done = 0;
      await Promise.all(
        nameTokenizers.map(async (key) => {
          try {
            await loader.load(key, (loaded, total) => {
              if (run === revision && total) progress.textContent = `Loading ${findTokenizer(key)?.model ?? key}: ${(loaded / 1e6).toFixed(1)} of ${(total / 1e6).toFixed(1)} MB…`;
            });
            const vocabulary = await loader.vocabulary(key);
            for (const name of names()) {
              const text = spaced ? ` ${name}` : name;
              const encoding = await client.request('encode', { key, text, allowSpecial: false, addSpecialTokens: false });
              if (run !== revision) return;
              fill(key, name, encoding, vocabulary);
            }
          } catch (error) {
            failures.push(`${describeTokenizer(key)}: ${messageOf(error)}`);
            for (const slot of cards.querySelectorAll(`.tour-name-slot[data-key="${key}"]`)) slot.textContent = `${describeTokenizer(key)} did not load.`;
          }
          done++;
          if (run === revision) progress.textContent = done < nameTokenizers.length ? `${done} of ${nameTokenizers.length} vocabularies ready…` : '';
        }),
      );
      if (run !== revision) return;
      container.dataset.ready = 'true';
      if (failures.length) {
        errorText.textContent = `Some vocabularies did not load: ${failures.join('; ')}.`;
        errorBox.hidden = false;
      }
    }

    /**
     * @param {string} key @param {string} name
     * @param {import('../common/token-layout.js').Encoding} encoding @param {import('../common/tokenizers.js').Vocabulary} vocabulary
     */
    function fill(key, name, encoding, vocabulary) {
      const card = [...cards.children].find((element) => element instanceof HTMLElement && element.dataset.name === name);
      const slot = card?.querySelector(`.tour-name-slot[data-key="${key}"]`);
      if (!slot) return;
      const row = splitRow(describeTokenizer(key), encoding);
      row.classList.add('tour-name-row');
      row.dataset.key = key;
      row.dataset.ids = Array.from(encoding.ids).join(' ');
      // Each chip gets its id under its text.
      row.querySelectorAll('.chip').forEach((chip, i) => {
        const text = document.createElement('span');
        text.className = 'tour-chip-text';
        text.append(...chip.childNodes);
        // A token that covers no text of its own (SentencePiece's lone "▁") shows its spelling, a space as ·.
        if (!text.textContent) text.textContent = vocabulary.text(encoding.ids[i]).replaceAll(' ', '·');
        chip.append(text);
        const id = document.createElement('span');
        id.className = 'tour-chip-id';
        id.textContent = String(encoding.ids[i]);
        chip.append(id);
      });
      const stated = explainerWords.find((word) => word.word === name);
      if (stated) {
        const pieces = Array.from(encoding.ids, (id, i) =>
          encoding.starts[i] === encoding.ends[i] ? vocabulary.text(id) : textOf(encoding.bytes, encoding.starts[i], encoding.ends[i]),
        ).map((piece) => piece.trim());
        const sameSplit = pieces.length === stated.pieces.length && pieces.every((piece, i) => piece === stated.pieces[i]);
        const ids = Array.from(encoding.ids);
        const sameIds = stated.ids !== null && ids.length === stated.ids.length && ids.every((id, i) => id === stated.ids?.[i]);
        if (sameSplit) row.classList.add('same-split');
        if (sameIds) row.classList.add('same-ids');
        if (sameSplit || sameIds) {
          const mark = document.createElement('span');
          mark.className = 'tour-name-mark';
          mark.textContent = sameIds ? 'the explainer’s split and ids' : 'the explainer’s split';
          row.querySelector('.split-label')?.append(mark);
        }
      }
      slot.replaceChildren(row);
    }

    form.addEventListener('submit', (event) => {
      event.preventDefault();
      render();
      context.stateChanged();
    });
    spaceInput.addEventListener('change', () => {
      render();
      context.stateChanged();
    });

    render();

    return {
      applyState(params) {
        nameInput.value = (params.get('name') ?? '').slice(0, kMaxName);
        spaceInput.checked = params.get('space') === '1';
        render();
      },
      state() {
        /** @type {Record<string, string>} */
        const pairs = {};
        const name = nameInput.value.trim();
        if (name) pairs.name = name;
        if (spaceInput.checked) pairs.space = '1';
        return pairs;
      },
      dispose() {
        revision++;
      },
    };
  },
};
