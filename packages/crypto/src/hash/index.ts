/** Hashes: types, lists and the registry bound to the portable (@noble/hashes) implementations. */
import { NOBLE_HASHES } from './noble.js';
import { createHashRegistry, type HashRegistry } from './registry.js';

export { HASH_DEFAULT_ALGORITHMS, HASH_INSECURE_ALGORITHMS, HASH_SUPPORTED_ALGORITHMS } from './lists.js';
export { NOBLE_HASHES } from './noble.js';
export { createHashRegistry, type HashRegistry } from './registry.js';
export { HASH_SIZES, type HashAlgorithm, type HashContext, type HashName } from './types.js';

/** The hash registry (portable path; the `node` entry point binds it to node:crypto). */
export const hashRegistry: HashRegistry = createHashRegistry(NOBLE_HASHES);
