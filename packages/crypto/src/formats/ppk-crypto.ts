import { argon2d, argon2i, argon2id } from '@noble/hashes/argon2.js';
import { hmac } from '@noble/hashes/hmac.js';
import { sha1 } from '@noble/hashes/legacy.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { PacketWriter } from '@ssh/wire';

/** Argon2 parameters of a PPK v3 file (its Key-Derivation and Argon2-* headers). */
export interface PpkArgon2 {
  readonly flavour: 'Argon2id' | 'Argon2i' | 'Argon2d';
  /** Memory in KiB. */
  readonly memory: number;
  readonly passes: number;
  readonly parallelism: number;
  readonly salt: Uint8Array;
}

/** Cipher key, IV and MAC key of a PPK file. */
export interface PpkKeys {
  readonly key: Uint8Array;
  readonly iv: Uint8Array;
  readonly macKey: Uint8Array;
}

const enc = new TextEncoder();

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * PPK v2 keys (PuTTY's key file format, appendix C): AES key from
 * SHA-1(0u32 || pass) || SHA-1(1u32 || pass), a zero IV, and MAC key
 * SHA-1("putty-private-key-file-mac-key" || pass).
 */
export function ppkV2Keys(pass: Uint8Array): PpkKeys {
  const seq = (n: number) => Uint8Array.of(0, 0, 0, n);
  return {
    key: concat(sha1(concat(seq(0), pass)), sha1(concat(seq(1), pass))).slice(0, 32),
    iv: new Uint8Array(16),
    macKey: sha1(concat(enc.encode('putty-private-key-file-mac-key'), pass)),
  };
}

/** PPK v3 keys: 80 bytes of Argon2 output split 32 / 16 / 32; unencrypted files use an empty MAC key. */
export function ppkV3Keys(pass: Uint8Array, a: PpkArgon2): PpkKeys {
  const fn = a.flavour === 'Argon2id' ? argon2id : a.flavour === 'Argon2i' ? argon2i : argon2d;
  const out = fn(pass, a.salt, { t: a.passes, m: a.memory, p: a.parallelism, dkLen: 80 });
  return { key: out.slice(0, 32), iv: out.slice(32, 48), macKey: out.slice(48, 80) };
}

/** The data both PPK versions MAC: algorithm, encryption, comment, public blob and private blob as SSH strings. */
export function ppkMacData(
  algorithm: string,
  encryption: string,
  comment: Uint8Array,
  publicBlob: Uint8Array,
  privateBlob: Uint8Array,
): Uint8Array {
  return new PacketWriter(publicBlob.length + privateBlob.length + 256)
    .writeString(algorithm)
    .writeString(encryption)
    .writeString(comment)
    .writeString(publicBlob)
    .writeString(privateBlob)
    .toBytes();
}

/** HMAC-SHA-1 (v2) or HMAC-SHA-256 (v3) of the MAC data, as lower-case hex. */
export function ppkMac(version: 2 | 3, macKey: Uint8Array, data: Uint8Array): string {
  const mac = hmac(version === 2 ? sha1 : sha256, macKey, data);
  return Array.from(mac, (b) => b.toString(16).padStart(2, '0')).join('');
}
