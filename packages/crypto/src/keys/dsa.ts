import type { PacketReader, PacketWriter } from '@ssh/wire';
import { KeyExportError, KeyGenerationError, KeyImportError, SignatureError } from '../errors.js';
import { bigToBytes, bitLength, bytesToBig, modPow } from './bigint.js';
import type { KeyFactory, KeyImpl } from './key-impl.js';
import type { DsaMaterial, KeyBackend } from './types.js';

/** An ssh-dss key (RFC 4253 §6.6): DSA with SHA-1, N = 160. */
class DsaKey implements KeyImpl {
  readonly keyType = 'ssh-dss';
  readonly bits: number;
  constructor(
    readonly material: DsaMaterial,
    private readonly backend: KeyBackend,
  ) {
    this.bits = bitLength(material.p);
  }

  get isPrivate(): boolean {
    return this.material.x !== undefined;
  }

  writePublic(w: PacketWriter): void {
    const { p, q, g, y } = this.material;
    w.writeMpint(p).writeMpint(q).writeMpint(g).writeMpint(y);
  }

  writePrivate(w: PacketWriter): void {
    const { x } = this.material;
    if (x === undefined) throw new KeyExportError('a public key has no private fields to write');
    this.writePublic(w);
    w.writeMpint(x);
  }

  sign(sigAlg: string, data: Uint8Array): Uint8Array {
    if (sigAlg !== 'ssh-dss') throw new SignatureError(`ssh-dss key cannot sign with ${sigAlg}`);
    const { r, s } = this.backend.dsa.sign(this.material, data);
    const out = new Uint8Array(40);
    out.set(bigToBytes(r, 20), 0);
    out.set(bigToBytes(s, 20), 20);
    return out;
  }

  verify(sigAlg: string, data: Uint8Array, sig: Uint8Array): boolean {
    if (sigAlg !== 'ssh-dss' || sig.length !== 40) return false;
    const r = bytesToBig(sig.subarray(0, 20));
    const s = bytesToBig(sig.subarray(20));
    const { q } = this.material;
    if (r <= 0n || s <= 0n || r >= q || s >= q) return false;
    return this.backend.dsa.verify(this.material, data, r, s);
  }

  toPublic(): KeyImpl {
    const { p, q, g, y } = this.material;
    return new DsaKey({ p, q, g, y }, this.backend);
  }
}

function readPublic(r: PacketReader): DsaMaterial {
  const p = r.readPositiveMpint('DSA p');
  const q = r.readPositiveMpint('DSA q');
  const g = r.readPositiveMpint('DSA g');
  const y = r.readPositiveMpint('DSA y');
  const pBits = bitLength(p);
  if (pBits < 1024 || pBits > 10000) throw new KeyImportError(`DSA modulus of ${pBits} bits is out of range`);
  if (bitLength(q) !== 160) throw new KeyImportError('DSA subgroup order must be 160 bits for ssh-dss');
  if ((p - 1n) % q !== 0n) throw new KeyImportError('DSA q does not divide p - 1');
  if (g <= 1n || g >= p || y <= 1n || y >= p) throw new KeyImportError('DSA g or y is out of range');
  if (modPow(g, q, p) !== 1n) throw new KeyImportError('DSA generator does not have order q');
  return { p, q, g, y };
}

/** ssh-dss keys. */
export const dsaFactory: KeyFactory = {
  keyType: 'ssh-dss',
  sigAlgorithms: ['ssh-dss'],
  decodePublic(r: PacketReader, backend: KeyBackend) {
    return new DsaKey(readPublic(r), backend);
  },
  decodePrivate(r: PacketReader, backend: KeyBackend) {
    const pub = readPublic(r);
    const x = r.readPositiveMpint('DSA x');
    if (x <= 0n || x >= pub.q) throw new KeyImportError('DSA private value is out of range');
    if (modPow(pub.g, x, pub.p) !== pub.y)
      throw new KeyImportError('DSA public value does not match the private value');
    return new DsaKey({ ...pub, x }, backend);
  },
  generate(backend, options) {
    if (options.keySize !== undefined || options.exponent !== undefined) {
      throw new KeyGenerationError('ssh-dss keys are fixed at 1024 bits');
    }
    return new DsaKey(backend.dsa.generate(), backend);
  },
};
