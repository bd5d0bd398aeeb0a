// @ts-check
// The Tokenize view's Chat mode: a conversation (system, user and assistant
// messages, added and removed) rendered with the chosen model's chat
// template, tokenized, and counted message by message against the model's
// context window.
//
//   Llama 3, [system "Be brief.", user "Hi"] → "<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\nBe brief.<|eot_id|>…"
//   → chips (its special tokens drawn as such), "system 11 · user 7 · template 4 · total 22, 0.3% of 8,192"
//
// The prompt is encoded with special tokens on and nothing added (a
// template writes its own BOS), as transformers.js's apply_chat_template
// encodes it. Markers a format uses that the vocabulary lacks (ChatML's
// under cl100k_base) are cut out and given their ids (chat-render.js).
//
// Links: #in=chat&text=[["user","Hi"]]&prime=0 (prime=0: without the reply's
// start, add_generation_prompt; on by default).

import { part } from '../common/dom.js';
import { formatInteger } from '../common/format.js';
import { chatFormatOf, contextWindowOf } from './chat-formats.js';
import { countsPerMessage, joinEncodings, renderChat, splitAtMarkers } from './chat-render.js';

/** @typedef {import('./chat-render.js').ChatMessage} ChatMessage */

export const roles = ['system', 'user', 'assistant'];

/** @type {ChatMessage[]} */
export const defaultChat = [
  { role: 'system', content: 'You are a helpful assistant.' },
  { role: 'user', content: 'How does a tokenizer split “Kuznetsov”?' },
];

/**
 * A conversation from a link's text: a JSON array of [role, content] pairs.
 * Anything else gives null (the caller names the problem).
 * @param {string} text
 * @returns {ChatMessage[] | null}
 */
export function parseChat(text) {
  let value;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (!Array.isArray(value)) return null;
  const messages = [];
  for (const pair of value) {
    if (!Array.isArray(pair) || pair.length !== 2 || !roles.includes(pair[0]) || typeof pair[1] !== 'string') return null;
    messages.push({ role: pair[0], content: pair[1] });
  }
  return messages;
}

/** @param {ChatMessage[]} messages */
export function chatText(messages) {
  return JSON.stringify(messages.map(({ role, content }) => [role, content]));
}

/** @type {Promise<Record<string, {template: string, tokens: Record<string, string>, source: string}>> | null} */
let templatesFile = null;

/** The build's chat-templates.json, fetched once. */
function modelTemplates() {
  if (!templatesFile) {
    templatesFile = fetch(new URL('../dist/vocab/chat-templates.json', import.meta.url)).then((response) => {
      if (!response.ok) throw new Error(`chat-templates.json: HTTP ${response.status}`);
      return response.json();
    });
    templatesFile.catch(() => (templatesFile = null));
  }
  return templatesFile;
}

/**
 * @typedef {object} ChatResult
 * @property {import('../common/token-layout.js').Encoding | null} encoding null when the model has no format
 * @property {string} prompt
 */

export class ChatMode {
  /**
   * @param {HTMLElement} root the view's section
   * @param {{onChange: (immediate: boolean) => void}} hooks the conversation changed (re-render and rewrite the link)
   */
  constructor(root, { onChange }) {
    this.onChange = onChange;
    this.list = part(root, '#chat-messages', HTMLElement);
    this.addButton = part(root, '#chat-add', HTMLButtonElement);
    this.primeToggle = part(root, '#chat-prime', HTMLInputElement);
    this.sourceNote = part(root, '#chat-source', HTMLElement);
    this.summary = part(root, '#chat-summary', HTMLElement);
    this.summaryRows = part(root, '#chat-counts', HTMLElement);
    this.windowNote = part(root, '#chat-window', HTMLElement);
    this.copyButton = part(root, '#copy-prompt', HTMLButtonElement);
    this.copyStatus = part(root, '#copy-prompt-status', HTMLElement);
    /** @type {ChatMessage[]} */
    this.messages = defaultChat.map((message) => ({ ...message }));
    this.prime = true;
    this.prompt = '';
    /** The error a template raises to refuse a conversation, for the view to tell apart. */
    this.TemplateError = TemplateError;

    this.addButton.addEventListener('click', () => {
      const last = this.messages[this.messages.length - 1];
      this.messages.push({ role: last?.role === 'user' ? 'assistant' : 'user', content: '' });
      this.renderMessages();
      this.onChange(true);
      /** @type {HTMLTextAreaElement | null} */ (this.list.querySelector('li:last-child textarea'))?.focus();
    });
    this.primeToggle.addEventListener('change', () => {
      this.prime = this.primeToggle.checked;
      this.onChange(true);
    });
    this.copyButton.addEventListener('click', () => this.copyPrompt());
    this.renderMessages();
  }

  /**
   * @param {URLSearchParams} params
   * @returns {string | null} a problem with the link's conversation, if any
   */
  applyLink(params) {
    const text = params.get('text');
    const parsed = text === null ? null : parseChat(text);
    this.messages = (parsed ?? defaultChat).map((message) => ({ ...message }));
    this.prime = params.get('prime') !== '0';
    this.primeToggle.checked = this.prime;
    this.renderMessages();
    return text !== null && parsed === null ? 'The link’s conversation is not a list of [role, content] pairs (roles system, user, assistant); showing the example conversation instead.' : null;
  }

  linkValues() {
    return { prime: this.prime ? undefined : '0' };
  }

  /** Draws one row per message: its role, its text and a Remove button, all labelled by position. */
  renderMessages() {
    const rows = this.messages.map((message, index) => {
      const row = document.createElement('li');
      row.className = 'chat-message';
      const role = document.createElement('select');
      role.setAttribute('aria-label', `Role of message ${index + 1}`);
      for (const name of roles) {
        const option = document.createElement('option');
        option.value = name;
        option.textContent = name;
        role.append(option);
      }
      role.value = message.role;
      role.addEventListener('change', () => {
        message.role = role.value;
        this.onChange(true);
      });
      const content = document.createElement('textarea');
      content.rows = 2;
      content.spellcheck = false;
      content.value = message.content;
      content.setAttribute('aria-label', `Message ${index + 1}, ${message.role}`);
      content.addEventListener('input', () => {
        message.content = content.value;
        this.onChange(false);
      });
      role.addEventListener('change', () => content.setAttribute('aria-label', `Message ${index + 1}, ${role.value}`));
      const remove = document.createElement('button');
      remove.type = 'button';
      remove.className = 'button quiet';
      remove.textContent = 'Remove';
      remove.setAttribute('aria-label', `Remove message ${index + 1}`);
      remove.addEventListener('click', () => {
        this.messages.splice(index, 1);
        this.renderMessages();
        this.onChange(true);
        const rowsLeft = this.list.querySelectorAll('li');
        /** @type {HTMLElement} */ (rowsLeft[Math.min(index, rowsLeft.length - 1)]?.querySelector('textarea') ?? this.addButton).focus();
      });
      const count = document.createElement('span');
      count.className = 'chat-message-count note';
      row.append(role, content, remove, count);
      return row;
    });
    this.list.replaceChildren(...rows);
  }

  /**
   * Renders the conversation with the tokenizer's format and encodes it.
   * @param {string} key
   * @param {{request: (type: string, args?: object) => Promise<any>}} client
   * @returns {Promise<ChatResult>}
   */
  async run(key, client) {
    const templates = await modelTemplates();
    const format = chatFormatOf(key, templates);
    this.sourceNote.textContent = format.kind === 'none' ? format.source : `Template: ${format.source}.`;
    if (format.kind === 'none' || !format.template) {
      this.prompt = '';
      this.summary.hidden = true;
      return { encoding: null, prompt: '' };
    }
    let rendered;
    try {
      rendered = renderChat(format.template, this.messages, { addGenerationPrompt: this.prime, tokens: templates[key]?.tokens });
    } catch (error) {
      throw new TemplateError(error instanceof Error ? error.message : String(error));
    }
    const pieces = splitAtMarkers(rendered.prompt, format.extraTokens ?? {});
    const encodings = await Promise.all(
      pieces.map((piece) => (piece.id !== undefined ? null : client.request('encode', { key, text: piece.text, allowSpecial: true, addSpecialTokens: false }))),
    );
    const encoding = joinEncodings(rendered.prompt, pieces, encodings);
    this.prompt = rendered.prompt;
    this.showCounts(key, encoding, rendered);
    return { encoding, prompt: rendered.prompt };
  }

  /**
   * @param {string} key
   * @param {import('../common/token-layout.js').Encoding} encoding
   * @param {import('./chat-render.js').RenderedChat} rendered
   */
  showCounts(key, encoding, rendered) {
    const { perMessage, after } = countsPerMessage(encoding, rendered.prompt, rendered.starts, rendered.end);
    const total = encoding.ids.length;
    const row = (/** @type {string} */ label, /** @type {number} */ count) => {
      const line = document.createElement('tr');
      const name = document.createElement('th');
      name.scope = 'row';
      name.textContent = label;
      const cell = document.createElement('td');
      cell.className = 'num';
      cell.textContent = formatInteger(count);
      cell.dataset.value = String(count);
      line.append(name, cell);
      return line;
    };
    const rows = this.messages.map((message, index) => row(`${index + 1}. ${message.role}`, perMessage[index]));
    rows.push(row(this.prime ? 'The reply’s start and the template’s end' : 'The template’s end', after));
    const totalRow = row('Total', total);
    totalRow.className = 'chat-total';
    rows.push(totalRow);
    this.summaryRows.replaceChildren(...rows);
    this.list.querySelectorAll('.chat-message-count').forEach((cell, index) => {
      cell.textContent = `${formatInteger(perMessage[index] ?? 0)} tokens`;
    });
    const window = contextWindowOf(key);
    if (window) {
      const share = (100 * total) / window.tokens;
      this.windowNote.textContent = `${formatInteger(total)} tokens are ${share < 0.1 ? share.toFixed(2) : share.toFixed(1)}% of the ${formatInteger(window.tokens)}-token context window (${window.source}).`;
      this.windowNote.dataset.share = String(share);
    } else {
      this.windowNote.textContent = 'No published context window for this tokenizer’s model.';
    }
    this.summary.hidden = false;
  }

  async copyPrompt() {
    try {
      await navigator.clipboard.writeText(this.prompt);
      this.copyStatus.textContent = `Copied the prompt, ${formatInteger(this.prompt.length)} characters.`;
    } catch {
      this.copyStatus.textContent = 'The page may not write to the clipboard here.';
    }
  }

  /** Hides what only Chat mode shows. */
  hide() {
    this.summary.hidden = true;
  }
}

/** A chat template that refused the conversation (Gemma 3's wants user and assistant turns to alternate). */
export class TemplateError extends Error {}
