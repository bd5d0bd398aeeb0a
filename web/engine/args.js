// @ts-check
// Checks of numbers before they cross into the WebAssembly module. Embind
// converts a JS number to an unsigned or int argument by wrapping it: -1
// arrives as 4294967295, 2^31 as -2147483648, NaN as 0. These checks make
// such values an Error that names the value as the caller gave it.
//
//   countArg(-1, 'merges') → throws "merges must be a whole number of at least 0, not -1"
//   indexArg(7, 3, 'row', 'the 3 vectors') → throws "row 7 is outside the 3 vectors"

/** The largest count a size_t of the 32-bit module holds; larger counts mean "all". */
const kMaxCount = 2 ** 32 - 1;

/**
 * A count or a position: a whole number from 0 up; counts beyond 2^32 − 1
 * (the module's size_t) are clamped, as asking for more than exists gives all.
 * @param {number} value @param {string} what
 */
export function countArg(value, what) {
  if (typeof value !== 'number' || !(value >= 0) || (!Number.isInteger(value) && value !== Infinity)) {
    throw new Error(`${what} must be a whole number of at least 0, not ${String(value)}`);
  }
  return Math.min(value, kMaxCount);
}

/**
 * An index into something of `size` entries.
 * @param {number} value @param {number} size @param {string} what "row", "token id" @param {string} of "the 3 vectors"
 */
export function indexArg(value, size, what, of) {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value >= size) {
    throw new Error(`${what} ${String(value)} is outside ${of}`);
  }
  return value;
}
