import type { PacketReader, PacketWriter } from '@ssh/wire';
import { KeyExportError, KeyGenerationError, KeyImportError, SignatureError } from '../errors.js';
import { bitLength, gcd, mod, modInverse } from './bigint.js';
import type { KeyFactory, KeyImpl } from './key-impl.js';
import { rsaValidationSkipped } from './rsa-validation.js';
import type { KeyBackend, RsaPrivateMaterial, RsaPublicMaterial, SigHashName } from './types.js';

/** RSA signature algorithms and their hashes (RFC 8332, RFC 4253, ssh.com extensions). */
export const RSA_SIG_HASHES: Readonly<Record<string, SigHashName>> = {
  'rsa-sha2-256': 'sha256',
  'rsa-sha2-512': 'sha512',
  'ssh-rsa-sha224@ssh.com': 'sha224',
  'ssh-rsa-sha256@ssh.com': 'sha256',
  'ssh-rsa-sha384@ssh.com': 'sha384',
  'ssh-rsa-sha512@ssh.com': 'sha512',
  'ssh-rsa': 'sha1',
};

/** Smallest RSA modulus accepted or generated, in bits. */
export const RSA_MIN_BITS = 1024;
/** Largest RSA modulus accepted, in bits (as OpenSSH). */
export const RSA_MAX_BITS = 16384;

/** An RSA key (RFC 4253 §6.6, RFC 8332). */
class RsaKey implements KeyImpl {
  readonly keyType = 'ssh-rsa';
  readonly bits: number;
  private readonly bytes: number;
  constructor(
    readonly material: RsaPublicMaterial | RsaPrivateMaterial,
    private readonly backend: KeyBackend,
  ) {
    this.bits = bitLength(material.n);
    this.bytes = (this.bits + 7) >> 3;
  }

  get isPrivate(): boolean {
    return 'd' in this.material;
  }

  writePublic(w: PacketWriter): void {
    w.writeMpint(this.material.e).writeMpint(this.material.n);
  }

  writePrivate(w: PacketWriter): void {
    const m = this.material;
    if (!('d' in m)) throw new KeyExportError('a public key has no private fields to write');
    w.writeMpint(m.n).writeMpint(m.e).writeMpint(m.d).writeMpint(m.iqmp).writeMpint(m.p).writeMpint(m.q);
  }

  sign(sigAlg: string, data: Uint8Array): Uint8Array {
    const hash = RSA_SIG_HASHES[sigAlg];
    if (!hash) throw new SignatureError(`ssh-rsa key cannot sign with ${sigAlg}`);
    const m = this.material;
    if (!('d' in m)) throw new SignatureError('cannot sign with a public key');
    return this.backend.rsa.sign(m, hash, data);
  }

  verify(sigAlg: string, data: Uint8Array, sig: Uint8Array): boolean {
    const hash = RSA_SIG_HASHES[sigAlg];
    if (!hash || sig.length === 0 || sig.length > this.bytes) return false;
    return this.backend.rsa.verify(this.material, hash, data, sig);
  }

  toPublic(): KeyImpl {
    return new RsaKey({ n: this.material.n, e: this.material.e }, this.backend);
  }
}

function checkPublic(n: bigint, e: bigint): void {
  const bits = bitLength(n);
  if (bits < RSA_MIN_BITS)
    throw new KeyImportError(`RSA key of ${bits} bits is below the ${RSA_MIN_BITS}-bit minimum`);
  if (bits > RSA_MAX_BITS)
    throw new KeyImportError(`RSA key of ${bits} bits is above the ${RSA_MAX_BITS}-bit maximum`);
  if ((n & 1n) === 0n) throw new KeyImportError('RSA modulus is even');
  if (e < 3n || (e & 1n) === 0n || e >= n) throw new KeyImportError('RSA public exponent is invalid');
}

/** Check the consistency of an RSA private key (cheap checks, no primality test). */
export function checkRsaPrivate(m: RsaPrivateMaterial): void {
  checkPublic(m.n, m.e);
  if (m.p <= 1n || m.q <= 1n || m.p * m.q !== m.n)
    throw new KeyImportError('RSA primes do not multiply to the modulus');
  if (rsaValidationSkipped()) return;
  if (m.d <= 0n || m.d >= m.n) throw new KeyImportError('RSA private exponent is out of range');
  if (mod(m.d * m.e, m.p - 1n) !== 1n || mod(m.d * m.e, m.q - 1n) !== 1n) {
    throw new KeyImportError('RSA private exponent does not match the public exponent');
  }
  if (mod(m.iqmp * m.q, m.p) !== 1n) throw new KeyImportError('RSA CRT coefficient is wrong');
}

/** Build an RSA private key from its primes (shared by both backends' key generation). */
export function rsaFromPrimes(p: bigint, q: bigint, e: bigint): RsaPrivateMaterial {
  if (p < q) [p, q] = [q, p];
  const p1 = p - 1n;
  const q1 = q - 1n;
  const lambda = (p1 * q1) / gcd(p1, q1);
  const d = modInverse(e, lambda);
  return { n: p * q, e, d, p, q, iqmp: modInverse(q, p) };
}

/** ssh-rsa keys. */
export const rsaFactory: KeyFactory = {
  keyType: 'ssh-rsa',
  sigAlgorithms: Object.keys(RSA_SIG_HASHES),
  decodePublic(r: PacketReader, backend: KeyBackend) {
    const e = r.readPositiveMpint('RSA exponent');
    const n = r.readPositiveMpint('RSA modulus');
    checkPublic(n, e);
    return new RsaKey({ n, e }, backend);
  },
  decodePrivate(r: PacketReader, backend: KeyBackend) {
    const n = r.readPositiveMpint('RSA modulus');
    const e = r.readPositiveMpint('RSA exponent');
    const d = r.readPositiveMpint('RSA private exponent');
    const iqmp = r.readPositiveMpint('RSA iqmp');
    const p = r.readPositiveMpint('RSA p');
    const q = r.readPositiveMpint('RSA q');
    const m = { n, e, d, iqmp, p, q };
    checkRsaPrivate(m);
    return new RsaKey(m, backend);
  },
  generate(backend, options) {
    const bits = options.keySize ?? 2048;
    const e = options.exponent ?? 65537;
    if (!Number.isInteger(bits) || bits < RSA_MIN_BITS || bits > RSA_MAX_BITS) {
      throw new KeyGenerationError(
        `RSA key size must be ${RSA_MIN_BITS} to ${RSA_MAX_BITS} bits, not ${bits}`,
      );
    }
    if (!Number.isSafeInteger(e) || e < 3 || e % 2 === 0) {
      throw new KeyGenerationError(`RSA exponent must be an odd integer of at least 3, not ${e}`);
    }
    return new RsaKey(backend.rsa.generate(bits, BigInt(e)), backend);
  },
};
