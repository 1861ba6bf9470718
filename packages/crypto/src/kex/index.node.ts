/**
 * Key exchange for Node: everything from index.ts, with the registry and
 * hashes rebound to node:crypto (explicit exports shadow `export *`).
 */

export { nodeDH } from './dh-engine.node.js';
export { nodeEcdh } from './ecdh.node.js';
export { getKexMethod, kexRegistry, nodeKexProviders } from './fast.node.js';
export { kexHash } from './hash.node.js';
export { deriveKey, exchangeHash } from './hashing.node.js';
export * from './index.js';
export { DEFAULT_MODULI_PATH, loadModuli } from './moduli.node.js';
export { nodeRsa } from './rsa.node.js';
