import { PacketReader } from '@ssh/wire';
import { KeyGenerationError } from '../errors.js';
import { derElement, derInteger, derOid, derSequence } from '../formats/der.js';
import { bigToBytes } from '../keys/bigint.js';
import { EC_CURVES } from '../keys/ec-curves.js';
import { sigDigest } from '../keys/sig-hash.js';
import { decodeSignatureBlob } from '../keys/signature.js';
import type { SSHKey } from '../keys/ssh-key.js';
import type { EcCurve, KeyBackend, SigHashName } from '../keys/types.js';
import { children, integer, parseDer, TAG } from './asn1.js';

/** X.509 signature algorithms (RFC 3279, 4055, 5758, 8410): key kind and hash. */
const SIG_OIDS: Readonly<
  Record<string, { kind: 'rsa' | 'ec' | 'ed25519' | 'ed448' | 'dsa'; hash: SigHashName }>
> = {
  '1.2.840.113549.1.1.5': { kind: 'rsa', hash: 'sha1' },
  '1.2.840.113549.1.1.14': { kind: 'rsa', hash: 'sha224' },
  '1.2.840.113549.1.1.11': { kind: 'rsa', hash: 'sha256' },
  '1.2.840.113549.1.1.12': { kind: 'rsa', hash: 'sha384' },
  '1.2.840.113549.1.1.13': { kind: 'rsa', hash: 'sha512' },
  '1.2.840.10045.4.1': { kind: 'ec', hash: 'sha1' },
  '1.2.840.10045.4.3.1': { kind: 'ec', hash: 'sha224' },
  '1.2.840.10045.4.3.2': { kind: 'ec', hash: 'sha256' },
  '1.2.840.10045.4.3.3': { kind: 'ec', hash: 'sha384' },
  '1.2.840.10045.4.3.4': { kind: 'ec', hash: 'sha512' },
  '1.3.101.112': { kind: 'ed25519', hash: 'sha512' },
  '1.3.101.113': { kind: 'ed448', hash: 'sha512' },
  '1.2.840.10040.4.3': { kind: 'dsa', hash: 'sha1' },
};

const RSA_SSH_ALG: Readonly<Record<string, string>> = {
  sha1: 'ssh-rsa',
  sha224: 'ssh-rsa-sha224@ssh.com',
  sha256: 'rsa-sha2-256',
  sha384: 'ssh-rsa-sha384@ssh.com',
  sha512: 'rsa-sha2-512',
};

const oidFor = (kind: string, hash: string) =>
  Object.entries(SIG_OIDS).find(([, v]) => v.kind === kind && v.hash === hash)?.[0] as string;

/** Split an SSH public key blob into its type and reader. */
function readBlob(blob: Uint8Array): { type: string; r: PacketReader } {
  const r = new PacketReader(blob);
  return { type: r.readName('key type'), r };
}

/** r || s from a DER ECDSA/DSA signature, each padded to `n` bytes; undefined when malformed. */
function derToRs(sig: Uint8Array, n: number): { r: bigint; s: bigint; rs: Uint8Array } | undefined {
  try {
    const [r, s, extra] = children(parseDer(sig), TAG.SEQUENCE).map(integer);
    if (r === undefined || s === undefined || extra !== undefined || r <= 0n || s <= 0n) return undefined;
    const rs = new Uint8Array(2 * n);
    rs.set(bigToBytes(r, n));
    rs.set(bigToBytes(s, n), n);
    return { r, s, rs };
  } catch {
    return undefined;
  }
}

/**
 * Verify an X.509 signature (algorithm `sigOid`) over `tbs` with the
 * issuer's key, given as an SSH public key blob. False on any mismatch.
 */
export function verifyX509Signature(
  backend: KeyBackend,
  issuerBlob: Uint8Array,
  sigOid: string,
  tbs: Uint8Array,
  sig: Uint8Array,
): boolean {
  const alg = SIG_OIDS[sigOid];
  if (!alg) return false;
  try {
    const { type, r } = readBlob(issuerBlob);
    if (alg.kind === 'rsa' && type === 'ssh-rsa') {
      const e = r.readMpint('e');
      return backend.rsa.verify({ n: r.readMpint('n'), e }, alg.hash, tbs, sig);
    }
    if (alg.kind === 'ec' && type.startsWith('ecdsa-sha2-')) {
      const curve = EC_CURVES[r.readName('curve') as EcCurve];
      if (!curve) return false;
      const point = r.readString('point');
      const rs = derToRs(sig, curve.fieldBytes);
      if (!rs) return false;
      return curve.noble.verify(rs.rs, sigDigest(alg.hash, tbs), point, { prehash: false, lowS: false });
    }
    if (
      (alg.kind === 'ed25519' && type === 'ssh-ed25519') ||
      (alg.kind === 'ed448' && type === 'ssh-ed448')
    ) {
      return backend.eddsa.verify({ curve: alg.kind, publicKey: r.readString('key') }, tbs, sig);
    }
    if (alg.kind === 'dsa' && type === 'ssh-dss') {
      const [p, q, g, y] = [r.readMpint('p'), r.readMpint('q'), r.readMpint('g'), r.readMpint('y')];
      const rs = derToRs(sig, 20);
      return rs !== undefined && backend.dsa.verify({ p, q, g, y }, tbs, rs.r, rs.s);
    }
  } catch {
    return false;
  }
  return false;
}

/** The AlgorithmIdentifier and signer for an issuer key and hash (X.509 generation). */
export function x509Signer(
  issuer: SSHKey,
  hashAlg: string,
): { algorithmIdentifier: Uint8Array; sign(tbs: Uint8Array): Uint8Array } {
  const type = issuer.algorithm;
  const hash = hashAlg.toLowerCase().replace('-', '');
  const ecdsa = (raw: Uint8Array) => {
    const w = new PacketReader(raw);
    return derSequence(derInteger(w.readPositiveMpint('r')), derInteger(w.readPositiveMpint('s')));
  };
  let kind: string;
  let sshAlg: string;
  let toX509: (raw: Uint8Array) => Uint8Array;
  let effectiveHash = hash;
  if (type === 'ssh-rsa') {
    sshAlg = RSA_SSH_ALG[hash] as string;
    if (!sshAlg) throw new KeyGenerationError(`unsupported X.509 hash algorithm '${hashAlg}'`);
    kind = 'rsa';
    toX509 = (raw) => raw;
  } else if (type.startsWith('ecdsa-sha2-')) {
    kind = 'ec';
    sshAlg = type;
    effectiveHash = EC_CURVES[type.slice('ecdsa-sha2-'.length) as EcCurve].hash;
    toX509 = ecdsa;
  } else if (type === 'ssh-ed25519' || type === 'ssh-ed448') {
    kind = type.slice(4);
    sshAlg = type;
    effectiveHash = 'sha512';
    toX509 = (raw) => raw;
  } else if (type === 'ssh-dss') {
    kind = 'dsa';
    sshAlg = type;
    effectiveHash = 'sha1';
    toX509 = (raw) =>
      derSequence(
        derInteger(bytesToBigint(raw.subarray(0, 20))),
        derInteger(bytesToBigint(raw.subarray(20))),
      );
  } else throw new KeyGenerationError(`${type} keys cannot sign X.509 certificates`);
  const oid = oidFor(kind, effectiveHash);
  const algorithmIdentifier =
    kind === 'rsa' ? derSequence(derOid(oid), derElement(TAG.NULL)) : derSequence(derOid(oid));
  return {
    algorithmIdentifier,
    sign(tbs) {
      return toX509(decodeSignatureBlob(issuer.sign(tbs, sshAlg)).signature);
    },
  };
}

function bytesToBigint(b: Uint8Array): bigint {
  let v = 0n;
  for (const x of b) v = (v << 8n) | BigInt(x);
  return v;
}
