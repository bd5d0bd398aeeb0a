// @ts-check
// Tour step 4, embedding sizes across models: the Compare view's live size
// table (common/size-table.js: vocabulary sizes read from the loaded tokenizers,
// × the published widths), and a table of the reader's own: a vocabulary, a
// width and a precision, priced as vocabulary × dimension × bytes.
//
//   #view=tour&step=4&vocab=llama3&dim=4096&precision=fp16  → 128,256 × 4,096 = 525,336,576 parameters, 1.1 GB
//   #view=tour&step=4&vocab=2000&dim=768&precision=fp32     → a vocabulary of 2,000 tokens (a trained one's size)

import { formatBytes, formatInteger } from '../common/format.js';
import { embeddingCost, precisions } from '../common/model-sizes.js';
import { SizeTable } from '../common/size-table.js';
import { catalogEvents, customTokenizerKey, describeTokenizer, findTokenizer, tokenizers } from '../common/tokenizers.js';

const prefix = 'tour-sizes-';
const defaults = { vocab: 'llama3', dim: '4096', precision: 'fp16' };
/** Widths of published models, offered as suggestions. */
const knownDims = [
  [768, 'GPT-2 small, BERT base'],
  [1024, 'GPT-2 medium, BERT large, Qwen 3 0.6B'],
  [1152, 'Gemma 3 1B'],
  [2048, 'LLaMA 3.2 1B, Qwen 3 1.7B'],
  [2560, 'Gemma 3 4B, Qwen 3 4B'],
  [2880, 'GPT-OSS 20B and 120B'],
  [3840, 'Gemma 3 12B'],
  [4096, 'LLaMA 2 7B, LLaMA 3 8B, Llama 3.1 8B, Mistral 7B, Qwen 3 8B'],
  [5120, 'Qwen 3 14B and 32B'],
  [5376, 'Gemma 3 27B'],
  [7168, 'DeepSeek V3'],
  [8192, 'LLaMA 3 70B, Llama 3.1 70B'],
  [12288, 'GPT-3 175B'],
  [16384, 'Llama 3.1 405B'],
];
const maxDim = 65_536;
const maxVocab = 10_000_000;
/** The tokenizers of the model table, in its order: the reader's vocabulary can be any of them. */
const builtIn = tokenizers.filter((entry) => entry.maker).map((entry) => entry.key);

const markup = `
  <h2 id="${prefix}title" class="tour-step-title">4. Embedding sizes across models</h2>
  <div class="tour-step-text">
    <p>A model keeps one embedding per token of its vocabulary, and every embedding has as many numbers as the model has dimensions. The embedding table alone therefore holds vocabulary size × dimension numbers, whatever the model later does with them.</p>
    <p>The vocabulary sizes below are read from the tokenizers themselves as they load; the dimensions are the widths the model makers published. Memory is that count times 4 bytes per number at fp32, 2 at fp16 and 1 at int8.</p>
  </div>
  <div id="${prefix}sentinel"></div>
  <div class="panel table-wrap" role="region" aria-label="Embedding table sizes, table" tabindex="0">
    <table id="${prefix}table" class="data-table size-table tour-sizes-table" data-precision="${defaults.precision}">
      <caption class="visually-hidden">Embedding table sizes of published models and of your choice</caption>
      <thead>
        <tr>
          <th scope="col" rowspan="2">Model</th>
          <th scope="col" rowspan="2">Tokenizer</th>
          <th scope="col" rowspan="2" class="num">Vocabulary</th>
          <th scope="col" rowspan="2" class="num">Rows</th>
          <th scope="col" rowspan="2" class="num">Dimension</th>
          <th scope="col" rowspan="2" class="num">Parameters</th>
          <th scope="colgroup" colspan="3" class="size-group">Memory</th>
        </tr>
        <tr>
          <th scope="col" class="num size-fp32">fp32</th>
          <th scope="col" class="num size-fp16">fp16</th>
          <th scope="col" class="num size-int8">int8</th>
        </tr>
      </thead>
      <tbody id="${prefix}rows"></tbody>
      <tbody id="${prefix}yours" class="tour-sizes-yours"></tbody>
    </table>
  </div>
  <p id="${prefix}status" class="note" aria-live="polite"></p>
  <div class="size-notes tour-sizes-notes">
    <ul id="${prefix}footnotes"></ul>
    <h3 class="size-explainer-title">Where the explainer’s figures differ from these</h3>
    <ul id="${prefix}differences" class="size-differences"></ul>
  </div>
  <section class="panel tour-try" aria-labelledby="${prefix}try-title">
    <h3 id="${prefix}try-title" class="tour-try-title">Try it yourself</h3>
    <p class="note">Choose a vocabulary, a width and a precision; your row joins the table above.</p>
    <div class="tour-sizes-form">
      <div class="field">
        <label for="${prefix}vocab">Vocabulary</label>
        <select id="${prefix}vocab"></select>
      </div>
      <div class="field" id="${prefix}custom-field">
        <label for="${prefix}custom">Tokens</label>
        <input id="${prefix}custom" type="number" inputmode="numeric" min="1" max="${maxVocab}" step="1" value="32000">
      </div>
      <div class="field">
        <label for="${prefix}dim">Dimension</label>
        <input id="${prefix}dim" type="number" inputmode="numeric" min="1" max="${maxDim}" step="1" list="${prefix}dims" value="${defaults.dim}">
        <datalist id="${prefix}dims">${knownDims.map(([dim, models]) => `<option value="${dim}">${models}</option>`).join('')}</datalist>
      </div>
      <fieldset class="segmented tour-sizes-precision">
        <legend>Precision</legend>
        ${precisions
          .map(
            (precision) =>
              `<label class="segment"><input type="radio" name="${prefix}precision" value="${precision.id}"${precision.id === defaults.precision ? ' checked' : ''}><span class="segment-title">${precision.label}</span><span class="segment-note">${precision.bytes} ${precision.bytes === 1 ? 'byte' : 'bytes'}</span></label>`,
          )
          .join('')}
      </fieldset>
    </div>
    <output id="${prefix}result" class="tour-sizes-result" for="${prefix}vocab ${prefix}custom ${prefix}dim" aria-live="polite"></output>
    <p class="note">A vocabulary you train in the Train view joins the list as “My tokenizer”. <a href="#view=train" data-show="train">Train one →</a></p>
  </section>
`;

/** @type {import('./view.js').TourStep} */
export const step = {
  id: 'sizes',
  title: 'Embedding sizes across models',
  create(container, context) {
    container.innerHTML = markup;
    container.classList.add('tour-step', 'tour-step-sizes');
    const { client, loader } = context.services;
    const find = (/** @type {string} */ name) => /** @type {HTMLElement} */ (container.querySelector(`#${prefix}${name}`));
    const table = find('table');
    const yours = /** @type {HTMLTableSectionElement} */ (find('yours'));
    const vocabSelect = /** @type {HTMLSelectElement} */ (find('vocab'));
    const customField = find('custom-field');
    const customInput = /** @type {HTMLInputElement} */ (find('custom'));
    const dimInput = /** @type {HTMLInputElement} */ (find('dim'));
    const result = find('result');

    new SizeTable(
      {
        body: /** @type {HTMLTableSectionElement} */ (find('rows')),
        status: find('status'),
        differences: find('differences'),
        footnotes: find('footnotes'),
        sentinel: find('sentinel'),
      },
      { client, loader },
    );

    const fillChoices = () => {
      const chosen = vocabSelect.value;
      const options = builtIn.map((key) => new Option(describeTokenizer(key), key));
      if (findTokenizer(customTokenizerKey)) options.push(new Option(`My tokenizer (${findTokenizer(customTokenizerKey)?.name})`, customTokenizerKey));
      options.push(new Option('A size of my own', 'custom'));
      vocabSelect.replaceChildren(...options);
      vocabSelect.value = options.some((option) => option.value === chosen) ? chosen : defaults.vocab;
    };
    fillChoices();
    const onCatalog = () => fillChoices();
    catalogEvents.addEventListener('change', onCatalog);

    const precision = () => /** @type {HTMLInputElement | null} */ (container.querySelector(`input[name="${prefix}precision"]:checked`))?.value ?? defaults.precision;
    /** @param {string} id */
    const setPrecision = (id) => {
      for (const radio of container.querySelectorAll(`input[name="${prefix}precision"]`)) /** @type {HTMLInputElement} */ (radio).checked = /** @type {HTMLInputElement} */ (radio).value === id;
    };
    const wholeNumber = (/** @type {string} */ text, /** @type {number} */ max) => (/^\d{1,9}$/.test(text.trim()) && Number(text) >= 1 && Number(text) <= max ? Number(text) : null);

    /** Bumped per change, so a vocabulary that loads late does not overwrite a newer choice. */
    let revision = 0;
    /** The vocabulary size shown, for the link of a page-made vocabulary. @type {number | null} */
    let shownVocab = null;

    const update = async () => {
      const current = ++revision;
      const key = vocabSelect.value;
      customField.hidden = key !== 'custom';
      const chosenPrecision = precisions.find((entry) => entry.id === precision()) ?? precisions[0];
      table.dataset.precision = chosenPrecision.id;
      const dim = wholeNumber(dimInput.value, maxDim);
      dimInput.toggleAttribute('aria-invalid', dim === null);
      let vocab = null;
      let label = '';
      if (key === 'custom') {
        vocab = wholeNumber(customInput.value, maxVocab);
        customInput.toggleAttribute('aria-invalid', vocab === null);
        label = 'your vocabulary';
      } else {
        label = describeTokenizer(key);
        const known = loader.info(key);
        if (known) vocab = known.vocabSize;
        else {
          result.textContent = `Loading ${label}…`;
          try {
            vocab = (await loader.load(key)).vocabSize;
          } catch (error) {
            if (current === revision) result.textContent = `${label} did not load: ${error instanceof Error ? error.message : error}`;
            return;
          }
          if (current !== revision) return;
        }
      }
      shownVocab = vocab;
      if (vocab === null || dim === null) {
        result.textContent = dim === null ? `The dimension must be a whole number from 1 to ${formatInteger(maxDim)}.` : `The vocabulary must be a whole number of tokens from 1 to ${formatInteger(maxVocab)}.`;
        delete result.dataset.params;
        yours.replaceChildren();
        return;
      }
      const cost = embeddingCost(vocab, dim);
      const bytes = cost.params * chosenPrecision.bytes;
      result.dataset.vocab = String(vocab);
      result.dataset.params = String(cost.params);
      result.dataset.bytes = String(bytes);
      result.replaceChildren(
        strong(`${formatInteger(vocab)} tokens × ${formatInteger(dim)} dimensions = ${formatInteger(cost.params)} numbers`),
        `, ${formatBytes(bytes)} at ${chosenPrecision.label} (${chosenPrecision.bytes} ${chosenPrecision.bytes === 1 ? 'byte' : 'bytes'} each). A model with a second table of the same size for its output, as LLaMA has, needs ${formatBytes(2 * bytes)}.`,
      );
      yours.replaceChildren(yourRow(key === 'custom' ? 'Your choice' : `Your choice: ${label}`, vocab, dim, cost));
      context.stateChanged();
    };

    /** @type {ReturnType<typeof setTimeout> | undefined} */
    let typing;
    const later = () => {
      clearTimeout(typing);
      typing = setTimeout(update, 250);
    };
    vocabSelect.addEventListener('change', update);
    container.querySelector('.tour-sizes-precision')?.addEventListener('change', update);
    dimInput.addEventListener('input', later);
    customInput.addEventListener('input', later);
    container.querySelector('[data-show="train"]')?.addEventListener('click', (event) => {
      event.preventDefault();
      context.show('train');
    });

    return {
      applyState(params) {
        const vocab = params.get('vocab') ?? defaults.vocab;
        if (/^\d+$/.test(vocab)) {
          vocabSelect.value = 'custom';
          customInput.value = vocab;
        } else {
          vocabSelect.value = builtIn.includes(vocab) ? vocab : defaults.vocab;
        }
        dimInput.value = wholeNumber(params.get('dim') ?? '', maxDim) !== null ? String(params.get('dim')) : defaults.dim;
        const chosen = params.get('precision');
        setPrecision(precisions.some((entry) => entry.id === chosen) ? /** @type {string} */ (chosen) : defaults.precision);
        update();
      },
      state() {
        const key = vocabSelect.value;
        // A page-made vocabulary cannot come back from a link; its size can.
        const vocab = key === 'custom' ? customInput.value : key === customTokenizerKey ? String(shownVocab ?? '') : key;
        return { vocab, dim: dimInput.value, precision: precision() };
      },
      dispose() {
        clearTimeout(typing);
        catalogEvents.removeEventListener('change', onCatalog);
      },
    };
  },
};

/** @param {string} text */
function strong(text) {
  const element = document.createElement('strong');
  element.textContent = text;
  return element;
}

/**
 * The reader's configuration as a row of the size table.
 * @param {string} label
 * @param {number} vocab
 * @param {number} dim
 * @param {ReturnType<typeof embeddingCost>} cost
 */
function yourRow(label, vocab, dim, cost) {
  const row = document.createElement('tr');
  row.className = 'tour-sizes-your-row';
  const head = document.createElement('th');
  head.scope = 'row';
  head.colSpan = 2;
  head.textContent = label;
  const cells = [
    ['num size-vocab', formatInteger(vocab)],
    ['num size-rows size-per-token', formatInteger(vocab)],
    ['num size-dim', formatInteger(dim)],
    ['num size-params', formatInteger(cost.params)],
    ...precisions.map((precision) => [`num size-${precision.id}`, formatBytes(cost.params * precision.bytes)]),
  ].map(([className, text]) => {
    const cell = document.createElement('td');
    cell.className = className;
    cell.textContent = text;
    return cell;
  });
  row.append(head, ...cells);
  return row;
}
