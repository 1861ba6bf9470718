import { sha1 } from '@noble/hashes/legacy.js';
import { derElement } from '../formats/der.js';
import { type Asn1, children, parseDer, TAG } from './asn1.js';

/**
 * OpenSSL's subject / issuer name hash (`openssl x509 -hash`, the file
 * names `<hash>.<n>` of a hashed certificate directory, as `openssl rehash`
 * makes): SHA-1 over the name's canonical encoding, its first 4 bytes read
 * little-endian, as 8 hex digits.
 */

// String types OpenSSL canonicalises (ASN1_MASK_CANON); others are kept as encoded.
const BMP = 0x1e;
const UNIVERSAL = 0x1c;
const T61 = 0x14;
const CANON_TAGS = new Set([TAG.UTF8, TAG.PRINTABLE, T61, TAG.IA5, 0x1a, BMP, UNIVERSAL]);

/** The value of a string element as UTF-8 (T61String read as Latin-1, as OpenSSL does). */
function utf8Of(e: Asn1): Uint8Array {
  const v = e.value;
  let s: string;
  if (e.tag === BMP) {
    s = '';
    for (let i = 0; i + 1 < v.length; i += 2)
      s += String.fromCharCode(((v[i] as number) << 8) | (v[i + 1] as number));
  } else if (e.tag === UNIVERSAL) {
    s = '';
    for (let i = 0; i + 3 < v.length; i += 4) {
      s += String.fromCodePoint(
        (((v[i] as number) << 24) |
          ((v[i + 1] as number) << 16) |
          ((v[i + 2] as number) << 8) |
          (v[i + 3] as number)) >>>
          0,
      );
    }
  } else if (e.tag === T61) {
    s = String.fromCharCode(...v);
  } else return v;
  return new TextEncoder().encode(s);
}

const isSpace = (b: number) => b === 0x20 || (b >= 0x09 && b <= 0x0d);

/** Trim ASCII white space, collapse inner runs to one space, lower-case ASCII letters. */
function canonText(bytes: Uint8Array): Uint8Array {
  let start = 0;
  let end = bytes.length;
  while (start < end && isSpace(bytes[start] as number)) start++;
  while (end > start && isSpace(bytes[end - 1] as number)) end--;
  const out: number[] = [];
  for (let i = start; i < end; ) {
    const b = bytes[i] as number;
    if (isSpace(b)) {
      out.push(0x20);
      while (i < end && isSpace(bytes[i] as number)) i++;
    } else {
      out.push(b >= 0x41 && b <= 0x5a ? b + 0x20 : b);
      i++;
    }
  }
  return Uint8Array.from(out);
}

/** DER SET OF order: the encodings as octet strings, a prefix first. */
function derOrder(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return (a[i] as number) - (b[i] as number);
  return a.length - b.length;
}

/** The canonical encoding of a Name: each RDN SET re-encoded with canonical string values, concatenated. */
function canonicalName(nameDer: Uint8Array): Uint8Array {
  const sets = children(parseDer(nameDer), TAG.SEQUENCE).map((rdn) => {
    const entries = children(rdn, TAG.SET).map((atv) => {
      const [type, value] = children(atv, TAG.SEQUENCE);
      if (!type || !value) throw new RangeError('name attribute without a type and a value');
      const canon = CANON_TAGS.has(value.tag as never)
        ? derElement(TAG.UTF8, canonText(utf8Of(value)))
        : value.raw;
      return derElement(TAG.SEQUENCE, type.raw, canon);
    });
    return derElement(TAG.SET, ...entries.sort(derOrder));
  });
  const total = sets.reduce((n, s) => n + s.length, 0);
  const out = new Uint8Array(total);
  let at = 0;
  for (const s of sets) {
    out.set(s, at);
    at += s.length;
  }
  return out;
}

/** OpenSSL's hash of a DER-encoded Name (X509_NAME_hash): 8 lower-case hex digits. RangeError on bad DER. */
export function x509NameHash(nameDer: Uint8Array): string {
  const d = sha1(canonicalName(nameDer));
  const n =
    ((d[0] as number) | ((d[1] as number) << 8) | ((d[2] as number) << 16) | ((d[3] as number) << 24)) >>> 0;
  return n.toString(16).padStart(8, '0');
}
