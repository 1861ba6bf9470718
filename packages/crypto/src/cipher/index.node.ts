/** Ciphers on Node: the same exports as index.ts, with the registry bound to node:crypto. */
import { NODE_CIPHERS } from './ciphers.node.js';
import { type CipherRegistry, createCipherRegistry } from './registry.js';

export { NODE_CIPHERS } from './ciphers.node.js';
export * from './index.js';

/** The cipher registry bound to node:crypto (chacha20 stream from OpenSSL, Poly1305 in JS/wasm). */
export const cipherRegistry: CipherRegistry = createCipherRegistry(NODE_CIPHERS);
