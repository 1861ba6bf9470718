import { sha1 } from '@noble/hashes/legacy.js';
import { sha224, sha256, sha384, sha512 } from '@noble/hashes/sha2.js';
import type { SigHashName } from './types.js';

const HASHES = { sha1, sha224, sha256, sha384, sha512 } as const;

/** Digest `data` with a signature hash (portable). */
export function sigDigest(name: SigHashName, data: Uint8Array): Uint8Array {
  return HASHES[name](data);
}

/** Output length in bytes of a signature hash. */
export const SIG_HASH_LENGTH: Readonly<Record<SigHashName, number>> = {
  sha1: 20,
  sha224: 28,
  sha256: 32,
  sha384: 48,
  sha512: 64,
};
