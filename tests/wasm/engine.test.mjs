// The wasm module through its JS wrapper (web/engine/engine.js), in node: known ids,
// byte offsets, round trips, special tokens, errors as JS Errors, handle lifetimes.
//
//   node --test tests/wasm/engine.test.mjs
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';

import { loadEngine, readVocab } from './load-engine.mjs';

const kEncodings = ['r50k_base', 'p50k_base', 'cl100k_base', 'o200k_base'];
const utf8 = new TextEncoder();

// Strings that stress every stage: empty, emoji split across tokens, CJK,
// mixed whitespace, contractions, digits, combining marks, special-looking text.
const kHardStrings = [
  '', ' ', '\n', 'Hello world', '🦀🧑🏽‍💻👨‍👩‍👧‍👦🇯🇵', '日本語のテキストと中文', ' \t\n\r\n  \u00a0\u3000\u2028x  ',
  "I'm sure they'LL say it's 12345678901", 'e\u0301\u0302 Z̤̈́͂ Ǹ̃', '<|endoftext|> and <|fim_prefix|>',
  'ქართული Հայերեն አማርኛ ខ្មែរ', 'x'.repeat(3000), '\u0000\u0001\u007f',
];

/** @type {import('../../web/engine/engine.js').Engine} */
let engine;
/** @type {Record<string, Uint8Array>} */
const vocab = {};
/** @type {Record<string, import('../../web/engine/engine.js').Tokenizer>} */
const tokenizers = {};

before(async () => {
  engine = await loadEngine();
  for (const name of kEncodings) {
    vocab[name] = await readVocab(name);
    tokenizers[name] = engine.loadTiktoken(name, vocab[name]);
  }
});

describe('encoding', () => {
  test('known strings give the ids of the published vocabularies', () => {
    // The ids tiktoken gives for the same strings.
    const known = {
      r50k_base: { 'Hello world': [15496, 995], 'Hi!': [17250, 0], ' 🙂': [32485] },
      p50k_base: { 'Hello world': [15496, 995], 'Hi!': [17250, 0], ' 🙂': [32485] },
      cl100k_base: { 'Hello world': [9906, 1917], 'Hi!': [13347, 0], ' 🙂': [28584] },
      o200k_base: { 'Hello world': [13225, 2375], 'Hi!': [12194, 0], ' 🙂': [26192] },
    };
    for (const [name, cases] of Object.entries(known)) {
      for (const [text, ids] of Object.entries(cases)) {
        assert.deepEqual(Array.from(tokenizers[name].encode(text).ids), ids, `${name} ${JSON.stringify(text)}`);
      }
    }
  });

  test('ids come back as a Uint32Array with starts and ends of the same length', () => {
    const { ids, starts, ends, bytes } = tokenizers.cl100k_base.encode('typed arrays, not objects');
    assert.ok(ids instanceof Uint32Array && starts instanceof Uint32Array && ends instanceof Uint32Array);
    assert.equal(starts.length, ids.length);
    assert.equal(ends.length, ids.length);
    assert.deepEqual(bytes, utf8.encode('typed arrays, not objects'));
  });

  test('offsets tile the UTF-8 bytes and each span is the bytes of its token', () => {
    for (const name of kEncodings) {
      const tokenizer = tokenizers[name];
      for (const text of kHardStrings) {
        const { ids, starts, ends, bytes } = tokenizer.encode(text);
        const label = `${name} ${JSON.stringify(text.slice(0, 30))}`;
        if (ids.length === 0) {
          assert.equal(bytes.length, 0, label);
          continue;
        }
        assert.equal(starts[0], 0, label);
        assert.equal(ends[ids.length - 1], bytes.length, label);
        for (let i = 0; i < ids.length; ++i) {
          assert.ok(ends[i] > starts[i], `${label}: token ${i} is empty`);
          if (i > 0) assert.equal(starts[i], ends[i - 1], `${label}: gap or overlap before token ${i}`);
          assert.deepEqual(tokenizer.decode([ids[i]]), bytes.subarray(starts[i], ends[i]), `${label}: token ${i}`);
        }
      }
    }
  });

  test('an emoji split across tokens keeps offsets inside the character', () => {
    const { ids, starts, ends } = tokenizers.r50k_base.encode('🦀');
    assert.ok(ids.length > 1, 'r50k_base has no single token for the crab emoji');
    assert.deepEqual(Array.from(starts), [0, ...Array.from(ends).slice(0, -1)]);
    assert.equal(ends[ids.length - 1], 4);
  });

  test('empty input gives no ids', () => {
    for (const name of kEncodings) {
      const { ids, starts, ends } = tokenizers[name].encode('');
      assert.equal(ids.length + starts.length + ends.length, 0, name);
      assert.equal(tokenizers[name].count(''), 0, name);
      assert.equal(tokenizers[name].decode([]).length, 0, name);
    }
  });

  test('count equals the number of ids', () => {
    for (const text of kHardStrings) {
      for (const allowSpecial of [false, true]) {
        const tokenizer = tokenizers.o200k_base;
        assert.equal(tokenizer.count(text, { allowSpecial }), tokenizer.encode(text, { allowSpecial }).ids.length);
      }
    }
  });
});

describe('decoding', () => {
  test('decode(encode(x)) gives back the exact bytes', () => {
    for (const name of kEncodings) {
      for (const text of kHardStrings) {
        assert.deepEqual(tokenizers[name].decode(tokenizers[name].encode(text).ids), utf8.encode(text), `${name} ${JSON.stringify(text.slice(0, 30))}`);
      }
    }
  });

  test('bytes that are not UTF-8 are encoded byte-level and round-trip', () => {
    const bytes = Uint8Array.from([0xff, 0xfe, 0x41, 0xc3, 0x28, 0xe2, 0x82, 0x00, 0xed, 0xa0, 0x80, 0xf0, 0x9f, 0x98]);
    for (const name of kEncodings) {
      const { ids, ends } = tokenizers[name].encode(bytes);
      assert.equal(ends[ids.length - 1], bytes.length, name);
      assert.deepEqual(tokenizers[name].decode(ids), bytes, name);
    }
  });

  test('decode takes a plain array as well as a Uint32Array', () => {
    const ids = tokenizers.cl100k_base.encode('plain arrays too').ids;
    assert.deepEqual(tokenizers.cl100k_base.decode(Array.from(ids)), tokenizers.cl100k_base.decode(ids));
  });
});

describe('strings with lone surrogates', () => {
  test('a lone surrogate encodes like U+FFFD, as TextEncoder converts it', () => {
    for (const name of kEncodings) {
      const tokenizer = tokenizers[name];
      for (const [lone, replaced] of [['a\ud800b', 'a\ufffdb'], ['\udc00', '\ufffd'], ['\ude00\ud83d x', '\ufffd\ufffd x']]) {
        assert.deepEqual(tokenizer.encode(lone).ids, tokenizer.encode(replaced).ids, `${name} ${JSON.stringify(lone)}`);
      }
    }
  });
});

describe('special tokens', () => {
  test('special-looking text is ordinary text unless allowed', () => {
    const endOfText = { r50k_base: 50256, p50k_base: 50256, cl100k_base: 100257, o200k_base: 199999 };
    for (const [name, id] of Object.entries(endOfText)) {
      const tokenizer = tokenizers[name];
      const ordinary = Array.from(tokenizer.encode('a<|endoftext|>b').ids);
      assert.ok(ordinary.length > 3 && !ordinary.includes(id), `${name}: ${ordinary}`);
      const allowed = Array.from(tokenizer.encode('a<|endoftext|>b', { allowSpecial: true }).ids);
      assert.equal(allowed.length, 3, name);
      assert.equal(allowed[1], id, name);
      assert.deepEqual(tokenizer.decode(allowed), utf8.encode('a<|endoftext|>b'), name);
    }
  });

  test('each encoding knows only its own special tokens', () => {
    const fim = '<|fim_prefix|>';
    assert.deepEqual(Array.from(tokenizers.cl100k_base.encode(fim, { allowSpecial: true }).ids), [100258]);
    assert.ok(tokenizers.r50k_base.encode(fim, { allowSpecial: true }).ids.length > 1);
    assert.ok(tokenizers.o200k_base.encode(fim, { allowSpecial: true }).ids.length > 1);
  });

  test('the vocabulary marks special tokens and crosses as flat arrays', () => {
    const tokenizer = tokenizers.r50k_base;
    const { bytes, offsets, special } = tokenizer.vocabulary();
    assert.equal(tokenizer.vocabSize, 50257);
    assert.equal(offsets.length, tokenizer.vocabSize + 1);
    assert.equal(special.length, tokenizer.vocabSize);
    assert.equal(special[50256], 1);
    assert.equal(special.reduce((sum, flag) => sum + flag, 0), 1);
    const token = (id) => new TextDecoder().decode(bytes.subarray(offsets[id], offsets[id + 1]));
    assert.equal(token(0), '!');
    assert.equal(token(995), ' world');
    assert.equal(token(50256), '<|endoftext|>');
  });
});

describe('errors', () => {
  // Each error must be a JS Error with a clear message, and the module must go on working.
  function assertStillWorks() {
    assert.deepEqual(Array.from(tokenizers.cl100k_base.encode('Hello world').ids), [9906, 1917]);
    const fresh = engine.loadTiktoken('r50k_base', vocab.r50k_base);
    assert.deepEqual(Array.from(fresh.encode('Hello world').ids), [15496, 995]);
    fresh.delete();
  }

  test('an unknown tokenizer name is an Error listing the known names', () => {
    assert.throws(() => engine.loadTiktoken('gpt5', vocab.cl100k_base),
      (error) => error instanceof Error && /unknown tokenizer "gpt5"; known: r50k_base, p50k_base, cl100k_base, o200k_base/.test(error.message));
    assertStillWorks();
  });

  test('a corrupt rank file is an Error naming the line', () => {
    const corrupt = utf8.encode('IQ== 0\nthis is not a rank file\n');
    assert.throws(() => engine.loadTiktoken('cl100k_base', corrupt),
      (error) => error instanceof Error && /tiktoken file line 2/.test(error.message));
    assert.throws(() => engine.loadTiktoken('cl100k_base', new Uint8Array()),
      (error) => error instanceof Error && /empty/.test(error.message));
    const truncated = vocab.o200k_base.subarray(0, 1000);
    assert.throws(() => engine.loadTiktoken('o200k_base', truncated), Error);
    assertStillWorks();
  });

  test('an id out of range in decode is an Error naming the id', () => {
    assert.throws(() => tokenizers.r50k_base.decode([1, 99999999]),
      (error) => error instanceof Error && /token id 99999999 is not in r50k_base/.test(error.message));
    assert.throws(() => tokenizers.cl100k_base.decode([100256 + 1000]), (error) => error instanceof Error && /token id 101256 is not in cl100k_base/.test(error.message));
    assertStillWorks();
  });

  test('an unsupported split pattern is an Error listing the supported ones', () => {
    assert.throws(() => engine.loadCustomTiktoken('mine', '\\w+|\\s+', vocab.r50k_base),
      (error) => error instanceof Error && /unsupported pre-tokenizer pattern/.test(error.message));
    assertStillWorks();
  });

  test('a deleted tokenizer throws, and deleting twice is safe', () => {
    const tokenizer = engine.loadTiktoken('p50k_base', vocab.p50k_base);
    tokenizer.delete();
    tokenizer.delete();
    assert.throws(() => tokenizer.encode('x'), /tokenizer p50k_base was deleted/);
    assert.throws(() => tokenizer.decode([1]), /was deleted/);
    assert.throws(() => tokenizer.count('x'), /was deleted/);
    assertStillWorks();
  });
});

describe('custom rank files', () => {
  test('a rank file loaded with a chosen pattern encodes like the named encoding, without specials', () => {
    const custom = engine.loadCustomTiktoken('my-cl100k', 'cl100k', vocab.cl100k_base);
    try {
      for (const text of kHardStrings) {
        assert.deepEqual(custom.encode(text).ids, tokenizers.cl100k_base.encode(text).ids, JSON.stringify(text.slice(0, 30)));
      }
      assert.ok(custom.encode('<|endoftext|>', { allowSpecial: true }).ids.length > 1);
    } finally {
      custom.delete();
    }
  });
});

describe('memory', () => {
  test('a loaded vocabulary reports its memory and loading more grows the heap at most by a bounded amount', () => {
    for (const name of kEncodings) assert.ok(tokenizers[name].memoryBytes() > vocab[name].length / 4, name);
    const heapBefore = engine.heapBytes();
    for (let i = 0; i < 5; ++i) engine.loadTiktoken('o200k_base', vocab.o200k_base).delete();
    // Freed handles give their memory back: five loads cost about one.
    assert.ok(engine.heapBytes() - heapBefore < 4 * tokenizers.o200k_base.memoryBytes());
  });
});
