// @ts-check
// Names for token vectors, as `tokenlab train-vectors --unit TOKENIZER` writes
// them in .vec files: printable ASCII other than the backslash stays, every
// other byte becomes \xNN, so a name has no whitespace and tells the exact
// bytes. The page shows a name as text again, a space as "·".
//
//   tokenName(bytes of " king") → "\x20king";  tokenDisplay("\x20king") → "·king"
//   tokenName(bytes of "é")     → "\xC3\xA9";  tokenDisplay("\xC3\xA9") → "é"

const hex = '0123456789ABCDEF';
const strictDecoder = new TextDecoder('utf-8', { fatal: true });

/** @param {Uint8Array} bytes */
export function tokenName(bytes) {
  let name = '';
  for (const byte of bytes) {
    name += byte > 0x20 && byte < 0x7f && byte !== 0x5c ? String.fromCharCode(byte) : `\\x${hex[byte >> 4]}${hex[byte & 15]}`;
  }
  return name || '\\x';
}

/** The bytes a name stands for. @param {string} name */
export function tokenNameBytes(name) {
  const bytes = [];
  for (let i = 0; i < name.length; i++) {
    const escape = /^\\x([0-9A-F]{2})/.exec(name.slice(i, i + 4));
    if (escape) {
      bytes.push(parseInt(escape[1], 16));
      i += 3;
    } else {
      bytes.push(name.charCodeAt(i) & 0xff);
    }
  }
  return Uint8Array.from(bytes);
}

/**
 * A token name as readable text: whitespace made visible (· space, ↵ newline,
 * → tab). A name whose bytes are not whole UTF-8 characters (a piece of an
 * emoji) is shown as written, with its \xNN escapes.
 * @param {string} name
 */
export function tokenDisplay(name) {
  if (!name.includes('\\x')) return name;
  const bytes = tokenNameBytes(name);
  let text;
  try {
    text = strictDecoder.decode(bytes);
  } catch {
    return name;
  }
  return text.replace(/ /g, '·').replace(/\n/g, '↵').replace(/\t/g, '→').replace(/\r/g, '␍');
}
