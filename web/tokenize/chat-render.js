// @ts-check
// A conversation as the model reads it: the chat template rendered with
// @huggingface/jinja (the engine transformers.js uses) into the prompt, where
// each message lies in it, and the prompt cut at the markers a format names
// that its vocabulary lacks. No DOM here, so node can import it too.
//
//   renderChat(chatMl, [{role: 'user', content: 'Hi'}], {addGenerationPrompt: true})
//   → {prompt: "<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n", starts: [0], end: 30}
//   splitAtMarkers(prompt, {'<|im_start|>': 100264, …})
//   → [{text: '', id: 100264}, {text: 'user\nHi'}, {text: '', id: 100265}, {text: '\n'}, …]
//
// Where a message lies: rendering the first k messages alone gives the text
// before message k (templates render a conversation turn by turn), so message
// k runs from there to where the first k + 1 end, and what follows the last
// message (the reply's prime) is the template's own; a template that writes
// the reply's header after any conversation (LLaMA 3's) has that cut off each
// render before they are compared. A template that does not
// render that way (Gemma 3 folds the system message into the first user
// turn) is read the other way: each message ends where its content ends,
// found in order, so a message's count holds the markup before its content.

import { Template } from '@huggingface/jinja';

/**
 * @typedef {object} ChatMessage
 * @property {string} role system, user or assistant
 * @property {string} content
 */

/**
 * @typedef {object} RenderedChat
 * @property {string} prompt
 * @property {number[]} starts where each message begins in the prompt (UTF-16 offsets)
 * @property {number} end where the last message ends; the rest is the template's own
 */

/** Compiled templates, by source: a template is parsed once. */
const compiled = new Map();

/** @param {string} source */
function templateOf(source) {
  let template = compiled.get(source);
  if (!template) compiled.set(source, (template = new Template(source)));
  return template;
}

/**
 * @param {string} source the template's Jinja source
 * @param {ChatMessage[]} messages
 * @param {{addGenerationPrompt: boolean, tokens?: Record<string, string>}} options
 *   tokens: bos_token, eos_token, … as transformers.js hands them to the template
 * @returns {RenderedChat}
 */
export function renderChat(source, messages, { addGenerationPrompt, tokens = {} }) {
  const template = templateOf(source);
  const render = (/** @type {ChatMessage[]} */ list, /** @type {boolean} */ prime) =>
    template.render({ messages: list.map((message) => ({ ...message })), add_generation_prompt: prime, ...tokens });
  const prompt = render(messages, addGenerationPrompt);
  return { prompt, ...(placesByPrefix(messages, prompt, render, false) ?? placesByPrefix(messages, prompt, render, true) ?? placesByContent(messages, prompt)) };
}

/**
 * Each message's start from renders of the conversation's first k messages,
 * when each is a prefix of the next and of the prompt; null when not.
 * With dropTail, what the template writes after any conversation (its render
 * of none: LLaMA 3's always adds the reply's header) is cut off each render first.
 * @param {ChatMessage[]} messages
 * @param {string} prompt
 * @param {(list: ChatMessage[], prime: boolean) => string} render
 * @param {boolean} dropTail
 */
function placesByPrefix(messages, prompt, render, dropTail) {
  const ends = [];
  let tail = '';
  for (let count = 0; count <= messages.length; count++) {
    let text;
    try {
      text = render(messages.slice(0, count), false);
    } catch {
      return null;
    }
    if (dropTail && count === 0) tail = text;
    if (dropTail) {
      if (!tail || !text.endsWith(tail)) return null;
      text = text.slice(0, text.length - tail.length);
    }
    if (!prompt.startsWith(text)) return null;
    if (ends.length > 0 && text.length < ends[ends.length - 1]) return null;
    ends.push(text.length);
  }
  // A template that writes nothing for a message (Gemma 3's system message, held back) is not read this way.
  for (let index = 1; index < ends.length; index++) if (ends[index] === ends[index - 1] && messages[index - 1].content.length > 0) return null;
  return { starts: ends.slice(0, messages.length), end: ends[messages.length] };
}

/**
 * Each message ends where its content ends, found in order (trimmed, as
 * templates often trim); the first begins at 0.
 * @param {ChatMessage[]} messages
 * @param {string} prompt
 */
function placesByContent(messages, prompt) {
  const starts = [];
  let at = 0;
  for (const message of messages) {
    starts.push(at);
    const content = message.content.trim();
    const found = content ? prompt.indexOf(content, at) : -1;
    if (found >= 0) at = found + content.length;
  }
  return { starts, end: at };
}

/**
 * @typedef {object} PromptPiece
 * @property {string} text text to encode ('' for a marker)
 * @property {number} [id] a marker's id
 * @property {string} [marker] the marker's spelling
 */

/**
 * The prompt cut at the markers (longest first at one place); the text between
 * them is encoded as usual, each marker is its one id.
 * @param {string} prompt
 * @param {Record<string, number>} markers
 * @returns {PromptPiece[]}
 */
export function splitAtMarkers(prompt, markers) {
  const spellings = Object.keys(markers).sort((a, b) => b.length - a.length);
  if (spellings.length === 0) return [{ text: prompt }];
  /** @type {PromptPiece[]} */
  const pieces = [];
  let from = 0;
  let at = 0;
  while (at < prompt.length) {
    const marker = spellings.find((spelling) => prompt.startsWith(spelling, at));
    if (!marker) {
      at++;
      continue;
    }
    if (at > from) pieces.push({ text: prompt.slice(from, at) });
    pieces.push({ text: '', id: markers[marker], marker });
    at += marker.length;
    from = at;
  }
  if (from < prompt.length) pieces.push({ text: prompt.slice(from) });
  return pieces;
}

/**
 * The encodings of the pieces as one encoding of the whole prompt: spans
 * shifted to where each piece's bytes lie, each marker spanning its spelling.
 * @param {string} prompt
 * @param {PromptPiece[]} pieces
 * @param {{ids: Uint32Array, starts: Uint32Array, ends: Uint32Array}[]} encodings one per piece (a marker's is ignored)
 * @returns {import('../common/token-layout.js').Encoding}
 */
export function joinEncodings(prompt, pieces, encodings) {
  const utf8 = new TextEncoder();
  const bytes = utf8.encode(prompt);
  const ids = [];
  const starts = [];
  const ends = [];
  let offset = 0;
  pieces.forEach((piece, index) => {
    if (piece.id !== undefined) {
      const length = utf8.encode(piece.marker ?? '').length;
      ids.push(piece.id);
      starts.push(offset);
      ends.push(offset + length);
      offset += length;
      return;
    }
    const encoding = encodings[index];
    for (let token = 0; token < encoding.ids.length; token++) {
      ids.push(encoding.ids[token]);
      starts.push(offset + encoding.starts[token]);
      ends.push(offset + encoding.ends[token]);
    }
    offset += utf8.encode(piece.text).length;
  });
  return { ids: Uint32Array.from(ids), starts: Uint32Array.from(starts), ends: Uint32Array.from(ends), bytes };
}

/**
 * Tokens per message: a token counts for the message its first byte lies in;
 * those after the last message are the template's own (the reply's prime).
 *   ([0, 10], 20) over tokens starting at 0, 4, 10, 15, 22 → {perMessage: [2, 2], after: 1}
 * @param {import('../common/token-layout.js').Encoding} encoding
 * @param {string} prompt
 * @param {number[]} starts UTF-16 offsets
 * @param {number} end
 */
export function countsPerMessage(encoding, prompt, starts, end) {
  const utf8 = new TextEncoder();
  const byteAt = (/** @type {number} */ offset) => utf8.encode(prompt.slice(0, offset)).length;
  const byteStarts = starts.map(byteAt);
  const byteEnd = byteAt(end);
  const perMessage = starts.map(() => 0);
  let before = 0;
  let after = 0;
  for (let token = 0; token < encoding.ids.length; token++) {
    const start = encoding.starts[token];
    if (start >= byteEnd) {
      after++;
      continue;
    }
    let message = -1;
    for (let index = 0; index < byteStarts.length && byteStarts[index] <= start; index++) message = index;
    if (message < 0) before++;
    else perMessage[message]++;
  }
  // Tokens before the first message's start are the first message's (a BOS the template writes first).
  if (perMessage.length > 0) perMessage[0] += before;
  return { perMessage, after: perMessage.length > 0 ? after : after + before };
}
