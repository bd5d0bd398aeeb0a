// @ts-check
// What a vocabulary costs a model: the embedding table has one row per token
// and one column per dimension of the model's hidden state, so
//
//   parameters = embedding rows × embedding dimension
//   bytes      = parameters × 4 (fp32), 2 (fp16) or 1 (int8)
//
//   GPT-2 small: 50,257 × 768 = 38,597,376 parameters = 154.4 MB at fp32
//   Qwen 3 8B:  151,936 × 4,096 = 622,329,856, though its tokenizer's ids stop at 151,668
//
// The vocabulary size is read from the loaded tokenizer; the dimension is
// the published width of each model configuration. The rows are one per
// token unless a model publishes more: several pad their table to a round
// size (Qwen 3 to a multiple of 128), and rows no token id reaches are still
// parameters. No DOM here.
//
// The explainer this page accompanies gives its own figures for these
// models (its section "Embedding sizes across models"); they are kept here
// to say where they differ from the computed ones.

/**
 * @typedef {object} ExplainerFigures the explainer's row for the model, as it states them
 * @property {string} row the model as the explainer names it
 * @property {number} vocab
 * @property {boolean} [vocabApproximate] stated with "~"
 * @property {number | null} dim null: stated only as an estimate
 * @property {number | null} params null: stated only as an estimated range
 * @property {string} paramsText the parameters as written there
 */

/**
 * @typedef {object} ModelConfig
 * @property {string} id
 * @property {string} model
 * @property {string} detail
 * @property {string} tokenizer key in tokenizers.js
 * @property {number | null} dim embedding dimension; null where it is not published
 * @property {string} [dimNote] why the dimension is missing or how sure it is
 * @property {number} [rows] the embedding table's rows as published; absent: one per token of the vocabulary
 * @property {string} [source] the Hugging Face Hub repository whose config.json gives rows and dim (vocab_size, hidden_size)
 * @property {boolean | null} tied the output layer reuses the embedding table (null: not published)
 * @property {ExplainerFigures} [explainer]
 */

/** @type {ModelConfig[]} */
export const modelConfigs = [
  {
    id: 'gpt2',
    model: 'GPT-2',
    detail: 'small, 124M',
    tokenizer: 'r50k_base',
    dim: 768,
    tied: true,
    explainer: { row: 'GPT-2', vocab: 50257, dim: 768, params: 38e6, paramsText: '~38 million' },
  },
  {
    id: 'gpt3',
    model: 'GPT-3',
    detail: '175B (davinci)',
    tokenizer: 'r50k_base',
    dim: 12288,
    tied: null,
    explainer: { row: 'GPT-3', vocab: 50257, dim: 12288, params: 617e6, paramsText: '~617 million' },
  },
  {
    id: 'gpt3-p50k',
    model: 'GPT-3',
    detail: '175B, text-davinci-002/003',
    tokenizer: 'p50k_base',
    dim: 12288,
    dimNote: 'assumed: OpenAI published the tokenizer of text-davinci-002/003, not their width; this row takes GPT-3 175B’s',
    tied: null,
  },
  {
    id: 'gpt4',
    model: 'GPT-4',
    detail: '',
    tokenizer: 'cl100k_base',
    dim: null,
    dimNote: 'not published',
    tied: null,
    explainer: { row: 'GPT-4', vocab: 100000, vocabApproximate: true, dim: null, params: null, paramsText: '~800M–1.2B' },
  },
  {
    id: 'gpt4o',
    model: 'GPT-4o',
    detail: '',
    tokenizer: 'o200k_base',
    dim: null,
    dimNote: 'not published',
    tied: null,
  },
  {
    id: 'gpt-oss-20b',
    model: 'GPT-OSS',
    detail: '20B',
    tokenizer: 'gpt-oss',
    dim: 2880,
    rows: 201088,
    tied: false,
    source: 'openai/gpt-oss-20b',
  },
  {
    id: 'gpt-oss-120b',
    model: 'GPT-OSS',
    detail: '120B',
    tokenizer: 'gpt-oss',
    dim: 2880,
    rows: 201088,
    tied: false,
    source: 'openai/gpt-oss-120b',
  },
  {
    id: 'llama2-7b',
    model: 'LLaMA 2',
    detail: '7B',
    tokenizer: 'llama2',
    dim: 4096,
    tied: false,
    explainer: { row: 'LLaMA 2', vocab: 32000, dim: 4096, params: 131e6, paramsText: '~131 million' },
  },
  {
    id: 'llama3-8b',
    model: 'LLaMA 3',
    detail: '8B',
    tokenizer: 'llama3',
    dim: 4096,
    tied: false,
    explainer: { row: 'LLaMA 3 (8B)', vocab: 128256, dim: 4096, params: 525e6, paramsText: '~525M' },
  },
  {
    id: 'llama3-70b',
    model: 'LLaMA 3',
    detail: '70B',
    tokenizer: 'llama3',
    dim: 8192,
    tied: false,
    explainer: { row: 'LLaMA 3 (70B)', vocab: 128256, dim: 8192, params: 1e9, paramsText: '~1B' },
  },
  {
    id: 'llama3.1-8b',
    model: 'Llama 3.1',
    detail: '8B',
    tokenizer: 'llama3.1',
    dim: 4096,
    rows: 128256,
    tied: false,
    source: 'meta-llama/Llama-3.1-8B',
  },
  {
    id: 'llama3.1-70b',
    model: 'Llama 3.1',
    detail: '70B',
    tokenizer: 'llama3.1',
    dim: 8192,
    rows: 128256,
    tied: false,
    source: 'meta-llama/Llama-3.1-70B',
  },
  {
    id: 'llama3.1-405b',
    model: 'Llama 3.1',
    detail: '405B',
    tokenizer: 'llama3.1',
    dim: 16384,
    rows: 128256,
    tied: false,
    source: 'meta-llama/Llama-3.1-405B',
  },
  {
    id: 'mistral-7b',
    model: 'Mistral 7B',
    detail: '',
    tokenizer: 'mistral',
    dim: 4096,
    tied: false,
    explainer: { row: 'Mistral 7B', vocab: 32000, dim: 4096, params: 131e6, paramsText: '~131 million' },
  },
  {
    id: 'bert-base',
    model: 'BERT',
    detail: 'base, uncased',
    tokenizer: 'bert-base-uncased',
    dim: 768,
    tied: true,
    explainer: { row: 'BERT (base)', vocab: 30522, dim: 768, params: 23e6, paramsText: '~23 million' },
  },
  {
    id: 'gemma3-1b',
    model: 'Gemma 3',
    detail: '1B',
    tokenizer: 'gemma3',
    dim: 1152,
    rows: 262144,
    tied: true,
    source: 'google/gemma-3-1b-pt',
  },
  {
    id: 'gemma3-4b',
    model: 'Gemma 3',
    detail: '4B',
    tokenizer: 'gemma3',
    dim: 2560,
    rows: 262208,
    tied: true,
    source: 'google/gemma-3-4b-pt',
  },
  {
    id: 'gemma3-12b',
    model: 'Gemma 3',
    detail: '12B',
    tokenizer: 'gemma3',
    dim: 3840,
    rows: 262208,
    tied: true,
    source: 'google/gemma-3-12b-pt',
  },
  {
    id: 'gemma3-27b',
    model: 'Gemma 3',
    detail: '27B',
    tokenizer: 'gemma3',
    dim: 5376,
    rows: 262208,
    tied: true,
    source: 'google/gemma-3-27b-pt',
  },
  {
    id: 'qwen3-0.6b',
    model: 'Qwen 3',
    detail: '0.6B',
    tokenizer: 'qwen3',
    dim: 1024,
    rows: 151936,
    tied: true,
    source: 'Qwen/Qwen3-0.6B',
  },
  {
    id: 'qwen3-1.7b',
    model: 'Qwen 3',
    detail: '1.7B',
    tokenizer: 'qwen3',
    dim: 2048,
    rows: 151936,
    tied: true,
    source: 'Qwen/Qwen3-1.7B',
  },
  {
    id: 'qwen3-4b',
    model: 'Qwen 3',
    detail: '4B',
    tokenizer: 'qwen3',
    dim: 2560,
    rows: 151936,
    tied: true,
    source: 'Qwen/Qwen3-4B',
  },
  {
    id: 'qwen3-8b',
    model: 'Qwen 3',
    detail: '8B',
    tokenizer: 'qwen3',
    dim: 4096,
    rows: 151936,
    tied: false,
    source: 'Qwen/Qwen3-8B',
  },
  {
    id: 'qwen3-14b',
    model: 'Qwen 3',
    detail: '14B',
    tokenizer: 'qwen3',
    dim: 5120,
    rows: 151936,
    tied: false,
    source: 'Qwen/Qwen3-14B',
  },
  {
    id: 'qwen3-32b',
    model: 'Qwen 3',
    detail: '32B',
    tokenizer: 'qwen3',
    dim: 5120,
    rows: 151936,
    tied: false,
    source: 'Qwen/Qwen3-32B',
  },
  {
    id: 'deepseek-v3',
    model: 'DeepSeek V3',
    detail: '671B, 37B active',
    tokenizer: 'deepseek-v3',
    dim: 7168,
    rows: 129280,
    tied: false,
    source: 'deepseek-ai/DeepSeek-V3',
  },
];

/** Bytes per parameter at each precision the table shows. */
export const precisions = [
  { id: 'fp32', label: 'fp32', bytes: 4 },
  { id: 'fp16', label: 'fp16', bytes: 2 },
  { id: 'int8', label: 'int8', bytes: 1 },
];

/**
 * The embedding table's size.
 * @param {number} rows one per token, or as many as the model publishes
 * @param {number} dim
 */
export function embeddingCost(rows, dim) {
  const params = rows * dim;
  return { params, fp32: params * 4, fp16: params * 2, int8: params };
}

/**
 * The rows of a configuration's table: the published count, else one per
 * token of the vocabulary the tokenizer loaded.
 * @param {ModelConfig} config
 * @param {number} vocabSize
 */
export function embeddingRows(config, vocabSize) {
  return config.rows ?? vocabSize;
}

/** A rounded figure counts as agreeing when within this fraction of the computed one. */
export const agreement = 0.005;

/**
 * Where the explainer's figures for a configuration differ from the computed
 * ones, as short sentences (none when they agree).
 * @param {ModelConfig} config
 * @param {number} vocabSize read from the loaded tokenizer
 * @param {(value: number) => string} formatInteger
 * @returns {string[]}
 */
export function explainerDifferences(config, vocabSize, formatInteger) {
  const stated = config.explainer;
  if (!stated) return [];
  /** @type {string[]} */
  const notes = [];
  if (stated.vocab !== vocabSize)
    notes.push(`vocabulary ${stated.vocabApproximate ? '~' : ''}${formatInteger(stated.vocab)}; the tokenizer has ${formatInteger(vocabSize)}`);
  if (stated.dim === null || config.dim === null) {
    if (stated.params === null && config.dim === null)
      notes.push(`dimension and parameters are estimates there (${stated.paramsText}); no width has been published, so none is computed here`);
    return notes;
  }
  const computed = embeddingCost(vocabSize, config.dim).params;
  if (stated.params !== null && Math.abs(stated.params - computed) > agreement * computed)
    notes.push(`parameters ${stated.paramsText}; ${formatInteger(vocabSize)} × ${formatInteger(config.dim)} = ${formatInteger(computed)}`);
  return notes;
}
