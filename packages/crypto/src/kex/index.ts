/**
 * Key exchange math for the transport: every method's client and server
 * halves, the exchange hash, key derivation and the kex registry.
 * This entry is neutral (no node: imports); index.node.ts rebinds the
 * registry and hashes to node:crypto. See README.md for the protocol flow.
 */
export { bigintDH, type DHEngine, type DHKeyPair } from './dh-engine.js';
export { DH_GROUP1, DH_GROUP14, DH_GROUP15, DH_GROUP16, DH_GROUP17, DH_GROUP18 } from './dh-groups.js';
export { nobleEcdh } from './ecdh-noble.js';
export {
  ECDH_SIZES,
  type EcdhCurveName,
  type EcdhKeyPair,
  type EcdhPrimitive,
  type EcdhProvider,
} from './ecdh-primitive.js';
export {
  type ExchangeHashInput,
  exchangeHashPreimage,
  type GexHashParams,
  type KexHashing,
  kexHashLength,
  makeKexHashing,
} from './exchange-hash.js';
export { KEX_HASH_LENGTH, type KexHashFunction, kexHash } from './hash.js';
export { deriveKey, exchangeHash } from './hashing.js';
export type { KemPrimitive } from './kem-primitive.js';
export { KEX_DEFAULT_ALGORITHMS, KEX_INSECURE_ALGORITHMS, KEX_SUPPORTED_ALGORITHMS } from './lists.js';
export { mlkem768, mlkem1024 } from './mlkem.js';
export {
  checkGexGroup,
  chooseGexGroup,
  GEX_MAX_BITS,
  GEX_MIN_BITS,
  type ModuliEntry,
  parseModuli,
} from './moduli.js';
export { getKexMethod, kexRegistry, portableKexProviders } from './portable.js';
export { createKexRegistry, type KexProviders, type KexRegistry } from './registry.js';
export { decodeRsaPublicKey, encodeRsaPublicKey, type RsaEngine, type RsaKeyPair } from './rsa-kex.js';
export { bigintRsa } from './rsa-oaep.js';
export {
  type RandomSource as Sntrup761RandomSource,
  type Sntrup761KeyPair,
  sntrup761,
  sntrup761Decapsulate,
  sntrup761Encapsulate,
  sntrup761Keygen,
} from './sntrup761/index.js';
export { KEX_SPECS, type KemName, type KexSpec } from './specs.js';
export type * from './types.js';
