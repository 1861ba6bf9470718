import { UnknownAlgorithmError } from '../errors.js';
import {
  CIPHER_DEFAULT_ALGORITHMS,
  CIPHER_INSECURE_ALGORITHMS,
  CIPHER_SUPPORTED_ALGORITHMS,
} from './lists.js';
import { noneCipher } from './none.js';
import type { CipherAlgorithm } from './types.js';

/** Encryption algorithms by name, with the three lists of the transport. */
export interface CipherRegistry {
  /** The cipher called `name` ('none' included); throws UnknownAlgorithmError if there is none. */
  get(name: string): CipherAlgorithm;
  /** Whether `name` is implemented on this path. */
  has(name: string): boolean;
  /** Every supported cipher this path implements, defaults first, in preference order ('none' is in no list). */
  readonly supported: readonly string[];
  /** The ciphers offered when the user names none. */
  readonly defaults: readonly string[];
  /** Supported ciphers considered insecure. */
  readonly insecure: readonly string[];
}

/** Build a registry over one path's cipher implementations ('none' is added). */
export function createCipherRegistry(algorithms: readonly CipherAlgorithm[]): CipherRegistry {
  const map = new Map<string, CipherAlgorithm>();
  for (const a of algorithms) map.set(a.name, a);
  map.set(noneCipher.name, noneCipher);
  const known = (list: readonly string[]) => Object.freeze(list.filter((n) => map.has(n)));
  return {
    get(name) {
      const c = map.get(name);
      if (!c) throw new UnknownAlgorithmError('cipher', name);
      return c;
    },
    has: (name) => map.has(name),
    supported: known(CIPHER_SUPPORTED_ALGORITHMS),
    defaults: known(CIPHER_DEFAULT_ALGORITHMS),
    insecure: known(CIPHER_INSECURE_ALGORITHMS),
  };
}
