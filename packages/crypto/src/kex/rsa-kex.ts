import { KeyExchangeFailed, PacketReader, PacketWriter } from '@ssh/wire';
import { bigIntToBytes, bytesToBigInt, kexFail, randomBytes } from './bytes.js';
import { KEX_HASH_LENGTH } from './hash.js';
import type { KexHashName, RsaKexMethod } from './types.js';

/** Largest transient key a client accepts (bounds the work a server can ask for). */
const MAX_TRANSIENT_BITS = 16384;

/** A transient RSA key pair held by the server. */
export interface RsaKeyPair {
  /** Modulus. */
  readonly n: bigint;
  /** Public exponent. */
  readonly e: bigint;
  /** RSAES-OAEP decryption (RFC 8017 §7.1.2) with `hash` for the label hash and MGF1; throws on bad padding. */
  decrypt(ciphertext: Uint8Array, hash: KexHashName): Uint8Array;
}

/** RSA as RFC 4432 key transport needs it. */
export interface RsaEngine {
  /** Generate a key with a modulus of `bits` bits and e = 65537. */
  generate(bits: number): RsaKeyPair;
  /** RSAES-OAEP encryption (RFC 8017 §7.1.1) with an empty label. */
  encrypt(n: bigint, e: bigint, message: Uint8Array, hash: KexHashName): Uint8Array;
}

/** Encode an `ssh-rsa` public key blob (RFC 4253 §6.6). */
export function encodeRsaPublicKey(n: bigint, e: bigint): Uint8Array {
  return new PacketWriter(32 + (n.toString(16).length >> 1))
    .writeString('ssh-rsa')
    .writeMpint(e)
    .writeMpint(n)
    .toBytes();
}

/** Parse an `ssh-rsa` public key blob; throws KeyExchangeFailed if it is not one. */
export function decodeRsaPublicKey(method: string, blob: Uint8Array): { n: bigint; e: bigint } {
  try {
    const r = new PacketReader(blob);
    const type = r.readUtf8('key type');
    if (type !== 'ssh-rsa') kexFail(method, `transient key is '${type}', expected 'ssh-rsa'`);
    const e = r.readPositiveMpint('e');
    const n = r.readPositiveMpint('n');
    r.expectEnd('transient key');
    return { n, e };
  } catch (cause) {
    if (cause instanceof KeyExchangeFailed) throw cause;
    kexFail(method, `malformed transient RSA key (${(cause as Error).message})`);
  }
}

/**
 * RSA key transport (RFC 4432). The server sends K_T, an `ssh-rsa` key of at
 * least `bits` bits; the client picks 0 <= K < 2^(KLEN - 2*HLEN - 49),
 * encrypts mpint(K) with RSAES-OAEP over the kex hash and sends it. K is
 * returned as its minimal unsigned magnitude.
 */
export function rsaKexMethod(name: string, hash: KexHashName, bits: number, engine: RsaEngine): RsaKexMethod {
  const hLen = KEX_HASH_LENGTH[hash] * 8;
  return {
    name,
    hash,
    family: 'rsa',
    secretEncoding: 'mpint',
    modulusBits: bits,
    createServerKey() {
      const key = engine.generate(bits);
      return {
        publicKey: encodeRsaPublicKey(key.n, key.e),
        decryptSecret(encryptedSecret) {
          const kLen = (key.n.toString(16).length + 1) >> 1;
          if (encryptedSecret.length !== kLen) {
            kexFail(name, `encrypted secret has ${encryptedSecret.length} bytes, expected ${kLen}`);
          }
          let message: Uint8Array;
          try {
            message = key.decrypt(encryptedSecret, hash);
          } catch {
            kexFail(name, 'cannot decrypt the secret');
          }
          try {
            const r = new PacketReader(message);
            const k = r.readPositiveMpint('K');
            r.expectEnd('secret');
            return bigIntToBytes(k);
          } catch {
            kexFail(name, 'decrypted secret is not an mpint');
          }
        },
      };
    },
    encryptSecret(transientKey) {
      const { n, e } = decodeRsaPublicKey(name, transientKey);
      const kLen = n.toString(2).length;
      if (kLen < bits) kexFail(name, `transient key has ${kLen} bits, at least ${bits} required`);
      if (kLen > MAX_TRANSIENT_BITS)
        kexFail(name, `transient key has ${kLen} bits, at most ${MAX_TRANSIENT_BITS} accepted`);
      if (e < 3n || (e & 1n) === 0n) kexFail(name, 'transient key has a bad public exponent');
      const secretBits = kLen - 2 * hLen - 49;
      const raw = bytesToBigInt(randomBytes(Math.ceil(secretBits / 8)));
      const k = raw & ((1n << BigInt(secretBits)) - 1n);
      const message = new PacketWriter(8 + (secretBits >> 3)).writeMpint(k).toBytes();
      return { encryptedSecret: engine.encrypt(n, e, message, hash), sharedSecret: bigIntToBytes(k) };
    },
  };
}
