import { derElement } from '../formats/der.js';

/**
 * A strict DER reader for X.509 (X.690): elements keep their raw encoding
 * (for signature checks) beside their content. Errors are RangeErrors,
 * which the certificate loader turns into CertificateImportError.
 */

/** One DER element. */
export interface Asn1 {
  readonly tag: number;
  /** The content octets. */
  readonly value: Uint8Array;
  /** The whole element: tag, length and content. */
  readonly raw: Uint8Array;
}

/** Tags used by X.509. */
export const TAG = {
  BOOLEAN: 0x01,
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  NULL: 0x05,
  OID: 0x06,
  UTF8: 0x0c,
  PRINTABLE: 0x13,
  IA5: 0x16,
  UTC_TIME: 0x17,
  GENERALIZED_TIME: 0x18,
  SEQUENCE: 0x30,
  SET: 0x31,
} as const;

function readOne(bytes: Uint8Array, at: number): Asn1 {
  const start = at;
  if (at + 2 > bytes.length) throw new RangeError('DER element truncated');
  const tag = bytes[at++] as number;
  if ((tag & 0x1f) === 0x1f) throw new RangeError('multi-byte DER tags are not supported');
  let len = bytes[at++] as number;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 4 || at + n > bytes.length) throw new RangeError('bad DER length');
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + (bytes[at++] as number);
    if (len < 0x80 || (n > 1 && len < 256 ** (n - 1))) throw new RangeError('non-minimal DER length');
  }
  if (at + len > bytes.length) throw new RangeError('DER element runs past the end');
  return { tag, value: bytes.subarray(at, at + len), raw: bytes.subarray(start, at + len) };
}

/** Parse exactly one element filling `bytes`. */
export function parseDer(bytes: Uint8Array): Asn1 {
  const e = readOne(bytes, 0);
  if (e.raw.length !== bytes.length) throw new RangeError('trailing bytes after the DER element');
  return e;
}

/** The elements inside a constructed element (checks its tag when `tag` is given). */
export function children(e: Asn1, tag?: number): Asn1[] {
  if (tag !== undefined && e.tag !== tag)
    throw new RangeError(`expected DER tag 0x${tag.toString(16)}, got 0x${e.tag.toString(16)}`);
  if ((e.tag & 0x20) === 0) throw new RangeError('expected a constructed DER element');
  const out: Asn1[] = [];
  for (let at = 0; at < e.value.length; ) {
    const c = readOne(e.value, at);
    out.push(c);
    at += c.raw.length;
  }
  return out;
}

/** Element `i` of a list, or a RangeError naming `what`. */
export function at(list: readonly Asn1[], i: number, what: string, tag?: number): Asn1 {
  const e = list[i];
  if (!e) throw new RangeError(`missing ${what}`);
  if (tag !== undefined && e.tag !== tag) throw new RangeError(`${what} has DER tag 0x${e.tag.toString(16)}`);
  return e;
}

/** Decode an OBJECT IDENTIFIER to dotted text. */
export function oidText(e: Asn1): string {
  if (e.tag !== TAG.OID || e.value.length === 0) throw new RangeError('expected an OBJECT IDENTIFIER');
  const parts: number[] = [];
  let v = 0;
  for (const b of e.value) {
    v = v * 128 + (b & 0x7f);
    if (v > Number.MAX_SAFE_INTEGER) throw new RangeError('OID component too large');
    if ((b & 0x80) === 0) {
      parts.push(v);
      v = 0;
    }
  }
  if ((e.value[e.value.length - 1] as number) & 0x80) throw new RangeError('OID truncated');
  const first = parts.shift() as number;
  const a = first < 40 ? 0 : first < 80 ? 1 : 2;
  return [a, first - 40 * a, ...parts].join('.');
}

/** Decode a (possibly negative) INTEGER. */
export function integer(e: Asn1): bigint {
  if (e.tag !== TAG.INTEGER || e.value.length === 0) throw new RangeError('expected an INTEGER');
  let v = 0n;
  for (const b of e.value) v = (v << 8n) | BigInt(b);
  if ((e.value[0] as number) & 0x80) v -= 1n << BigInt(8 * e.value.length);
  return v;
}

/** The bytes of a BIT STRING with no unused bits. */
export function bitStringBytes(e: Asn1): Uint8Array {
  if (e.tag !== TAG.BIT_STRING || e.value.length === 0) throw new RangeError('expected a BIT STRING');
  return e.value.subarray(1);
}

/** Decode a string type (UTF8String, PrintableString, IA5String, ...) as text. */
export function text(e: Asn1): string {
  if (e.tag === 0x1e) {
    let s = '';
    for (let i = 0; i + 1 < e.value.length; i += 2)
      s += String.fromCharCode(((e.value[i] as number) << 8) | (e.value[i + 1] as number));
    return s;
  }
  return new TextDecoder().decode(e.value);
}

/** Decode UTCTime / GeneralizedTime (Z form) to epoch seconds. */
export function time(e: Asn1): bigint {
  const s = new TextDecoder().decode(e.value);
  const m =
    e.tag === TAG.UTC_TIME
      ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(s)
      : e.tag === TAG.GENERALIZED_TIME
        ? /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(s)
        : null;
  if (!m) throw new RangeError(`invalid certificate time '${s}'`);
  let year = Number(m[1]);
  if (e.tag === TAG.UTC_TIME) year += year < 50 ? 2000 : 1900;
  const [mo, d, h, mi, se] = m.slice(2).map(Number) as [number, number, number, number, number];
  return BigInt(Date.UTC(year, mo - 1, d, h, mi, se) / 1000);
}

/** Encode epoch seconds as UTCTime (1950-2049) or GeneralizedTime (RFC 5280 §4.1.2.5). */
export function encodeTime(t: bigint): Uint8Array {
  const capped = t > 253402300799n ? 253402300799n : t;
  const d = new Date(Number(capped) * 1000);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  const rest = `${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}Z`;
  const y = d.getUTCFullYear();
  const utc = y >= 1950 && y < 2050;
  const s = utc ? `${p(y % 100)}${rest}` : `${p(y, 4)}${rest}`;
  return derElement(utc ? TAG.UTC_TIME : TAG.GENERALIZED_TIME, new TextEncoder().encode(s));
}

/** Encode a UTF8String, or a PrintableString when the text allows it. */
export function encodeText(s: string): Uint8Array {
  const printable = /^[A-Za-z0-9 '()+,\-./:=?]*$/.test(s);
  return derElement(printable ? TAG.PRINTABLE : TAG.UTF8, new TextEncoder().encode(s));
}

/** Context-specific tag number `n`, constructed or primitive. */
export const ctx = (n: number, constructed: boolean): number => 0x80 | (constructed ? 0x20 : 0) | n;
