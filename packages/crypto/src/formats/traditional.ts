import { KeyExportError } from '../errors.js';
import { bigToBytes } from '../keys/bigint.js';
import { EC_CURVES } from '../keys/ec-curves.js';
import type { KeyImpl } from '../keys/key-impl.js';
import type { EcCurve, KeyBackend } from '../keys/types.js';
import { derInteger, derParse, derSequence, derSequenceItems, derToBigint } from './der.js';
import { type KeyFields, keyFields, keyFromFields } from './key-fields.js';
import { decodeSec1, encodeSec1 } from './sec1.js';

/** The "traditional" (PKCS#1-style) private key kinds, by PEM label. */
export type TraditionalKind = 'rsa' | 'dsa' | 'ec';

/** PEM labels of traditional private keys. */
export const TRADITIONAL_PRIVATE_LABELS: Readonly<Record<TraditionalKind, string>> = {
  rsa: 'RSA PRIVATE KEY',
  dsa: 'DSA PRIVATE KEY',
  ec: 'EC PRIVATE KEY',
};

/** PEM labels of PKCS#1-style public keys. */
export const TRADITIONAL_PUBLIC_LABELS: Readonly<Record<'rsa' | 'dsa', string>> = {
  rsa: 'RSA PUBLIC KEY',
  dsa: 'DSA PUBLIC KEY',
};

const ints = (der: Uint8Array, what: string, count: number): bigint[] => {
  const items = derSequenceItems(derParse(der), what);
  if (items.length < count) throw new RangeError(`${what} has ${items.length} fields, expected ${count}`);
  return items.slice(0, count).map((n) => derToBigint(n));
};

/** EC fields from a private scalar, deriving the point when the file omits it. */
export function ecFields(curve: EcCurve, d: bigint, point: Uint8Array | undefined): KeyFields {
  const info = EC_CURVES[curve];
  if (d <= 0n || d >= info.order) throw new RangeError(`${info.keyType} private scalar is out of range`);
  const derived = point ?? info.noble.getPublicKey(bigToBytes(d, info.fieldBytes), false);
  return { kind: 'ec', curve, d, point: derived };
}

/** Guess the kind of a traditional private key DER from its shape. */
export function traditionalKindOf(der: Uint8Array): TraditionalKind | undefined {
  try {
    const items = derSequenceItems(derParse(der));
    if (items.length === 9 && items.every((i) => i.tag === 0x02)) return 'rsa';
    if (items.length === 6 && items.every((i) => i.tag === 0x02)) return 'dsa';
    if (items.length >= 2 && items[0]?.tag === 0x02 && items[1]?.tag === 0x04) return 'ec';
  } catch {
    return undefined;
  }
  return undefined;
}

/** Decode a traditional private key of `kind` (RFC 8017 A.1.2, OpenSSL's DSA layout, RFC 5915). */
export function decodeTraditionalPrivate(
  kind: TraditionalKind,
  der: Uint8Array,
  backend: KeyBackend,
): KeyImpl {
  if (kind === 'rsa') {
    const v = ints(der, 'RSAPrivateKey', 9);
    const at = (i: number) => v[i] as bigint;
    if (at(0) !== 0n) throw new RangeError('RSAPrivateKey version must be 0 (two primes)');
    const priv = { d: at(3), p: at(4), q: at(5), iqmp: at(8) };
    return keyFromFields({ kind: 'rsa', n: at(1), e: at(2), priv }, backend);
  }
  if (kind === 'dsa') {
    const v = ints(der, 'DSAPrivateKey', 6);
    const at = (i: number) => v[i] as bigint;
    if (at(0) !== 0n) throw new RangeError('DSAPrivateKey version must be 0');
    return keyFromFields({ kind: 'dsa', p: at(1), q: at(2), g: at(3), y: at(4), x: at(5) }, backend);
  }
  const sec1 = decodeSec1(der);
  if (!sec1.curve) throw new RangeError('EC private key does not name its curve');
  return keyFromFields(ecFields(sec1.curve, sec1.d, sec1.point), backend);
}

/** Encode a private key in its traditional layout: the PEM label and the DER. */
export function encodeTraditionalPrivate(impl: KeyImpl): { label: string; der: Uint8Array } {
  const f = keyFields(impl);
  if (f.kind === 'rsa' && f.priv) {
    const { d, p, q, iqmp } = f.priv;
    const der = derSequence(...[0n, f.n, f.e, d, p, q, d % (p - 1n), d % (q - 1n), iqmp].map(derInteger));
    return { label: TRADITIONAL_PRIVATE_LABELS.rsa, der };
  }
  if (f.kind === 'dsa' && f.x !== undefined) {
    return {
      label: TRADITIONAL_PRIVATE_LABELS.dsa,
      der: derSequence(...[0n, f.p, f.q, f.g, f.y, f.x].map(derInteger)),
    };
  }
  if (f.kind === 'ec' && f.d !== undefined) {
    return { label: TRADITIONAL_PRIVATE_LABELS.ec, der: encodeSec1(f.curve, f.d, f.point) };
  }
  throw new KeyExportError(`${impl.keyType} keys have no PKCS#1 private key form`);
}

/** Decode a PKCS#1 RSAPublicKey (n, e) or a DSA public key (y, p, q, g, as AsyncSSH writes it). */
export function decodeTraditionalPublic(kind: 'rsa' | 'dsa', der: Uint8Array, backend: KeyBackend): KeyImpl {
  if (kind === 'rsa') {
    const [n, e] = ints(der, 'RSAPublicKey', 2) as [bigint, bigint];
    return keyFromFields({ kind: 'rsa', n, e }, backend);
  }
  const [y, p, q, g] = ints(der, 'DSAPublicKey', 4) as [bigint, bigint, bigint, bigint];
  return keyFromFields({ kind: 'dsa', p, q, g, y }, backend);
}

/** Encode the PKCS#1-style public key: the PEM label and the DER. */
export function encodeTraditionalPublic(impl: KeyImpl): { label: string; der: Uint8Array } {
  const f = keyFields(impl.toPublic());
  if (f.kind === 'rsa')
    return { label: TRADITIONAL_PUBLIC_LABELS.rsa, der: derSequence(derInteger(f.n), derInteger(f.e)) };
  if (f.kind === 'dsa') {
    return {
      label: TRADITIONAL_PUBLIC_LABELS.dsa,
      der: derSequence(...[f.y, f.p, f.q, f.g].map(derInteger)),
    };
  }
  throw new KeyExportError(`${impl.keyType} keys have no PKCS#1 public key form`);
}
