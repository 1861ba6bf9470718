/** @ssh/crypto: Ciphers, MACs, key exchange math, hashes, keys, signatures, certificates, key formats. */

export * from './certs/index.node.js';
export * from './cipher/index.node.js';
export * from './errors.js';
export * from './fingerprint.js';
export * from './formats/index.node.js';
export * from './hash/index.node.js';
export * from './kex/index.node.js';
export * from './keys/index.node.js';
export * from './mac/index.node.js';
