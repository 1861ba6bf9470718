import { hmac } from '@noble/hashes/hmac.js';
import { sha1 } from '@noble/hashes/legacy.js';
import { fromBase64 } from '@ssh/crypto';
import { KnownHostsError } from '../errors.js';

/** A hashed known_hosts host field, `|1|base64(salt)|base64(HMAC-SHA1(salt, host))`. */
export interface HashedHost {
  readonly salt: Uint8Array;
  readonly hash: Uint8Array;
}

const SHA1_LEN = 20;

/** Parse a `|1|salt|hash` field; throws KnownHostsError when malformed. */
export function parseHashedHost(field: string, lineNumber = 0): HashedHost {
  const parts = field.split('|');
  if (parts.length !== 4 || parts[0] !== '') {
    throw new KnownHostsError(`malformed hashed host '${field}'`, lineNumber);
  }
  if (parts[1] !== '1') throw new KnownHostsError(`unknown host hash type '${parts[1]}'`, lineNumber);
  let salt: Uint8Array;
  let hash: Uint8Array;
  try {
    salt = fromBase64(parts[2] as string);
    hash = fromBase64(parts[3] as string);
  } catch {
    throw new KnownHostsError('hashed host has invalid base64', lineNumber);
  }
  if (hash.length !== SHA1_LEN || salt.length === 0) {
    throw new KnownHostsError(
      `hashed host needs a salt and a ${SHA1_LEN}-byte HMAC-SHA1, got ${salt.length} and ${hash.length} bytes`,
      lineNumber,
    );
  }
  return { salt, hash };
}

/** HMAC-SHA1 of a host name (`host` or `[host]:port`) keyed by `salt`, as `ssh-keygen -H` stores it. */
export function hashHostName(name: string, salt: Uint8Array): Uint8Array {
  return hmac(sha1, salt, new TextEncoder().encode(name));
}

/** Whether `name` hashes to the stored value (constant-time over the digest). */
export function hashedHostMatches(entry: HashedHost, name: string): boolean {
  const mac = hashHostName(name, entry.salt);
  let diff = 0;
  for (let i = 0; i < SHA1_LEN; i++) diff |= (mac[i] as number) ^ (entry.hash[i] as number);
  return diff === 0;
}
