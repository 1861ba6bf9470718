/** MACs: types, lists, UMAC, and the registry bound to the portable (@noble/hashes) HMAC. */
import { nobleHmacAlgorithm } from './hmac.js';
import { createMacRegistry, type MacRegistry } from './registry.js';

export { constantTimeEqual } from './compare.js';
export { nobleHmacAlgorithm } from './hmac.js';
export { HMAC_SPECS, type HmacSpec } from './hmac-specs.js';
export { MAC_DEFAULT_ALGORITHMS, MAC_INSECURE_ALGORITHMS, MAC_SUPPORTED_ALGORITHMS } from './lists.js';
export { noneMac } from './none.js';
export { createMacRegistry, type MacRegistry } from './registry.js';
export type { MacAlgorithm, PacketMac } from './types.js';
export { UMAC_KEY_LENGTH, Umac, type UmacTagLength } from './umac/umac.js';
export { umacAlgorithm } from './umac/umac-mac.js';

/** The MAC registry (portable path; the `node` entry point binds its HMACs to node:crypto). */
export const macRegistry: MacRegistry = createMacRegistry(nobleHmacAlgorithm);
