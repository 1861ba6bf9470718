import { PacketWriter } from '@ssh/wire';
import type { KexHashFunction } from './hash.js';
import { KEX_HASH_LENGTH } from './hash.js';
import type { DHGroup, KexHashName, KexMethodInfo, SecretEncoding } from './types.js';

/** The group-exchange request and the group the server chose (RFC 4419 §3). */
export interface GexHashParams {
  /** Minimal group size the client asked for; omit for the old request (SSH_MSG_KEX_DH_GEX_REQUEST_OLD). */
  readonly min?: number;
  /** Preferred group size in bits. */
  readonly n: number;
  /** Maximal group size; omit for the old request. */
  readonly max?: number;
  /** The group the server sent. */
  readonly group: DHGroup;
}

/** Everything the exchange hash H covers. */
export interface ExchangeHashInput {
  /** V_C: the client's identification string without CR LF. */
  readonly clientVersion: string | Uint8Array;
  /** V_S: the server's identification string without CR LF. */
  readonly serverVersion: string | Uint8Array;
  /** I_C: the payload of the client's SSH_MSG_KEXINIT. */
  readonly clientKexInit: Uint8Array;
  /** I_S: the payload of the server's SSH_MSG_KEXINIT. */
  readonly serverKexInit: Uint8Array;
  /** K_S: the server's public host key blob. */
  readonly hostKey: Uint8Array;
  /** e (DH, magnitude), Q_C (ECDH), C_PK (hybrids) or the encrypted secret (RSA). */
  readonly clientValue: Uint8Array;
  /** f (DH, magnitude), Q_S (ECDH), S_CT (hybrids) or K_T (RSA). */
  readonly serverValue: Uint8Array;
  /** K as returned by the method. */
  readonly sharedSecret: Uint8Array;
  /** Required for `dh-gex` methods. */
  readonly gex?: GexHashParams;
}

/** Append K in the method's encoding. */
export function writeSharedSecret(w: PacketWriter, k: Uint8Array, encoding: SecretEncoding): PacketWriter {
  return encoding === 'mpint' ? w.writeMpintBytes(k) : w.writeString(k);
}

/** The byte string hashed for H (exposed for tests and debugging). */
export function exchangeHashPreimage(method: KexMethodInfo, input: ExchangeHashInput): Uint8Array {
  const w = new PacketWriter(1024 + input.clientValue.length + input.serverValue.length);
  w.writeString(input.clientVersion)
    .writeString(input.serverVersion)
    .writeString(input.clientKexInit)
    .writeString(input.serverKexInit)
    .writeString(input.hostKey);
  switch (method.family) {
    case 'ecdh':
    case 'kem-hybrid':
      w.writeString(input.clientValue).writeString(input.serverValue);
      break;
    case 'dh':
      w.writeMpintBytes(input.clientValue).writeMpintBytes(input.serverValue);
      break;
    case 'dh-gex': {
      const gex = input.gex;
      if (!gex) throw new TypeError(`${method.name}: the exchange hash needs the group-exchange parameters`);
      if (gex.min !== undefined && gex.max !== undefined) {
        w.writeUint32(gex.min).writeUint32(gex.n).writeUint32(gex.max);
      } else {
        w.writeUint32(gex.n);
      }
      w.writeMpint(gex.group.p).writeMpint(gex.group.g);
      w.writeMpintBytes(input.clientValue).writeMpintBytes(input.serverValue);
      break;
    }
    case 'rsa':
      w.writeString(input.serverValue).writeString(input.clientValue);
      break;
  }
  return writeSharedSecret(w, input.sharedSecret, method.secretEncoding).toBytes();
}

/** Exchange hash and key derivation bound to one hash implementation. */
export interface KexHashing {
  /** The exchange hash H (RFC 4253 §8, RFC 4419 §3, RFC 4432 §4, RFC 5656 §4). */
  exchangeHash(method: KexMethodInfo, input: ExchangeHashInput): Uint8Array;
  /**
   * Derive `length` bytes of key material (RFC 4253 §7.2):
   * K1 = HASH(K || H || letter || session_id), Kn+1 = HASH(K || H || K1 || ... || Kn).
   * `letter` is 'A'..'F'; K is encoded per `kEncoding`.
   */
  deriveKey(
    hashName: KexHashName,
    sharedSecret: Uint8Array,
    exchangeHash: Uint8Array,
    letter: string,
    sessionId: Uint8Array,
    length: number,
    kEncoding: SecretEncoding,
  ): Uint8Array;
}

/** Build the exchange-hash and key-derivation helpers over a hash factory. */
export function makeKexHashing(hashOf: (name: KexHashName) => KexHashFunction): KexHashing {
  return {
    exchangeHash(method, input) {
      return hashOf(method.hash)(exchangeHashPreimage(method, input));
    },
    deriveKey(hashName, sharedSecret, exchangeHash, letter, sessionId, length, kEncoding) {
      if (letter.length !== 1) throw new TypeError(`key letter must be one character, got '${letter}'`);
      const hash = hashOf(hashName);
      const kh = writeSharedSecret(new PacketWriter(sharedSecret.length + 8), sharedSecret, kEncoding)
        .writeBytes(exchangeHash)
        .toBytes();
      const out = new Uint8Array(length);
      const first = hash(kh, Uint8Array.of(letter.charCodeAt(0)), sessionId);
      out.set(first.subarray(0, Math.min(length, first.length)));
      let have = first.length;
      while (have < length) {
        const next = hash(kh, out.subarray(0, have));
        out.set(next.subarray(0, Math.min(length - have, next.length)), have);
        have += next.length;
      }
      return out;
    },
  };
}

/** Digest length of a kex hash in bytes. */
export function kexHashLength(name: KexHashName): number {
  return KEX_HASH_LENGTH[name];
}
