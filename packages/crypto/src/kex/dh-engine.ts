import { bigIntToBytes, bytesToBigInt, kexFail, randomBytes, stripLeadingZeros } from './bytes.js';
import type { DHGroup } from './types.js';

/**
 * Bits of the private exponent x: 512, twice the strength of a 256-bit
 * cipher key, as OpenSSH picks for its strongest ciphers (capped below |p|).
 */
export function exponentBits(group: DHGroup): number {
  return Math.min(512, group.p.toString(2).length - 2);
}

/** One ephemeral finite-field DH key: the public value and agreement with the peer. */
export interface DHKeyPair {
  /** g^x mod p as unsigned big-endian bytes without leading zeros. */
  readonly publicValue: Uint8Array;
  /** Validate the peer's value y (magnitude bytes) and return y^x mod p (magnitude bytes). */
  agree(peerValue: Uint8Array): Uint8Array;
}

/** A finite-field Diffie-Hellman implementation. */
export interface DHEngine {
  /** Create an ephemeral key in `group`. */
  generate(group: DHGroup): DHKeyPair;
}

/** Draw a random exponent of exactly `bits` bits (top bit set). */
export function randomExponent(bits: number): bigint {
  const bytes = randomBytes(Math.ceil(bits / 8));
  let x = bytesToBigInt(bytes) & ((1n << BigInt(bits)) - 1n);
  x |= 1n << BigInt(bits - 1);
  return x;
}

/**
 * Check a peer's public value: 1 < y < p - 1 (RFC 4253 §8 asks for
 * [1, p-1]; 1 and p - 1 give a predictable secret and are refused too).
 */
export function checkPeerValue(method: string, group: DHGroup, peerValue: Uint8Array): bigint {
  const pBytes = (group.p.toString(16).length + 1) >> 1;
  if (stripLeadingZeros(peerValue).length > pBytes) kexFail(method, 'peer DH value is longer than p');
  const y = bytesToBigInt(peerValue);
  if (y < 2n || y > group.p - 2n) kexFail(method, 'peer DH value is outside [2, p-2]');
  return y;
}

/** x^e mod m by left-to-right square and multiply with a 4-bit window. */
export function modPow(base: bigint, exp: bigint, mod: bigint): bigint {
  if (mod === 1n) return 0n;
  const b = base % mod;
  const table: bigint[] = [1n, b];
  for (let i = 2; i < 16; i++) table.push(((table[i - 1] as bigint) * b) % mod);
  let result = 1n;
  const hex = exp.toString(16);
  for (let i = 0; i < hex.length; i++) {
    if (i > 0) {
      result = (result * result) % mod;
      result = (result * result) % mod;
      result = (result * result) % mod;
      result = (result * result) % mod;
    }
    const digit = Number.parseInt(hex[i] as string, 16);
    if (digit !== 0) result = (result * (table[digit] as bigint)) % mod;
  }
  return result;
}

/** The portable DH engine: bigint arithmetic. */
export const bigintDH: DHEngine = {
  generate(group) {
    const x = randomExponent(exponentBits(group));
    const e = modPow(group.g, x, group.p);
    return {
      publicValue: bigIntToBytes(e),
      agree(peerValue) {
        const y = checkPeerValue('dh', group, peerValue);
        const k = modPow(y, x, group.p);
        return stripLeadingZeros(bigIntToBytes(k));
      },
    };
  },
};
