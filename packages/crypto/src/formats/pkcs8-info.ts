import { KeyExportError } from '../errors.js';
import { modPow } from '../keys/bigint.js';
import type { KeyImpl } from '../keys/key-impl.js';
import type { KeyBackend } from '../keys/types.js';
import {
  DER,
  type DerNode,
  derBitString,
  derBitStringBytes,
  derExpect,
  derInteger,
  derNull,
  derOctetString,
  derOid,
  derOidText,
  derParse,
  derSequence,
  derSequenceItems,
  derSmallInt,
  derToBigint,
} from './der.js';
import { edFromSeed, keyFields, keyFromFields } from './key-fields.js';
import { CURVE_OIDS, curveOfOid, OID } from './oids.js';
import { decodeSec1, encodeSec1 } from './sec1.js';
import { decodeTraditionalPrivate, ecFields, encodeTraditionalPrivate } from './traditional.js';

/** The algorithm OID and parameters of an AlgorithmIdentifier. */
function algorithm(node: DerNode | undefined): { oid: string; params: DerNode | undefined } {
  const items = derSequenceItems(node, 'AlgorithmIdentifier');
  return { oid: derOidText(items[0]), params: items[1] };
}

function dsaParams(params: DerNode | undefined): { p: bigint; q: bigint; g: bigint } {
  const [p, q, g] = derSequenceItems(params, 'DSA parameters').map((n) => derToBigint(n));
  if (p === undefined || q === undefined || g === undefined)
    throw new RangeError('DSA parameters are incomplete');
  return { p, q, g };
}

function namedCurve(params: DerNode | undefined) {
  const oid = derOidText(params);
  const curve = curveOfOid(oid);
  if (!curve) throw new RangeError(`unsupported EC curve ${oid}`);
  return curve;
}

/** Decode a PKCS#8 PrivateKeyInfo / OneAsymmetricKey (RFC 5208, RFC 5958, RFC 8410). */
export function decodePrivateKeyInfo(der: Uint8Array, backend: KeyBackend): KeyImpl {
  const items = derSequenceItems(derParse(der), 'PrivateKeyInfo');
  const version = derSmallInt(items[0], 'PrivateKeyInfo version');
  if (version > 1) throw new RangeError(`PrivateKeyInfo version ${version} is not supported`);
  const { oid, params } = algorithm(items[1]);
  const key = derExpect(items[2], DER.OCTET_STRING, 'the private key').value;
  switch (oid) {
    case OID.rsaEncryption:
      return decodeTraditionalPrivate('rsa', key, backend);
    case OID.dsa: {
      const { p, q, g } = dsaParams(params);
      const x = derToBigint(derParse(key, DER.INTEGER));
      return keyFromFields({ kind: 'dsa', p, q, g, x, y: modPow(g, x, p) }, backend);
    }
    case OID.ecPublicKey: {
      const curve = namedCurve(params);
      const sec1 = decodeSec1(key);
      if (sec1.curve && sec1.curve !== curve) throw new RangeError('EC key names two different curves');
      return keyFromFields(ecFields(curve, sec1.d, sec1.point), backend);
    }
    case OID.ed25519:
    case OID.ed448: {
      const seed = derParse(key, DER.OCTET_STRING).value;
      return edFromSeed(oid === OID.ed25519 ? 'ed25519' : 'ed448', seed, backend);
    }
    default:
      throw new RangeError(`unsupported private key algorithm ${oid}`);
  }
}

/** Encode a private key as an unencrypted PKCS#8 PrivateKeyInfo (version 0). */
export function encodePrivateKeyInfo(impl: KeyImpl): Uint8Array {
  const f = keyFields(impl);
  const info = (alg: Uint8Array, key: Uint8Array) => derSequence(derInteger(0n), alg, derOctetString(key));
  if (f.kind === 'rsa') {
    return info(derSequence(derOid(OID.rsaEncryption), derNull()), encodeTraditionalPrivate(impl).der);
  }
  if (f.kind === 'dsa' && f.x !== undefined) {
    const params = derSequence(derInteger(f.p), derInteger(f.q), derInteger(f.g));
    return info(derSequence(derOid(OID.dsa), params), derInteger(f.x));
  }
  if (f.kind === 'ec' && f.d !== undefined) {
    const alg = derSequence(derOid(OID.ecPublicKey), derOid(CURVE_OIDS[f.curve]));
    return info(alg, encodeSec1(f.curve, f.d, f.point, false));
  }
  if (f.kind === 'ed' && f.seed) {
    return info(derSequence(derOid(f.curve === 'ed25519' ? OID.ed25519 : OID.ed448)), derOctetString(f.seed));
  }
  throw new KeyExportError('only a private key can be written as PKCS#8');
}

/** Decode a SubjectPublicKeyInfo (RFC 5280 §4.1, RFC 3279, RFC 5480, RFC 8410). */
export function decodeSubjectPublicKeyInfo(der: Uint8Array, backend: KeyBackend): KeyImpl {
  const items = derSequenceItems(derParse(der), 'SubjectPublicKeyInfo');
  if (items.length !== 2) throw new RangeError('SubjectPublicKeyInfo must have two fields');
  const { oid, params } = algorithm(items[0]);
  const bits = derBitStringBytes(items[1], 'the public key');
  switch (oid) {
    case OID.rsaEncryption: {
      const [n, e] = derSequenceItems(derParse(bits), 'RSAPublicKey').map((x) => derToBigint(x));
      if (n === undefined || e === undefined) throw new RangeError('RSAPublicKey is incomplete');
      return keyFromFields({ kind: 'rsa', n, e }, backend);
    }
    case OID.dsa:
      return keyFromFields(
        { kind: 'dsa', ...dsaParams(params), y: derToBigint(derParse(bits, DER.INTEGER)) },
        backend,
      );
    case OID.ecPublicKey:
      return keyFromFields({ kind: 'ec', curve: namedCurve(params), point: bits.slice() }, backend);
    case OID.ed25519:
    case OID.ed448:
      return keyFromFields(
        { kind: 'ed', curve: oid === OID.ed25519 ? 'ed25519' : 'ed448', publicKey: bits.slice() },
        backend,
      );
    default:
      throw new RangeError(`unsupported public key algorithm ${oid}`);
  }
}

/** Encode a key's public half as a SubjectPublicKeyInfo. */
export function encodeSubjectPublicKeyInfo(impl: KeyImpl): Uint8Array {
  const f = keyFields(impl.toPublic());
  const spki = (alg: Uint8Array[], key: Uint8Array) => derSequence(derSequence(...alg), derBitString(key));
  if (f.kind === 'rsa') {
    return spki([derOid(OID.rsaEncryption), derNull()], derSequence(derInteger(f.n), derInteger(f.e)));
  }
  if (f.kind === 'dsa') {
    const params = derSequence(derInteger(f.p), derInteger(f.q), derInteger(f.g));
    return spki([derOid(OID.dsa), params], derInteger(f.y));
  }
  if (f.kind === 'ec') return spki([derOid(OID.ecPublicKey), derOid(CURVE_OIDS[f.curve])], f.point);
  return spki([derOid(f.curve === 'ed25519' ? OID.ed25519 : OID.ed448)], f.publicKey);
}

/** True when `der` looks like a PrivateKeyInfo (INTEGER then AlgorithmIdentifier). */
export function looksLikePrivateKeyInfo(der: Uint8Array): boolean {
  try {
    const items = derSequenceItems(derParse(der));
    return (
      items[0]?.tag === DER.INTEGER && items[1]?.tag === DER.SEQUENCE && items[2]?.tag === DER.OCTET_STRING
    );
  } catch {
    return false;
  }
}

/** True when `der` looks like an EncryptedPrivateKeyInfo (AlgorithmIdentifier then OCTET STRING). */
export function looksLikeEncryptedInfo(der: Uint8Array): boolean {
  try {
    const items = derSequenceItems(derParse(der));
    return items.length === 2 && items[0]?.tag === DER.SEQUENCE && items[1]?.tag === DER.OCTET_STRING;
  } catch {
    return false;
  }
}

/** True when `der` looks like a SubjectPublicKeyInfo. */
export function looksLikeSpki(der: Uint8Array): boolean {
  try {
    const items = derSequenceItems(derParse(der));
    return items.length === 2 && items[0]?.tag === DER.SEQUENCE && items[1]?.tag === DER.BIT_STRING;
  } catch {
    return false;
  }
}
