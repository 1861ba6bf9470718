/** Hashes on Node: the same exports as index.ts, with the registry bound to node:crypto. */
import { NODE_HASHES } from './hash.node.js';
import { createHashRegistry, type HashRegistry } from './registry.js';

export { NODE_HASHES } from './hash.node.js';
export * from './index.js';

/** The hash registry bound to node:crypto. */
export const hashRegistry: HashRegistry = createHashRegistry(NODE_HASHES);
