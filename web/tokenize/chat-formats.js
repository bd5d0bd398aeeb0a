// @ts-check
// Which chat format each tokenizer's models read, where it comes from, and
// how long a context they take. No DOM here, so node can import it too.
//
//   chatFormatOf('llama3')      → {kind: 'model', source: 'chat_template of …'}   (from dist/vocab/chat-templates.json)
//   chatFormatOf('cl100k_base') → {kind: 'written', template: chatMl, extraTokens: {'<|im_start|>': 100264, …}}
//   chatFormatOf('llama2')      → {kind: 'none', reason: 'LLaMA 2's tokenizer files have no chat template …'}
//
// The Hugging Face models' templates are their own (tokenizer_config.json's
// chat_template, extracted at build time). OpenAI publishes no template
// files, so the two formats of its encodings are written here as small
// Jinja templates from their descriptions:
//
// - ChatML, the format of the cl100k_base chat models (gpt-3.5-turbo,
//   gpt-4): "<|im_start|>{role}\n{content}<|im_end|>\n" per message, the
//   reply primed with "<|im_start|>assistant\n" (openai-python's chatml.md;
//   the OpenAI Cookbook's "How to count tokens with tiktoken"). Its markers
//   are not in cl100k_base's rank file: their ids, 100264 and 100265, are
//   those the chat models use (also gpt-tokenizer's cl100k_base table).
// - harmony, GPT-OSS's format: "<|start|>{role}<|message|>{content}<|end|>"
//   per message, the reply primed with "<|start|>assistant" (OpenAI's
//   harmony response format guide). Its tokens are in o200k_harmony and in
//   GPT-OSS's tokenizer.json. The model's own template also writes a
//   system message of its own (knowledge cutoff, date, reasoning effort,
//   channels) before the conversation; this one draws the conversation alone.

/**
 * @typedef {object} ChatFormat
 * @property {'model' | 'written' | 'none'} kind model: the model's own chat_template; written: a format written here; none: no format known
 * @property {string} source what the template is and where it comes from, for the page (or why there is none)
 * @property {string} [template] a written format's Jinja source (a model's comes with the templates file)
 * @property {Record<string, number>} [extraTokens] markers the format uses that the vocabulary lacks, with the ids the models give them
 */

/**
 * @typedef {object} ContextWindow
 * @property {number} tokens
 * @property {string} source the published figure's source
 */

const chatMl =
  '{% for message in messages %}<|im_start|>{{ message.role }}\n{{ message.content }}<|im_end|>\n{% endfor %}' +
  '{% if add_generation_prompt %}<|im_start|>assistant\n{% endif %}';

const harmony =
  '{% for message in messages %}<|start|>{{ message.role }}<|message|>{{ message.content }}<|end|>{% endfor %}' +
  '{% if add_generation_prompt %}<|start|>assistant{% endif %}';

/** @type {ChatFormat} */
const chatMlFormat = {
  kind: 'written',
  template: chatMl,
  extraTokens: { '<|im_start|>': 100264, '<|im_end|>': 100265 },
  source: 'ChatML, the format of the cl100k_base chat models, as openai-python’s chatml.md and the OpenAI Cookbook describe it (<|im_start|> = 100264, <|im_end|> = 100265)',
};

/** @type {ChatFormat} */
const harmonyFormat = {
  kind: 'written',
  template: harmony,
  source: 'harmony, GPT-OSS’s format, as OpenAI’s harmony guide describes a message (the model’s own template adds a system message of its own first, left out here)',
};

/** @type {Record<string, ChatFormat>} */
const writtenOrNone = {
  r50k_base: { kind: 'none', source: 'GPT-2 predates chat formats: it reads plain text.' },
  p50k_base: { kind: 'none', source: 'The GPT-3 models of p50k_base read plain text; they have no chat format.' },
  cl100k_base: chatMlFormat,
  o200k_base: { kind: 'none', source: 'OpenAI has not published the chat format of GPT-4o or its markers’ ids.' },
  o200k_harmony: harmonyFormat,
  'gpt-oss': harmonyFormat,
  llama2: { kind: 'none', source: 'LLaMA 2’s tokenizer files have no chat template (its chat models wrap turns in [INST] … [/INST] by convention, not by a template in the files).' },
  mistral: { kind: 'none', source: 'Mistral 7B’s tokenizer files here have no chat template.' },
  'bert-base-uncased': { kind: 'none', source: 'BERT is not a chat model: it reads one or two texts between [CLS] and [SEP].' },
};

/**
 * The chat format of a tokenizer's models: a model template when the
 * templates file has one for the key, else the written or missing one.
 * @param {string} key
 * @param {Record<string, {template: string, source: string}>} modelTemplates the build's chat-templates.json
 * @returns {ChatFormat}
 */
export function chatFormatOf(key, modelTemplates) {
  const model = modelTemplates[key];
  if (model) return { kind: 'model', template: model.template, source: `the chat_template of its tokenizer_config.json (${model.source}), rendered by @huggingface/jinja` };
  return writtenOrNone[key] ?? { kind: 'none', source: 'This tokenizer came without a chat template.' };
}

/** @type {Record<string, ContextWindow>} */
const contextWindows = {
  r50k_base: { tokens: 1024, source: 'GPT-2 paper (Radford et al., 2019): context of 1,024 tokens' },
  p50k_base: { tokens: 4097, source: 'OpenAI’s model list for text-davinci-003: 4,097 tokens' },
  cl100k_base: { tokens: 8192, source: 'OpenAI’s GPT-4 model page: 8,192 tokens (gpt-4; gpt-4-32k has 32,768)' },
  o200k_base: { tokens: 128_000, source: 'OpenAI’s GPT-4o model page: 128,000 tokens' },
  o200k_harmony: { tokens: 131_072, source: 'gpt-oss model card and config.json: 131,072 tokens' },
  'gpt-oss': { tokens: 131_072, source: 'gpt-oss model card and config.json: 131,072 tokens' },
  llama2: { tokens: 4096, source: 'Llama 2 paper (Touvron et al., 2023): 4,096 tokens' },
  llama3: { tokens: 8192, source: 'Meta Llama 3 model card: 8,192 tokens' },
  'llama3.1': { tokens: 131_072, source: 'Llama 3.1 model card: 128K (131,072) tokens' },
  mistral: { tokens: 8192, source: 'Mistral 7B paper (Jiang et al., 2023): trained on 8,192 tokens' },
  'bert-base-uncased': { tokens: 512, source: 'BERT paper (Devlin et al., 2018): 512 tokens' },
  gemma3: { tokens: 32_768, source: 'Gemma 3 report: 32K tokens for the 1B model (128K for 4B and up)' },
  qwen3: { tokens: 32_768, source: 'Qwen3 model cards: 32,768 tokens natively (131,072 with YaRN)' },
  'deepseek-v3': { tokens: 131_072, source: 'DeepSeek-V3 report: 128K tokens' },
};

/** The published context window of a tokenizer's models, when known. @param {string} key */
export function contextWindowOf(key) {
  return contextWindows[key] ?? null;
}
