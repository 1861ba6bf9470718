/** MACs on Node: the same exports as index.ts, with the registry's HMACs bound to node:crypto. */
import { nodeHmacAlgorithm } from './hmac.node.js';
import { createMacRegistry, type MacRegistry } from './registry.js';

export { nodeHmacAlgorithm } from './hmac.node.js';
export * from './index.js';

/** The MAC registry with node:crypto HMACs (UMAC is the same portable code on every path). */
export const macRegistry: MacRegistry = createMacRegistry(nodeHmacAlgorithm);
