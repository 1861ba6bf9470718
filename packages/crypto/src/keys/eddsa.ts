import { ed448 } from '@noble/curves/ed448.js';
import { ed25519 } from '@noble/curves/ed25519.js';
import type { PacketReader, PacketWriter } from '@ssh/wire';
import { KeyExportError, KeyGenerationError, KeyImportError, SignatureError } from '../errors.js';
import type { KeyFactory, KeyImpl } from './key-impl.js';
import type { EdCurve, EdMaterial, KeyBackend } from './types.js';

const SIZES: Readonly<Record<EdCurve, { key: number; sig: number; bits: number }>> = {
  ed25519: { key: 32, sig: 64, bits: 256 },
  ed448: { key: 57, sig: 114, bits: 456 },
};

function equal(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let d = 0;
  for (let i = 0; i < a.length; i++) d |= (a[i] as number) ^ (b[i] as number);
  return d === 0;
}

/** An Ed25519 or Ed448 key (RFC 8709). */
class EdKey implements KeyImpl {
  readonly keyType: string;
  readonly bits: number;
  constructor(
    readonly material: EdMaterial,
    private readonly backend: KeyBackend,
  ) {
    this.keyType = `ssh-${material.curve}`;
    this.bits = SIZES[material.curve].bits;
  }

  get isPrivate(): boolean {
    return this.material.seed !== undefined;
  }

  writePublic(w: PacketWriter): void {
    w.writeString(this.material.publicKey);
  }

  writePrivate(w: PacketWriter): void {
    const { seed, publicKey } = this.material;
    if (!seed) throw new KeyExportError('a public key has no private fields to write');
    const sk = new Uint8Array(seed.length + publicKey.length);
    sk.set(seed);
    sk.set(publicKey, seed.length);
    w.writeString(publicKey).writeString(sk);
  }

  sign(sigAlg: string, data: Uint8Array): Uint8Array {
    if (sigAlg !== this.keyType) throw new SignatureError(`${this.keyType} key cannot sign with ${sigAlg}`);
    return this.backend.eddsa.sign(this.material, data);
  }

  verify(sigAlg: string, data: Uint8Array, sig: Uint8Array): boolean {
    if (sigAlg !== this.keyType || sig.length !== SIZES[this.material.curve].sig) return false;
    return this.backend.eddsa.verify(this.material, data, sig);
  }

  toPublic(): KeyImpl {
    return new EdKey({ curve: this.material.curve, publicKey: this.material.publicKey }, this.backend);
  }
}

function readKey(r: PacketReader, curve: EdCurve, field: string): Uint8Array {
  const len = SIZES[curve].key;
  const v = r.readString(field);
  if (v.length !== len) throw new KeyImportError(`${field} must be ${len} bytes, got ${v.length}`);
  try {
    (curve === 'ed25519' ? ed25519 : ed448).Point.fromBytes(v, false);
  } catch (e) {
    throw new KeyImportError(`${field} is not a valid curve point`, { cause: e });
  }
  return v.slice();
}

/** Build the factory of one EdDSA curve. */
function edFactory(curve: EdCurve): KeyFactory {
  const keyType = `ssh-${curve}`;
  const { key: len } = SIZES[curve];
  return {
    keyType,
    sigAlgorithms: [keyType],
    decodePublic(r, backend) {
      return new EdKey({ curve, publicKey: readKey(r, curve, `${curve} public key`) }, backend);
    },
    decodePrivate(r, backend) {
      const publicKey = readKey(r, curve, `${curve} public key`);
      const sk = r.readString(`${curve} private key`);
      if (sk.length !== 2 * len) {
        throw new KeyImportError(`${curve} private key must be ${2 * len} bytes, got ${sk.length}`);
      }
      const seed = sk.slice(0, len);
      if (!equal(sk.subarray(len), publicKey)) {
        throw new KeyImportError(`${curve} private key does not embed its public key`);
      }
      if (!equal(backend.eddsa.publicKey(curve, seed), publicKey)) {
        throw new KeyImportError(`${curve} public key does not match the private key`);
      }
      return new EdKey({ curve, publicKey, seed }, backend);
    },
    generate(backend, options) {
      if (options.keySize !== undefined || options.exponent !== undefined) {
        throw new KeyGenerationError(`${keyType} keys take no key size or exponent`);
      }
      return new EdKey(backend.eddsa.generate(curve), backend);
    },
  };
}

/** ssh-ed25519 keys (RFC 8709). */
export const ed25519Factory: KeyFactory = edFactory('ed25519');
/** ssh-ed448 keys (RFC 8709). */
export const ed448Factory: KeyFactory = edFactory('ed448');
