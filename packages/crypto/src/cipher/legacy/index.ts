/** The legacy ciphers (Blowfish, CAST-128, SEED, RC4, DES / TDEA) shared by the SSH cipher registry and the key file formats. */
export { PORTABLE_LEGACY_CIPHERS, portableLegacyAlgorithm } from './algorithms.js';
export type { BlockCipherCore } from './block-core.js';
export { createBlowfishCore } from './blowfish.js';
export { createCast128Core } from './cast128.js';
export { CbcStream, cbcCopy } from './cbc.js';
export { createDesCore, desCbc } from './des.js';
export { Rc4, rc4Copy } from './rc4.js';
export { createSeedCore } from './seed.js';
export { LEGACY_CIPHER_SPECS, type LegacyCipherSpec } from './specs.js';
export { PORTABLE_TRIPLE_DES_CBC } from './triple-des.js';
