/** @ssh/crypto: Ciphers, MACs, key exchange math, hashes, keys, signatures, certificates, key formats. */

export * from './certs/index.js';
export * from './cipher/index.js';
export * from './errors.js';
export * from './fingerprint.js';
export * from './formats/index.js';
export * from './hash/index.js';
export * from './kex/index.js';
export * from './keys/index.js';
export * from './mac/index.js';
