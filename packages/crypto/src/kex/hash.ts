import { sha1 } from '@noble/hashes/legacy.js';
import { sha224, sha256, sha384, sha512 } from '@noble/hashes/sha2.js';
import type { KexHashName } from './types.js';

/** A hash over a sequence of byte chunks, as if they were concatenated. */
export type KexHashFunction = (...chunks: Uint8Array[]) => Uint8Array;

const nobleHashes = { sha1, sha224, sha256, sha384, sha512 } as const;

/** Digest length in bytes of each kex hash. */
export const KEX_HASH_LENGTH: Readonly<Record<KexHashName, number>> = {
  sha1: 20,
  sha224: 28,
  sha256: 32,
  sha384: 48,
  sha512: 64,
};

/** The portable (noble) hash function for `name`. */
export function kexHash(name: KexHashName): KexHashFunction {
  const h = nobleHashes[name];
  return (...chunks) => {
    const ctx = h.create();
    for (const c of chunks) ctx.update(c);
    return ctx.digest();
  };
}
