// @ts-check
// Tour step 6, why vocabularies differ: (a) two small vocabularies trained
// by the Train view's comparison (common/vocab-compare.js) on prose and on code, in
// the tour's training worker; (b) BPE beside Unigram on the same prose at the
// same size (common/algorithm-compare.js), trained once (a) is done, so the two
// never compete for the cores; (c) what vocabulary size costs
// (common/vocab-tradeoff.js) over every prefix of the prose vocabulary's merges;
// (d) the reader's sentence under LLaMA 2 (32,000 tokens) and LLaMA 3
// (128,256), with the explainer's two example words checked.
//
//   #view=tour&step=6&text=Transformers+turn+token+embeddings+into+meaning.

import { formatInteger } from '../common/format.js';
import { splitRow } from '../common/split-row.js';
import { describeTokenizer } from '../common/tokenizers.js';
import { tourTrainClient, tourUnigramClient } from './training.js';
import { AlgorithmCompare, algorithmMarkup } from '../common/algorithm-compare.js';
import { VocabCompare, compareMarkup } from '../common/vocab-compare.js';
import { VocabTradeoff, tradeoffMarkup } from '../common/vocab-tradeoff.js';

const prefix = 'tour-vocab-';
export const defaultSentence = 'Transformers turn token embeddings into meaning, one vector per token.';
/** A line of code, split under both trained vocabularies beside the reader's sentence. */
const codeLine = '    const tokens = await loader.load(key);';
/** Longest sentence kept in the step's link. */
export const maxLinkText = 300;
const small = { key: 'llama2', label: 'LLaMA 2' };
const large = { key: 'llama3', label: 'LLaMA 3' };

/** The explainer's splits of two words under a 32k and a 128k vocabulary, as it gives them. */
const explainerSplits = [
  { word: 'embeddings', small: ['embed', 'dings'], large: ['embeddings'] },
  { word: 'transformer', small: ['trans', 'former'], large: ['transformer'] },
];

const markup = `
  <h2 id="${prefix}title" class="tour-step-title">6. Why do vocabularies differ?</h2>
  <div class="tour-step-text">
    <p>English did not change between LLaMA 2 and LLaMA 3, yet their vocabularies did. A vocabulary is learned from its makers’ training text, so text with more code, or more languages, teaches other tokens; the algorithm that learns it is a choice too (GPT and LLaMA use BPE; T5, ALBERT and XLM-R use Unigram); and its size is a choice that trades shorter token sequences against a bigger embedding table.</p>
    <p>Below, the same trainer learns one vocabulary from a novel and one from this page’s own code, two algorithms learn from the same novel, the size trade-off is measured on text the vocabularies did not see, and one sentence is read by a 32,000-token and a 128,256-token vocabulary.</p>
  </div>
  <section class="panel tour-try" aria-labelledby="${prefix}try-title">
    <h3 id="${prefix}try-title" class="tour-try-title">Try it yourself</h3>
    <label for="${prefix}compare-text" class="panel-title">Your sentence, split by every vocabulary in this step</label>
    <input id="${prefix}compare-text" type="text" spellcheck="false" autocomplete="off" aria-describedby="${prefix}link-note">
    <p id="${prefix}link-note" class="note">The link to this step keeps your sentence (up to ${maxLinkText} characters).</p>
  </section>

  <section class="tour-part" aria-labelledby="${prefix}data-title">
    <h3 id="${prefix}data-title" class="tour-part-title">Different text, different tokens</h3>
    <p class="tour-part-intro">Two vocabularies of the same size, from the same trainer and pre-tokenizer: one learned from Moby-Dick, one from this page’s JavaScript.</p>
    <div class="panel">
      <div class="train-actions tour-vocab-actions">
        ${compareMarkup.settings(prefix, [1000, 2000, 4000], 2000)}
        <button id="${prefix}compare-train" type="button" class="button primary">Train both</button>
        <button id="${prefix}compare-cancel" type="button" class="button" disabled>Cancel</button>
      </div>
      <div class="tour-progress">
        <progress id="${prefix}compare-progress" max="1" value="0" aria-labelledby="${prefix}compare-status"></progress>
        <span id="${prefix}compare-status" class="note" aria-live="polite"></span>
      </div>
    </div>
    ${compareMarkup.results(prefix, {
      heading: 'h4',
      sentence: `
        <h4 class="panel-title">Your sentence under each</h4>
        <div id="${prefix}compare-splits" class="try-splits"></div>
        <h4 class="panel-title tour-code-title">A line of code under each</h4>
        <p class="note"><code>${codeLine.trim()}</code>, indented by four spaces</p>
        <div id="${prefix}code-splits" class="try-splits"></div>`,
    })}
  </section>

  <section class="tour-part" aria-labelledby="${prefix}algo-title">
    <h3 id="${prefix}algo-title" class="tour-part-title">Different algorithm, different tokens</h3>
    <p class="tour-part-intro">The same novel, the same size, two algorithms. BPE builds up: from the 256 bytes it merges the most frequent pair of neighbouring tokens, again and again. Unigram cuts down: it starts from many candidate pieces (frequent substrings of the words), gives each a probability, and prunes the ones the text loses least likelihood without, then reads text as the most probable sequence of its pieces. Each ends with tokens the other never chose, and they read held-out text in a different number of tokens per word.</p>
    <div class="panel">${algorithmMarkup.controls(prefix, [1000, 2000, 4000, 8000], 1000)}
    </div>
    ${algorithmMarkup.results(prefix, {
      heading: 'h4',
      sentence: `
        <h4 class="panel-title">Your sentence under each</h4>
        <div id="${prefix}algo-splits" class="try-splits"></div>`,
    })}
  </section>

  <section class="tour-part" aria-labelledby="${prefix}size-title">
    <h3 id="${prefix}size-title" class="tour-part-title">What vocabulary size costs</h3>
    <p class="tour-part-intro">The first <var>k</var> merges of a training run are themselves a vocabulary of 256 + <var>k</var> tokens. The curves encode the end of Moby-Dick, which the prose vocabulary did not train on, with every such prefix, beside the GPT tokenizers; the last chart is the embedding table each size needs.</p>
    ${tradeoffMarkup(prefix, { rows: 4, placeholder: 'The end of Moby-Dick appears here once the prose vocabulary is trained.', measure: 'Measure again' })}
  </section>

  <section class="tour-part" aria-labelledby="${prefix}llama-title">
    <h3 id="${prefix}llama-title" class="tour-part-title">One sentence, 32,000 against 128,256 tokens</h3>
    <p class="tour-part-intro">LLaMA 2 reads text with 32,000 tokens, LLaMA 3 with 128,256. The bigger vocabulary holds more whole words, so the same sentence takes fewer tokens; in exchange its embedding table has four times as many rows.</p>
    <div class="panel">
      <p id="${prefix}llama-status" class="note" aria-live="polite"></p>
      <div id="${prefix}llama-splits" class="try-splits"></div>
      <p id="${prefix}llama-summary" class="tour-llama-summary"></p>
    </div>
    <div class="panel table-wrap tour-words" role="region" aria-label="The explainer’s two example words, table" tabindex="0">
      <table class="data-table">
        <caption class="tour-caption">The explainer’s two example words, after a space as inside a sentence</caption>
        <thead><tr><th scope="col">Word</th><th scope="col">The explainer, 32k</th><th scope="col">LLaMA 2</th><th scope="col">The explainer, 128k</th><th scope="col">LLaMA 3</th></tr></thead>
        <tbody id="${prefix}word-rows"></tbody>
      </table>
    </div>
    <p class="note"><a href="#view=compare" data-show="compare">Compare more tokenizers on your own text →</a></p>
  </section>
`;

/** @type {import('./view.js').TourStep} */
export const step = {
  id: 'vocabularies',
  title: 'Why do vocabularies differ?',
  create(container, context) {
    container.innerHTML = markup;
    container.classList.add('tour-step', 'tour-step-vocabularies');
    const { client, loader } = context.services;
    const find = (/** @type {string} */ name) => /** @type {HTMLElement} */ (container.querySelector(`#${prefix}${name}`));
    const input = /** @type {HTMLInputElement} */ (find('compare-text'));
    const linkNote = find('link-note');
    const codeSplits = find('code-splits');
    const llamaStatus = find('llama-status');
    const llamaSplits = find('llama-splits');
    const llamaSummary = find('llama-summary');
    const trainClient = tourTrainClient();
    let disposed = false;

    const tradeoff = new VocabTradeoff(container, { trainClient, client, loader }, { prefix, slot: 'prose' });
    const algorithms = new AlgorithmCompare(container, trainClient, { prefix, textInput: input, unigramClient: tourUnigramClient });
    const compare = new VocabCompare(container, trainClient, {
      prefix,
      holdOut: true,
      text: defaultSentence,
      onTrained: async (results) => {
        if (disposed) return;
        algorithms.trainBoth();
        codeSplits.replaceChildren(...(await compare.splitsOf(codeLine)));
        const prose = results.prose;
        tradeoff.setTrained({ heldOut: prose.heldOut ? new TextDecoder().decode(prose.heldOut) : '', mergesDone: prose.mergesDone, specialTokens: 0 });
      },
    });

    /** Bumped per sentence, so a late encoding of an older one draws nothing. */
    let revision = 0;
    const showLlama = async () => {
      const current = ++revision;
      const text = input.value;
      const rows = [];
      /** @type {number[]} */
      const counts = [];
      for (const { key, label } of [small, large]) {
        try {
          if (!loader.info(key)) llamaStatus.textContent = `Loading ${describeTokenizer(key)}…`;
          const info = await loader.load(key, (loaded, total) => {
            if (current === revision && total > 0) llamaStatus.textContent = `Loading ${describeTokenizer(key)}: ${Math.round((100 * loaded) / total)} %`;
          });
          const encoding = await client.request('encode', { key, text, allowSpecial: false, addSpecialTokens: false });
          if (current !== revision) return;
          const row = splitRow(`${label}, ${formatInteger(info.vocabSize)} tokens`, encoding);
          row.dataset.key = key;
          row.dataset.ids = Array.from(encoding.ids).join(',');
          rows.push(row);
          counts.push(encoding.ids.length);
        } catch (error) {
          if (current !== revision) return;
          const row = document.createElement('p');
          row.className = 'note';
          row.textContent = `${label}: ${error instanceof Error ? error.message : error}`;
          rows.push(row);
        }
      }
      if (current !== revision) return;
      llamaStatus.textContent = '';
      llamaSplits.replaceChildren(...rows);
      llamaSummary.textContent = counts.length === 2 ? comparison(counts[0], counts[1]) : '';
    };

    /** @type {ReturnType<typeof setTimeout> | undefined} */
    let typing;
    const textFits = () => input.value.length <= maxLinkText;
    input.addEventListener('input', () => {
      clearTimeout(typing);
      typing = setTimeout(() => {
        linkNote.textContent = textFits()
          ? `The link to this step keeps your sentence (up to ${maxLinkText} characters).`
          : `This sentence has ${formatInteger(input.value.length)} characters, more than the ${maxLinkText} a link keeps, so the link reopens the example sentence.`;
        showLlama();
        context.stateChanged();
      }, 200);
    });
    for (const link of container.querySelectorAll('[data-show]')) {
      link.addEventListener('click', (event) => {
        event.preventDefault();
        context.show(link.getAttribute('data-show') ?? 'compare');
      });
    }

    showWords(find('word-rows'), client, loader);
    compare.trainBoth();

    return {
      applyState(params) {
        const linked = params.get('text');
        const text = linked !== null && linked.length <= maxLinkText && linked.trim() !== '' ? linked : defaultSentence;
        if (text !== input.value) {
          input.value = text;
          compare.showSplits();
          algorithms.showSplits();
        }
        showLlama();
      },
      state() {
        return textFits() && input.value !== defaultSentence ? { text: input.value } : {};
      },
      dispose() {
        disposed = true;
        clearTimeout(typing);
        compare.cancel();
        algorithms.cancel();
      },
    };
  },
};

/**
 * One sentence on the two counts, as they are.
 * @param {number} smallCount
 * @param {number} largeCount
 */
function comparison(smallCount, largeCount) {
  const counts = `${small.label} takes ${formatInteger(smallCount)} ${smallCount === 1 ? 'token' : 'tokens'}, ${large.label} ${formatInteger(largeCount)}`;
  if (largeCount < smallCount) return `${counts}: ${formatInteger(smallCount - largeCount)} fewer with the bigger vocabulary (${Math.round((100 * (smallCount - largeCount)) / smallCount)} %).`;
  if (largeCount === smallCount) return `${counts}: the same count for this sentence.`;
  return `${counts}: here the bigger vocabulary needs ${formatInteger(largeCount - smallCount)} more.`;
}

/**
 * The explainer's two example words under LLaMA 2 and LLaMA 3, each after a
 * space (as inside a sentence), beside the splits the explainer gives.
 * @param {HTMLElement} body
 * @param {import('../engine/tokenizer-client.js').EngineClient} client
 * @param {import('../common/tokenizers.js').TokenizerLoader} loader
 */
async function showWords(body, client, loader) {
  const rows = [];
  for (const { word, small: statedSmall, large: statedLarge } of explainerSplits) {
    const row = document.createElement('tr');
    row.dataset.word = word;
    const head = document.createElement('th');
    head.scope = 'row';
    head.textContent = word;
    row.append(head);
    for (const [stated, key] of /** @type {const} */ ([
      [statedSmall, small.key],
      [statedLarge, large.key],
    ])) {
      let pieces = null;
      try {
        await loader.load(key);
        pieces = await wordPieces(client, key, word);
      } catch {
        // Left as a dash: the sentence rows above say why the vocabulary did not load.
      }
      row.append(pieceCell(stated, null));
      row.append(pieceCell(pieces ?? [], pieces && pieces.join('|') !== stated.join('|') ? 'differs' : 'agrees'));
      if (pieces) row.dataset[key] = pieces.join('|');
    }
    rows.push(row);
  }
  body.replaceChildren(...rows);
}

/**
 * The pieces a vocabulary splits a word into after a space, without the space:
 * "the embeddings" encoded, and the tokens that cover the word.
 * @param {import('../engine/tokenizer-client.js').EngineClient} client
 * @param {string} key
 * @param {string} word
 */
async function wordPieces(client, key, word) {
  const lead = 'the ';
  const encoding = await client.request('encode', { key, text: lead + word, allowSpecial: false, addSpecialTokens: false });
  const decoder = new TextDecoder();
  const pieces = [];
  for (let i = 0; i < encoding.ids.length; i++) {
    if (encoding.ends[i] <= lead.length) continue;
    const piece = decoder.decode(encoding.bytes.subarray(Math.max(encoding.starts[i], lead.length), encoding.ends[i]));
    if (piece) pieces.push(piece);
  }
  return pieces;
}

/**
 * @param {readonly string[]} pieces
 * @param {'agrees' | 'differs' | null} verdict null: the explainer's own column
 */
function pieceCell(pieces, verdict) {
  const cell = document.createElement('td');
  cell.className = 'tour-pieces';
  if (pieces.length === 0) {
    cell.textContent = '–';
    return cell;
  }
  for (const piece of pieces) {
    const chip = document.createElement('span');
    chip.className = 'vocab-token';
    chip.textContent = piece;
    cell.append(chip);
  }
  const count = document.createElement('span');
  count.className = 'tour-piece-count';
  count.textContent = ` ${pieces.length} ${pieces.length === 1 ? 'token' : 'tokens'}${verdict === 'differs' ? ', not as the explainer has it' : verdict === 'agrees' ? ', as the explainer has it' : ''}`;
  cell.append(count);
  if (verdict) cell.dataset.verdict = verdict;
  return cell;
}
