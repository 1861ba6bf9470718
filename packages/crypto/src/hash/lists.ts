import type { HashName } from './types.js';

/** Every hash in the registry, strongest first. */
export const HASH_SUPPORTED_ALGORITHMS: readonly HashName[] = [
  'sha256',
  'sha384',
  'sha512',
  'sha224',
  'sha1',
  'md5',
];

/** Hashes used when nothing else is asked for (fingerprints default to the first). */
export const HASH_DEFAULT_ALGORITHMS: readonly HashName[] = ['sha256', 'sha384', 'sha512'];

/** Hashes kept for old peers and old fingerprints only: collisions are practical. */
export const HASH_INSECURE_ALGORITHMS: readonly HashName[] = ['sha1', 'md5'];
