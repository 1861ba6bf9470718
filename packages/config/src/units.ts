/**
 * OpenSSH's own number syntaxes for config values. These are stricter than the
 * AsyncSSH-style `parseTimeInterval` / `parseByteCount` in @ssh/wire (which accept
 * fractions and negative parts), so a config file is read exactly as OpenSSH reads it.
 */

const TIME_UNIT: Readonly<Record<string, number>> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 };
const INT_MAX = 2147483647;

/**
 * Parse an OpenSSH time value: one or more non-negative integers, each with an
 * optional case-insensitive unit s, m, h, d or w ("1h30m", "90"). Returns seconds,
 * or undefined when the text is not a valid time or exceeds 2^31-1 seconds.
 */
export function parseConfigTime(text: string): number | undefined {
  if (text === '') return undefined;
  let total = 0;
  const re = /(\d+)([smhdwSMHDW]?)/y;
  let pos = 0;
  while (pos < text.length) {
    re.lastIndex = pos;
    const m = re.exec(text);
    if (m === null) return undefined;
    const unit = TIME_UNIT[(m[2] ?? '').toLowerCase()] ?? 1;
    total += Number(m[1]) * unit;
    if (total > INT_MAX) return undefined;
    pos = re.lastIndex;
  }
  return total;
}

const SIZE_UNIT: Readonly<Record<string, number>> = {
  '': 1,
  k: 1024,
  m: 1024 ** 2,
  g: 1024 ** 3,
  t: 1024 ** 4,
  p: 1024 ** 5,
  e: 1024 ** 6,
};

/**
 * Parse an OpenSSH scaled byte size: a decimal number with an optional fraction and
 * an optional one-letter binary unit K, M, G, T ("1.5M", "100"). Fractions of a byte
 * are dropped. Returns undefined for anything else.
 */
export function parseConfigSize(text: string): number | undefined {
  const m = /^(\d+)(?:\.(\d+))?([kmgtpeKMGTPE]?)$/.exec(text);
  if (m === null) return undefined;
  const scale = SIZE_UNIT[(m[3] ?? '').toLowerCase()] ?? 1;
  const whole = Number(m[1]) * scale;
  const frac = m[2] === undefined ? 0 : Math.floor((Number(`0.${m[2]}`) * scale) / 1) || 0;
  const total = whole + frac;
  return Number.isSafeInteger(total) ? total : undefined;
}
