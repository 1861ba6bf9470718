import { md5, sha1 } from '@noble/hashes/legacy.js';
import { sha256, sha384, sha512 } from '@noble/hashes/sha2.js';
import { UnknownAlgorithmError } from './errors.js';
import { toBase64 } from './formats/base64.js';

/** Hashes a fingerprint can use. */
export type FingerprintHash = 'md5' | 'sha1' | 'sha256' | 'sha384' | 'sha512';

const HASHES = { md5, sha1, sha256, sha384, sha512 } as const;

/**
 * The fingerprint of a public key blob as `ssh-keygen -l` prints it:
 * 'SHA256:<base64 without padding>' (likewise SHA1, SHA384, SHA512) or
 * 'MD5:aa:bb:...'. Throws UnknownAlgorithmError for other hash names.
 */
export function fingerprintOf(publicBlob: Uint8Array, hashName: string = 'sha256'): string {
  const name = hashName.toLowerCase();
  if (!Object.hasOwn(HASHES, name)) throw new UnknownAlgorithmError('fingerprint hash', hashName);
  const digest = HASHES[name as FingerprintHash](publicBlob);
  if (name === 'md5') {
    return `MD5:${Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join(':')}`;
  }
  return `${name.toUpperCase()}:${toBase64(digest, false)}`;
}
