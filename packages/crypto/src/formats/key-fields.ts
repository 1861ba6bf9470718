import { PacketReader, PacketWriter } from '@ssh/wire';
import { KeyExportError, KeyImportError } from '../errors.js';
import { decodePublicBlob } from '../keys/blob.js';
import { EC_CURVES } from '../keys/ec-curves.js';
import { asImportError } from '../keys/import-error.js';
import type { KeyImpl } from '../keys/key-impl.js';
import { getKeyFactory } from '../keys/registry.js';
import type { EcCurve, EdCurve, KeyBackend } from '../keys/types.js';

/**
 * The numbers of a key, as the ASN.1 and PuTTY formats carry them. Private
 * fields are present only for private keys. Built from and turned back into
 * a KeyImpl through the OpenSSH field layout, so every key passes the same
 * validation whatever format it came from.
 */
export type KeyFields =
  | {
      kind: 'rsa';
      n: bigint;
      e: bigint;
      priv?: { d: bigint; p: bigint; q: bigint; iqmp: bigint };
    }
  | { kind: 'dsa'; p: bigint; q: bigint; g: bigint; y: bigint; x?: bigint }
  | { kind: 'ec'; curve: EcCurve; point: Uint8Array; d?: bigint }
  | { kind: 'ed'; curve: EdCurve; publicKey: Uint8Array; seed?: Uint8Array };

function fieldBytes(impl: KeyImpl): Uint8Array {
  const w = new PacketWriter(512);
  if (impl.isPrivate) impl.writePrivate(w);
  else impl.writePublic(w);
  return w.toBytes();
}

/** The fields of a loaded key. */
export function keyFields(impl: KeyImpl): KeyFields {
  const r = new PacketReader(fieldBytes(impl));
  const t = impl.keyType;
  if (t === 'ssh-rsa') {
    if (!impl.isPrivate) {
      const e = r.readMpint('e');
      return { kind: 'rsa', e, n: r.readMpint('n') };
    }
    const n = r.readMpint('n');
    const e = r.readMpint('e');
    const d = r.readMpint('d');
    const iqmp = r.readMpint('iqmp');
    const p = r.readMpint('p');
    const q = r.readMpint('q');
    return { kind: 'rsa', n, e, priv: { d, p, q, iqmp } };
  }
  if (t === 'ssh-dss') {
    const [p, q, g, y] = [r.readMpint('p'), r.readMpint('q'), r.readMpint('g'), r.readMpint('y')];
    return impl.isPrivate ? { kind: 'dsa', p, q, g, y, x: r.readMpint('x') } : { kind: 'dsa', p, q, g, y };
  }
  if (t === 'ssh-ed25519' || t === 'ssh-ed448') {
    const curve: EdCurve = t === 'ssh-ed25519' ? 'ed25519' : 'ed448';
    const publicKey = r.readString('public key').slice();
    if (!impl.isPrivate) return { kind: 'ed', curve, publicKey };
    const sk = r.readString('private key');
    return { kind: 'ed', curve, publicKey, seed: sk.slice(0, sk.length - publicKey.length) };
  }
  const curve = (Object.keys(EC_CURVES) as EcCurve[]).find((c) => EC_CURVES[c].keyType === t);
  if (curve === undefined) throw new KeyExportError(`${t} keys cannot be written in this format`);
  r.readString('curve');
  const point = r.readString('point').slice();
  return impl.isPrivate ? { kind: 'ec', curve, point, d: r.readMpint('d') } : { kind: 'ec', curve, point };
}

function keyTypeOf(f: KeyFields): string {
  if (f.kind === 'rsa') return 'ssh-rsa';
  if (f.kind === 'dsa') return 'ssh-dss';
  if (f.kind === 'ed') return `ssh-${f.curve}`;
  return EC_CURVES[f.curve].keyType;
}

/** Build a key from its fields (validated as any imported key); KeyImportError when invalid. */
export function keyFromFields(f: KeyFields, backend: KeyBackend): KeyImpl {
  const keyType = keyTypeOf(f);
  const w = new PacketWriter(512);
  let isPrivate = false;
  try {
    if (f.kind === 'rsa') {
      if (f.priv) {
        const { d, p, q, iqmp } = f.priv;
        w.writeMpint(f.n).writeMpint(f.e).writeMpint(d).writeMpint(iqmp).writeMpint(p).writeMpint(q);
        isPrivate = true;
      } else w.writeMpint(f.e).writeMpint(f.n);
    } else if (f.kind === 'dsa') {
      w.writeMpint(f.p).writeMpint(f.q).writeMpint(f.g).writeMpint(f.y);
      if (f.x !== undefined) {
        w.writeMpint(f.x);
        isPrivate = true;
      }
    } else if (f.kind === 'ec') {
      w.writeString(EC_CURVES[f.curve].id).writeString(f.point);
      if (f.d !== undefined) {
        w.writeMpint(f.d);
        isPrivate = true;
      }
    } else {
      w.writeString(f.publicKey);
      if (f.seed !== undefined) {
        const sk = new Uint8Array(f.seed.length + f.publicKey.length);
        sk.set(f.seed);
        sk.set(f.publicKey, f.seed.length);
        w.writeString(sk);
        isPrivate = true;
      }
    }
    if (!isPrivate) {
      const blob = new PacketWriter(512).writeString(keyType).writeBytes(w.toBytes()).toBytes();
      return decodePublicBlob(blob, backend);
    }
    const r = new PacketReader(w.toBytes());
    const impl = getKeyFactory(keyType).decodePrivate(r, backend);
    r.expectEnd('private key fields');
    return impl;
  } catch (e) {
    throw asImportError(e, `invalid ${keyType} key`);
  }
}

/** An EdDSA private key from its seed alone (the public key is derived). */
export function edFromSeed(curve: EdCurve, seed: Uint8Array, backend: KeyBackend): KeyImpl {
  const len = curve === 'ed25519' ? 32 : 57;
  if (seed.length !== len)
    throw new KeyImportError(`${curve} private key must be ${len} bytes, got ${seed.length}`);
  return keyFromFields({ kind: 'ed', curve, seed, publicKey: backend.eddsa.publicKey(curve, seed) }, backend);
}
