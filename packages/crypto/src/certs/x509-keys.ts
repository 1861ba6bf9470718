import { PacketReader, PacketWriter } from '@ssh/wire';
import { derBitString, derElement, derInteger, derOid, derSequence } from '../formats/der.js';
import { EC_CURVES } from '../keys/ec-curves.js';
import type { EcCurve } from '../keys/types.js';
import { type Asn1, at, bitStringBytes, children, integer, oidText, parseDer, TAG } from './asn1.js';

/**
 * SubjectPublicKeyInfo (RFC 5280 §4.1.2.7, RFC 3279, RFC 5480, RFC 8410)
 * to and from SSH public key blobs: RSA, ECDSA (P-256/384/521, secp256k1),
 * Ed25519, Ed448, DSA.
 */

const RSA = '1.2.840.113549.1.1.1';
const EC = '1.2.840.10045.2.1';
const DSA = '1.2.840.10040.4.1';
const ED25519 = '1.3.101.112';
const ED448 = '1.3.101.113';

/** Named curve OIDs by SSH curve identifier. */
export const CURVE_OIDS: Readonly<Record<EcCurve, string>> = {
  nistp256: '1.2.840.10045.3.1.7',
  nistp384: '1.3.132.0.34',
  nistp521: '1.3.132.0.35',
  '1.3.132.0.10': '1.3.132.0.10',
};

/** The SSH public key blob of a SubjectPublicKeyInfo; RangeError for unsupported or malformed keys. */
export function spkiToSSHBlob(spki: Asn1): Uint8Array {
  const [alg, key] = [
    at(children(spki, TAG.SEQUENCE), 0, 'algorithm', TAG.SEQUENCE),
    at(children(spki), 1, 'public key', TAG.BIT_STRING),
  ];
  const algParts = children(alg);
  const oid = oidText(at(algParts, 0, 'key algorithm', TAG.OID));
  const bits = bitStringBytes(key);
  const w = new PacketWriter(256);
  if (oid === RSA) {
    const [n, e] = children(parseDer(bits), TAG.SEQUENCE).map(integer);
    if (n === undefined || e === undefined || n <= 0n || e <= 0n)
      throw new RangeError('invalid RSA public key');
    w.writeString('ssh-rsa').writeMpint(e).writeMpint(n);
  } else if (oid === EC) {
    const curveOid = oidText(at(algParts, 1, 'EC curve', TAG.OID));
    const id = (Object.keys(CURVE_OIDS) as EcCurve[]).find((c) => CURVE_OIDS[c] === curveOid);
    if (!id) throw new RangeError(`unsupported EC curve ${curveOid}`);
    w.writeString(EC_CURVES[id].keyType).writeString(id).writeString(bits);
  } else if (oid === ED25519 || oid === ED448) {
    w.writeString(oid === ED25519 ? 'ssh-ed25519' : 'ssh-ed448').writeString(bits);
  } else if (oid === DSA) {
    const [p, q, g] = children(at(algParts, 1, 'DSA parameters', TAG.SEQUENCE)).map(integer);
    if (p === undefined || q === undefined || g === undefined) throw new RangeError('invalid DSA parameters');
    w.writeString('ssh-dss')
      .writeMpint(p)
      .writeMpint(q)
      .writeMpint(g)
      .writeMpint(integer(parseDer(bits)));
  } else throw new RangeError(`unsupported public key algorithm ${oid}`);
  return w.toBytes().slice();
}

/** The SubjectPublicKeyInfo DER of an SSH public key blob (ssh-rsa, ecdsa-sha2-*, ssh-ed25519/448, ssh-dss). */
export function sshBlobToSpki(blob: Uint8Array): Uint8Array {
  const r = new PacketReader(blob);
  const type = r.readName('key type');
  if (type === 'ssh-rsa') {
    const e = r.readMpint('e');
    const n = r.readMpint('n');
    return derSequence(
      derSequence(derOid(RSA), derElement(TAG.NULL)),
      derBitString(derSequence(derInteger(n), derInteger(e))),
    );
  }
  if (type.startsWith('ecdsa-sha2-')) {
    const id = r.readName('curve') as EcCurve;
    const oid = CURVE_OIDS[id];
    if (!oid) throw new RangeError(`no X.509 form for curve ${id}`);
    return derSequence(derSequence(derOid(EC), derOid(oid)), derBitString(r.readString('point')));
  }
  if (type === 'ssh-ed25519' || type === 'ssh-ed448') {
    return derSequence(
      derSequence(derOid(type === 'ssh-ed25519' ? ED25519 : ED448)),
      derBitString(r.readString('key')),
    );
  }
  if (type === 'ssh-dss') {
    const [p, q, g, y] = [r.readMpint('p'), r.readMpint('q'), r.readMpint('g'), r.readMpint('y')];
    return derSequence(
      derSequence(derOid(DSA), derSequence(derInteger(p), derInteger(q), derInteger(g))),
      derBitString(derInteger(y)),
    );
  }
  throw new RangeError(`${type} keys have no X.509 form`);
}
