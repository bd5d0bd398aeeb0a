// @ts-check
// Number formatting for the page, in the reader's locale.

const integer = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
const twoDecimals = new Intl.NumberFormat(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const oneDecimal = new Intl.NumberFormat(undefined, { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** 1234567 → "1,234,567" @param {number} value */
export function formatInteger(value) {
  return integer.format(value);
}

/** 3.14159 → "3.14" @param {number} value */
export function formatRatio(value) {
  return twoDecimals.format(value);
}

/** 1734000 → "1.7 MB"; 950 → "950 B" (decimal units, as file sizes are quoted) @param {number} bytes */
export function formatBytes(bytes) {
  if (bytes < 1000) return `${integer.format(bytes)} B`;
  if (bytes < 1e6) return `${oneDecimal.format(bytes / 1e3)} kB`;
  if (bytes < 1e9) return `${oneDecimal.format(bytes / 1e6)} MB`;
  return `${oneDecimal.format(bytes / 1e9)} GB`;
}

/** 0.4 → "0.4 ms"; 1234 → "1,234 ms" @param {number} ms */
export function formatMs(ms) {
  return ms < 10 ? `${oneDecimal.format(ms)} ms` : `${integer.format(ms)} ms`;
}

/** 950 → "950 ms"; 12 300 → "12 s"; 125 000 → "2 min 5 s" @param {number} ms */
export function formatDuration(ms) {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 10_000) return `${(ms / 1000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}
