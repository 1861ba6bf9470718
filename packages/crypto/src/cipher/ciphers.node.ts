import { nodeAesGcmAlgorithm } from './aes-gcm.node.js';
import { nodeBlockAlgorithm } from './block.node.js';
import { nodeChachaPolyAlgorithm } from './chacha20-poly1305.node.js';
import { NODE_LEGACY_CIPHERS } from './legacy/algorithms.node.js';
import { noblePoly1305 } from './poly1305.js';
import { createWasmPoly1305 } from './poly1305-wasm.js';
import type { CipherAlgorithm } from './types.js';

/**
 * The node:crypto ciphers. blowfish-cbc, cast128-cbc, seed-cbc@ssh.com and
 * arcfour* are in OpenSSL 3's legacy provider, which Node loads only with
 * `--openssl-legacy-provider`: they use it when it is there and our own
 * code otherwise.
 */
export const NODE_CIPHERS: readonly CipherAlgorithm[] = [
  // node:crypto has no standalone Poly1305: the hand-written WebAssembly one, or noble's without WebAssembly.
  nodeChachaPolyAlgorithm(createWasmPoly1305() ?? noblePoly1305),
  nodeAesGcmAlgorithm('aes256-gcm@openssh.com', 32),
  nodeAesGcmAlgorithm('aes128-gcm@openssh.com', 16),
  nodeBlockAlgorithm('aes256-ctr', 'aes-256-ctr', 32, 16, 16),
  nodeBlockAlgorithm('aes192-ctr', 'aes-192-ctr', 24, 16, 16),
  nodeBlockAlgorithm('aes128-ctr', 'aes-128-ctr', 16, 16, 16),
  nodeBlockAlgorithm('aes256-cbc', 'aes-256-cbc', 32, 16, 16),
  nodeBlockAlgorithm('aes192-cbc', 'aes-192-cbc', 24, 16, 16),
  nodeBlockAlgorithm('aes128-cbc', 'aes-128-cbc', 16, 16, 16),
  // RFC 4253 §6.3: three-key 3DES-EDE in CBC mode, 8-byte blocks.
  nodeBlockAlgorithm('3des-cbc', 'des-ede3-cbc', 24, 8, 8),
  ...NODE_LEGACY_CIPHERS,
];
