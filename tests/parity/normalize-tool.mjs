// What normalizer-parity.test.mjs and bert-parity.test.mjs share: the texts of
// every code point, the records tests/tools/normalize_tool reads (see
// tests/tools/records.h), and the failure report.
import assert from 'node:assert/strict';

const utf8 = new TextEncoder();

/** Every code point but the surrogates, one text each. */
export function everyCodepoint() {
  const texts = [];
  for (let codepoint = 0; codepoint < 0x110000; ++codepoint) {
    if (codepoint < 0xd800 || codepoint > 0xdfff) texts.push(String.fromCodePoint(codepoint));
  }
  return texts;
}

/** The texts as the tool's input: [u32 length][UTF-8 bytes] each, little-endian. */
export function toRecords(texts) {
  const records = [];
  for (const text of texts) {
    const bytes = Buffer.from(utf8.encode(text));
    const header = Buffer.alloc(4);
    header.writeUInt32LE(bytes.length);
    records.push(header, bytes);
  }
  return Buffer.concat(records);
}

/** Fails with the count and the first `shown` descriptions, if there are any. */
export function checkFailures(failures, shown) {
  if (failures.length === 0) return;
  assert.fail(`${failures.length} mismatches; the first ${Math.min(shown, failures.length)}:\n` + failures.slice(0, shown).join('\n'));
}
