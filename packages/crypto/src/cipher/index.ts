/** Ciphers: types, lists, the packet-level sealer/opener and the registry bound to @noble/ciphers. */
import { NOBLE_CIPHERS } from './noble.js';
import { type CipherRegistry, createCipherRegistry } from './registry.js';

export { nobleAesGcmAlgorithm } from './aes-gcm.js';
export { nobleAesBlockAlgorithm } from './aes-modes.js';
export {
  CHACHA_POLY_INFO,
  CHACHA_POLY_KEY_LENGTH,
  CHACHA_POLY_TAG_LENGTH,
  nobleChachaPolyAlgorithm,
} from './chacha20-poly1305.js';
export {
  CIPHER_DEFAULT_ALGORITHMS,
  CIPHER_INSECURE_ALGORITHMS,
  CIPHER_SUPPORTED_ALGORITHMS,
} from './lists.js';
export { NOBLE_CIPHERS } from './noble.js';
export { noneCipher } from './none.js';
export { createPacketOpener } from './packet-opener.js';
export { createPacketSealer, minimalPadding } from './packet-sealer.js';
export type { DirectionKeys, PacketOpener, PacketSealer } from './packet-types.js';
export { noblePoly1305, type Poly1305Function } from './poly1305.js';
export { createWasmPoly1305 } from './poly1305-wasm.js';
export { type CipherRegistry, createCipherRegistry } from './registry.js';
export type {
  AeadCipherAlgorithm,
  AeadPacketCipher,
  BlockCipherAlgorithm,
  BlockStream,
  CipherAlgorithm,
  CipherDirection,
  CipherInfo,
} from './types.js';

/** The cipher registry (portable path; the `node` entry point binds it to node:crypto). */
export const cipherRegistry: CipherRegistry = createCipherRegistry(NOBLE_CIPHERS);
