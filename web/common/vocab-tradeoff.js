// @ts-check
// What vocabulary size costs: for held-out text, tokens per word and per
// sentence under every prefix of the trained merges (one engine call, see
// merge_prefix_counts.h), beside the GPT tokenizers on the same text, and the
// size of the embedding table each vocabulary needs.
//
// The embedding table has one row of `dimensions` numbers per token:
//   32 000 tokens × 4 096 dims = 131 million parameters = 524 MB at fp32, 262 MB at fp16.
// Dimensions 768, 4 096 and 12 288 are those of GPT-2 (small), LLaMA (7B) and GPT-3 (175B).

import { part } from './dom.js';
import { ChartsDrawn } from './charts-drawn.js';
import { formatInteger, formatRatio } from './format.js';

const realTokenizers = [
  { key: 'r50k_base', label: 'GPT-2 (r50k)' },
  { key: 'p50k_base', label: 'GPT-3 (p50k)' },
  { key: 'cl100k_base', label: 'GPT-4 (cl100k)' },
  { key: 'o200k_base', label: 'GPT-4o (o200k)' },
];
const dimensions = [
  { size: 768, label: '768 (GPT-2)' },
  { size: 4096, label: '4,096 (LLaMA)' },
  { size: 12288, label: '12,288 (GPT-3)' },
];
/** Vocabulary sizes listed in the table (those the training reached). */
const tableSizes = [256, 500, 1000, 2000, 5000, 10_000, 20_000, 50_000, 100_000];
/** Points per curve at most; the prefix counts have one per merge. */
const curvePoints = 600;

/** @param {string} text */
export function countWords(text) {
  if (typeof Intl.Segmenter === 'function') {
    let words = 0;
    for (const segment of new Intl.Segmenter('en', { granularity: 'word' }).segment(text)) if (segment.isWordLike) words++;
    return words;
  }
  return text.match(/[\p{L}\p{N}]+/gu)?.length ?? 0;
}

/** @param {string} text */
export function countSentences(text) {
  if (typeof Intl.Segmenter === 'function') {
    let sentences = 0;
    for (const segment of new Intl.Segmenter('en', { granularity: 'sentence' }).segment(text)) if (/[\p{L}\p{N}]/u.test(segment.segment)) sentences++;
    return sentences;
  }
  return text.split(/[.!?]+\s/).filter((part) => /[\p{L}\p{N}]/u.test(part)).length;
}

/** MB of an embedding table. @param {number} vocab @param {number} dims @param {number} bytesPerNumber */
export function embeddingMegabytes(vocab, dims, bytesPerNumber) {
  return (vocab * dims * bytesPerNumber) / 1e6;
}

/** Indexes 0 .. last, all of them when few, else about `points` spread evenly on a log scale of the vocabulary size. @param {number} last @param {number} base */
function sampleIndexes(last, base) {
  if (last + 1 <= curvePoints) return Array.from({ length: last + 1 }, (_, k) => k);
  const indexes = new Set([0, last]);
  const low = Math.log(base);
  const high = Math.log(base + last);
  for (let i = 1; i < curvePoints; i++) indexes.add(Math.min(last, Math.max(0, Math.round(Math.exp(low + ((high - low) * i) / curvePoints) - base))));
  return [...indexes].sort((a, b) => a - b);
}

/** 1500 → "1.5k" @param {number} value */
const compact = (value) => new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 1 }).format(value);

/**
 * Ticks for a logarithmic axis at 1, 2 and 5 × 10^n, so labels never crowd
 * and read as round numbers.
 * @param {any} _u
 * @param {number} _axis
 * @param {number} min
 * @param {number} max
 */
function logSplits(_u, _axis, min, max) {
  const ticks = [];
  for (let power = Math.floor(Math.log10(min)); power <= Math.ceil(Math.log10(max)); power++) {
    for (const mantissa of [1, 2, 5]) {
      const tick = mantissa * 10 ** power;
      if (tick >= min && tick <= max) ticks.push(tick);
    }
  }
  return ticks;
}

/** @param {any} _u @param {(number | null)[]} ticks */
const logTickLabels = (_u, ticks) => ticks.map((tick) => (tick == null ? '' : compact(tick)));

export class VocabTradeoff {
  /**
   * @param {HTMLElement} root
   * @param {{trainClient: import('../engine/train-client.js').TrainClient, client: import('../engine/tokenizer-client.js').EngineClient, loader: import('./tokenizers.js').TokenizerLoader}} services
   * @param {{prefix?: string, slot?: string}} [options] prefix: put before every element id, so a second
   *   trade-off can live on the page; slot: the training worker's slot whose merges are measured
   */
  constructor(root, services, { prefix = '', slot = 'main' } = {}) {
    this.services = services;
    this.slot = slot;
    const byId = (/** @type {string} */ name) => `#${prefix}${name}`;
    this.text = part(root, byId('heldout-text'), HTMLTextAreaElement);
    this.note = part(root, byId('heldout-note'), HTMLElement);
    this.measureButton = part(root, byId('tradeoff-measure'), HTMLButtonElement);
    this.status = part(root, byId('tradeoff-status'), HTMLElement);
    this.errorBox = part(root, byId('tradeoff-error'), HTMLElement);
    this.errorText = part(root, byId('tradeoff-error-text'), HTMLElement);
    this.charts = part(root, byId('tradeoff-charts'), HTMLElement);
    this.tableWrap = part(root, byId('tradeoff-table-wrap'), HTMLElement);
    this.tableBody = part(root, `${byId('tradeoff-table')} tbody`, HTMLTableSectionElement);
    this.chartSlots = {
      perWord: part(root, byId('chart-per-word'), HTMLElement),
      perSentence: part(root, byId('chart-per-sentence'), HTMLElement),
      embedding: part(root, byId('chart-embedding'), HTMLElement),
    };
    /** @type {any[]} uPlot instances */
    this.plots = [];
    this.chartsDrawn = new ChartsDrawn(this.charts);
    this.trained = false;
    this.specialTokens = 0;
    /** The held-out text as training set it, to tell whether the user has edited it. */
    this.suggested = '';
    /** Bumped per measurement, so an older one that finishes late draws nothing. */
    this.measurement = 0;

    /** @type {Measured | null} what the charts show, to draw again in the other colour scheme */
    this.drawn = null;

    this.measureButton.addEventListener('click', () => this.measure());
    new ResizeObserver(() => this.resizePlots()).observe(this.charts);
    // The charts' colours are read when drawn; the system's scheme can change under them.
    matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => {
      if (this.drawn) this.draw(this.drawn).catch((error) => this.showError(`Could not draw the charts: ${error instanceof Error ? error.message : error}`));
    });
  }

  /**
   * A vocabulary was trained in the slot: suggest its held-out text and measure.
   * @param {{heldOut: string, mergesDone: number, specialTokens: number}} trained
   */
  setTrained({ heldOut, specialTokens }) {
    this.trained = true;
    this.specialTokens = specialTokens;
    this.measureButton.disabled = false;
    if (this.text.value === this.suggested || this.text.value.trim() === '') {
      this.text.value = heldOut.trim();
      this.suggested = this.text.value;
    }
    this.note.textContent = heldOut
      ? 'The end of the training text, kept out of training. Edit it or paste your own.'
      : 'The corpus was too small to hold any back; paste text to measure on.';
    if (this.text.value.trim()) this.measure();
  }

  setImported() {
    this.trained = false;
    this.measureButton.disabled = true;
    this.note.textContent = 'The curves need a vocabulary trained here (an imported file has no training run to take prefixes of).';
  }

  async measure() {
    if (!this.trained) return;
    const text = this.text.value;
    this.errorBox.hidden = true;
    if (!text.trim()) {
      this.showError('Paste some held-out text to measure on.');
      return;
    }
    const measurement = ++this.measurement;
    const words = countWords(text);
    const sentences = countSentences(text);
    this.measureButton.disabled = true;
    try {
      this.status.textContent = 'Encoding with every prefix of your merges…';
      const counts = /** @type {Float64Array} */ (await this.services.trainClient.request('prefixCounts', { slot: this.slot, text }));
      const real = [];
      for (const { key, label } of realTokenizers) {
        this.status.textContent = `Encoding with ${label}…`;
        const info = await this.services.loader.load(key);
        const encoding = await this.services.client.request('encode', { key, text, allowSpecial: false });
        real.push({ label, vocabSize: info.vocabSize, tokens: encoding.ids.length });
      }
      if (measurement !== this.measurement) return;
      const base = 256 + this.specialTokens;
      await this.draw({ counts, base, words, sentences, real });
      this.fillTable({ counts, base, words, sentences, real });
      this.status.textContent = `${formatInteger(words)} words, ${formatInteger(sentences)} ${sentences === 1 ? 'sentence' : 'sentences'}, ${formatInteger(new TextEncoder().encode(text).length)} bytes.`;
    } catch (error) {
      if (measurement !== this.measurement) return;
      this.status.textContent = '';
      this.showError(`Could not measure: ${error instanceof Error ? error.message : error}`);
    } finally {
      if (measurement === this.measurement) this.measureButton.disabled = false;
    }
  }

  /**
   * @typedef {{counts: Float64Array, base: number, words: number, sentences: number, real: {label: string, vocabSize: number, tokens: number}[]}} Measured
   * @param {Measured} measured
   */
  async draw(measured) {
    this.drawn = measured;
    const { counts, base, words, sentences, real } = measured;
    /** @type {any} */
    let uPlot;
    try {
      ({ default: uPlot } = await import('uplot'));
    } catch (error) {
      throw new Error(`the chart library did not load (${error instanceof Error ? error.message : error}); build-scripts/run copies it to web/dist/lib`);
    }
    this.charts.hidden = false;
    for (const plot of this.plots) plot.destroy();
    this.plots = [];
    const style = getComputedStyle(document.documentElement);
    const color = (/** @type {string} */ name) => style.getPropertyValue(name).trim();
    const colors = { accent: color('--accent'), text: color('--text'), muted: color('--muted'), border: color('--border'), real: color('--chip-1-edge'), dims: [color('--chip-0-edge'), color('--chip-2-edge'), color('--chip-4-edge')] };

    const indexes = sampleIndexes(counts.length - 1, base);
    const ours = indexes.map((k) => ({ x: base + k, tokens: counts[k] }));
    const realSorted = [...real].sort((a, b) => a.vocabSize - b.vocabSize);
    const xs = [...new Set([...ours.map((point) => point.x), ...realSorted.map((r) => r.vocabSize)])].sort((a, b) => a - b);
    const ourAt = new Map(ours.map((point) => [point.x, point.tokens]));
    const realAt = new Map(realSorted.map((r) => [r.vocabSize, r]));

    const drawnHook = this.chartsDrawn.begin(3);
    const grid = { stroke: colors.border, width: 1 };
    // Log scale, with room around the points (uPlot would round out to powers of ten).
    const xScale = { time: false, distr: 3, range: () => [xs[0] / 1.15, xs[xs.length - 1] * 1.35] };
    const axes = (/** @type {string} */ yLabel, /** @type {boolean} */ logY) => [
      { stroke: colors.muted, grid, ticks: { stroke: colors.border }, label: 'vocabulary size (tokens)', splits: logSplits, values: logTickLabels },
      {
        stroke: colors.muted,
        grid,
        ticks: { stroke: colors.border },
        label: yLabel,
        size: 56,
        ...(logY ? { splits: logSplits } : {}),
        values: logY ? logTickLabels : (/** @type {any} */ _u, /** @type {(number | null)[]} */ ticks) => ticks.map((tick) => (tick == null ? '' : tick >= 1000 ? compact(tick) : String(+tick.toFixed(2)))),
      },
    ];
    // Names next to the GPT tokenizers' points.
    const labelPoints = (/** @type {number} */ seriesIndex) => ({
      draw: [
        (/** @type {any} */ u) => {
          const ctx = u.ctx;
          ctx.save();
          ctx.fillStyle = colors.text;
          ctx.font = `${11 * devicePixelRatio}px system-ui, sans-serif`;
          ctx.textAlign = 'center';
          const values = u.data[seriesIndex];
          // Points close together (GPT-2 and GPT-3 share a size) take turns above and below.
          let above = true;
          let lastX = -Infinity;
          for (let i = 0; i < values.length; i++) {
            if (values[i] == null) continue;
            const r = realAt.get(u.data[0][i]);
            if (!r) continue;
            const x = u.valToPos(u.data[0][i], 'x', true);
            above = x - lastX > 60 * devicePixelRatio ? true : !above;
            lastX = x;
            const y = u.valToPos(values[i], 'y', true) + (above ? -9 : 17) * devicePixelRatio;
            ctx.fillText(r.label.replace(/ \(.*\)/, ''), x, y);
          }
          ctx.restore();
        },
        drawnHook,
      ],
    });

    /** @param {HTMLElement} slot @param {string} yLabel @param {number} denominator */
    const ratioChart = (slot, yLabel, denominator) => {
      const data = [
        xs,
        xs.map((x) => (ourAt.has(x) ? /** @type {number} */ (ourAt.get(x)) / denominator : null)),
        xs.map((x) => (realAt.has(x) ? /** @type {{tokens: number}} */ (realAt.get(x)).tokens / denominator : null)),
      ];
      return new uPlot(
        {
          width: Math.max(slot.clientWidth, 240),
          height: 260,
          scales: { x: xScale, y: { range: (/** @type {any} */ _u, /** @type {number} */ _min, /** @type {number} */ max) => [0, max * 1.12] } },
          axes: axes(yLabel, false),
          legend: { live: true },
          series: [
            { label: 'vocabulary', value: (/** @type {any} */ _u, /** @type {number | null} */ v) => (v == null ? '–' : formatInteger(v)) },
            { label: 'your merges', stroke: colors.accent, width: 2, spanGaps: true, points: { show: false }, value: (/** @type {any} */ _u, /** @type {number | null} */ v) => (v == null ? '–' : formatRatio(v)) },
            { label: 'GPT tokenizers', stroke: colors.real, fill: colors.real, width: 0, paths: () => null, points: { show: true, size: 9, fill: colors.real }, value: (/** @type {any} */ _u, /** @type {number | null} */ v) => (v == null ? '–' : formatRatio(v)) },
          ],
          hooks: labelPoints(2),
        },
        data,
        slot,
      );
    };

    const embeddingChart = (/** @type {HTMLElement} */ slot) => {
      const series = [];
      const data = [xs];
      for (const [index, dims] of dimensions.entries()) {
        for (const precision of [4, 2]) {
          data.push(xs.map((x) => embeddingMegabytes(x, dims.size, precision)));
          series.push({
            label: `${dims.size} dims, ${precision === 4 ? 'fp32' : 'fp16'}`,
            stroke: colors.dims[index],
            width: 2,
            dash: precision === 2 ? [6, 4] : undefined,
            points: { show: false },
            value: (/** @type {any} */ _u, /** @type {number | null} */ v) => (v == null ? '–' : `${compact(v)} MB`),
          });
        }
      }
      return new uPlot(
        {
          width: Math.max(slot.clientWidth, 240),
          height: 260,
          scales: { x: xScale, y: { distr: 3 } },
          axes: axes('MB', true),
          hooks: { draw: [drawnHook] },
          series: [{ label: 'vocabulary', value: (/** @type {any} */ _u, /** @type {number | null} */ v) => (v == null ? '–' : formatInteger(v)) }, ...series],
        },
        data,
        slot,
      );
    };

    for (const slot of Object.values(this.chartSlots)) slot.replaceChildren();
    this.plots.push(ratioChart(this.chartSlots.perWord, 'tokens per word', Math.max(words, 1)));
    this.plots.push(ratioChart(this.chartSlots.perSentence, 'tokens per sentence', Math.max(sentences, 1)));
    this.plots.push(embeddingChart(this.chartSlots.embedding));
    this.charts.dataset.points = String(xs.length);
  }

  resizePlots() {
    const slots = Object.values(this.chartSlots);
    this.plots.forEach((plot, i) => plot.setSize({ width: Math.max(slots[i].clientWidth, 240), height: 260 }));
  }

  /** @param {Measured} measured */
  fillTable({ counts, base, words, sentences, real }) {
    const last = counts.length - 1;
    /** @type {{label: string, vocab: number, tokens: number, mine: boolean}[]} */
    const rows = [];
    const sizes = new Set(tableSizes.filter((size) => size >= base && size - base <= last));
    sizes.add(base);
    sizes.add(base + last);
    for (const size of [...sizes].sort((a, b) => a - b)) {
      rows.push({ label: size === base + last ? 'yours (all merges)' : size === base ? 'yours (bytes only)' : 'yours', vocab: size, tokens: counts[size - base], mine: true });
    }
    for (const r of real) rows.push({ label: r.label, vocab: r.vocabSize, tokens: r.tokens, mine: false });
    const cells = rows.map((row) => {
      const tr = document.createElement('tr');
      if (!row.mine) tr.className = 'real';
      const values = [
        `${formatInteger(row.vocab)} · ${row.label}`,
        formatInteger(row.tokens),
        formatRatio(row.tokens / Math.max(words, 1)),
        formatRatio(row.tokens / Math.max(sentences, 1)),
        ...dimensions.map((dims) => `${formatMegabytes(embeddingMegabytes(row.vocab, dims.size, 4))} / ${formatMegabytes(embeddingMegabytes(row.vocab, dims.size, 2))}`),
      ];
      values.forEach((value, i) => {
        const cell = document.createElement(i === 0 ? 'th' : 'td');
        if (i === 0) cell.setAttribute('scope', 'row');
        else cell.className = 'num';
        cell.textContent = value;
        tr.append(cell);
      });
      tr.dataset.vocab = String(row.vocab);
      tr.dataset.tokens = String(row.tokens);
      return tr;
    });
    this.tableBody.replaceChildren(...cells);
    this.tableWrap.hidden = false;
  }

  /** @param {string} message */
  showError(message) {
    this.errorText.textContent = message;
    this.errorBox.hidden = false;
  }
}

/** 0.79 → "0.79"; 1234.5 → "1,235" @param {number} mb */
function formatMegabytes(mb) {
  return mb < 10 ? mb.toFixed(2) : formatInteger(mb);
}

/**
 * The trade-off's markup: the held-out text with its Measure button, the three
 * charts and their table. Every id carries the prefix the VocabTradeoff is made with.
 * @param {string} prefix
 * @param {{rows: number, placeholder: string, measure: string, primary?: boolean}} text
 *   the held-out box's height and placeholder, the Measure button's label and whether it is the primary action
 */
export function tradeoffMarkup(prefix, { rows, placeholder, measure, primary = false }) {
  return /* html */ `
    <div class="panel tradeoff-input">
      <div class="panel-head">
        <label for="${prefix}heldout-text" class="panel-title">Held-out text</label>
        <span id="${prefix}heldout-note" class="note"></span>
      </div>
      <textarea id="${prefix}heldout-text" class="heldout-text" spellcheck="false" rows="${rows}" placeholder="${placeholder}"></textarea>
      <div class="train-actions">
        <button id="${prefix}tradeoff-measure" type="button" class="button${primary ? ' primary' : ''}" disabled>${measure}</button>
        <span id="${prefix}tradeoff-status" class="note" aria-live="polite"></span>
      </div>
    </div>
    <div id="${prefix}tradeoff-error" class="error-box" role="alert" hidden><p id="${prefix}tradeoff-error-text"></p></div>
    <div id="${prefix}tradeoff-charts" class="tradeoff-charts" hidden>
      <figure class="panel chart-panel"><figcaption>Tokens per word</figcaption><div id="${prefix}chart-per-word" class="chart"></div></figure>
      <figure class="panel chart-panel"><figcaption>Tokens per sentence</figcaption><div id="${prefix}chart-per-sentence" class="chart"></div></figure>
      <figure class="panel chart-panel"><figcaption>Embedding table size (MB)</figcaption><div id="${prefix}chart-embedding" class="chart"></div></figure>
    </div>
    <div id="${prefix}tradeoff-table-wrap" class="panel table-wrap" role="region" aria-label="Vocabulary sizes and their costs, table" tabindex="0" hidden>
      <table id="${prefix}tradeoff-table" class="data-table">
        <thead>
          <tr><th rowspan="2" scope="col">Vocabulary</th><th rowspan="2" scope="col" class="num">Tokens</th><th rowspan="2" scope="col" class="num">per word</th><th rowspan="2" scope="col" class="num">per sentence</th><th colspan="3" scope="colgroup">Embedding table, MB at fp32 / fp16</th></tr>
          <tr><th scope="col" class="num">768 dims (GPT-2)</th><th scope="col" class="num">4,096 (LLaMA)</th><th scope="col" class="num">12,288 (GPT-3)</th></tr>
        </thead>
        <tbody></tbody>
      </table>
    </div>`;
}
