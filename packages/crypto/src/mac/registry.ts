import { UnknownAlgorithmError } from '../errors.js';
import { HMAC_SPECS, type HmacSpec } from './hmac-specs.js';
import { MAC_DEFAULT_ALGORITHMS, MAC_INSECURE_ALGORITHMS, MAC_SUPPORTED_ALGORITHMS } from './lists.js';
import { noneMac } from './none.js';
import type { MacAlgorithm } from './types.js';
import { umacAlgorithm } from './umac/umac-mac.js';

/** MAC algorithms by name, with the three lists of the transport. */
export interface MacRegistry {
  /** The MAC called `name` ('none' included); throws UnknownAlgorithmError if there is none. */
  get(name: string): MacAlgorithm;
  /** Whether `name` is implemented. */
  has(name: string): boolean;
  /** Every supported MAC, defaults first, in preference order ('none' is in no list). */
  readonly supported: readonly string[];
  /** The MACs offered when the user names none. */
  readonly defaults: readonly string[];
  /** Supported MACs considered insecure. */
  readonly insecure: readonly string[];
}

/** Build a MAC registry whose HMACs come from `hmacAlgorithm` (one path's implementation). */
export function createMacRegistry(
  hmacAlgorithm: (name: string, spec: HmacSpec) => MacAlgorithm,
): MacRegistry {
  const map = new Map<string, MacAlgorithm>();
  for (const [name, spec] of Object.entries(HMAC_SPECS)) map.set(name, hmacAlgorithm(name, spec));
  map.set('umac-64-etm@openssh.com', umacAlgorithm('umac-64-etm@openssh.com', 8, true));
  map.set('umac-128-etm@openssh.com', umacAlgorithm('umac-128-etm@openssh.com', 16, true));
  map.set('umac-64@openssh.com', umacAlgorithm('umac-64@openssh.com', 8, false));
  map.set('umac-128@openssh.com', umacAlgorithm('umac-128@openssh.com', 16, false));
  map.set('none', noneMac);
  const known = (list: readonly string[]) => Object.freeze(list.filter((n) => map.has(n)));
  return {
    get(name) {
      const m = map.get(name);
      if (!m) throw new UnknownAlgorithmError('mac', name);
      return m;
    },
    has: (name) => map.has(name),
    supported: known(MAC_SUPPORTED_ALGORITHMS),
    defaults: known(MAC_DEFAULT_ALGORITHMS),
    insecure: known(MAC_INSECURE_ALGORITHMS),
  };
}
