import { UnknownAlgorithmError } from '../errors.js';
import { HASH_DEFAULT_ALGORITHMS, HASH_INSECURE_ALGORITHMS, HASH_SUPPORTED_ALGORITHMS } from './lists.js';
import type { HashAlgorithm, HashName } from './types.js';

/** Hash functions by name, with the three lists every registry keeps. */
export interface HashRegistry {
  /** The hash called `name`; throws UnknownAlgorithmError if there is none. */
  get(name: string): HashAlgorithm;
  /** Whether `name` is implemented. */
  has(name: string): boolean;
  /** Every supported hash. */
  readonly supported: readonly string[];
  /** The hashes used by default. */
  readonly defaults: readonly string[];
  /** Supported hashes considered insecure. */
  readonly insecure: readonly string[];
}

/** Build a registry over one path's hash implementations. */
export function createHashRegistry(impls: Readonly<Record<HashName, HashAlgorithm>>): HashRegistry {
  const map = new Map<string, HashAlgorithm>(Object.entries(impls));
  return {
    get(name) {
      const h = map.get(name);
      if (!h) throw new UnknownAlgorithmError('hash', name);
      return h;
    },
    has: (name) => map.has(name),
    supported: Object.freeze([...HASH_SUPPORTED_ALGORITHMS]),
    defaults: Object.freeze([...HASH_DEFAULT_ALGORITHMS]),
    insecure: Object.freeze([...HASH_INSECURE_ALGORITHMS]),
  };
}
