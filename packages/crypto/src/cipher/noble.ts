import { nobleAesGcmAlgorithm } from './aes-gcm.js';
import { nobleAesBlockAlgorithm } from './aes-modes.js';
import { nobleChachaPolyAlgorithm } from './chacha20-poly1305.js';
import { PORTABLE_LEGACY_CIPHERS } from './legacy/algorithms.js';
import { PORTABLE_TRIPLE_DES_CBC } from './legacy/triple-des.js';
import type { CipherAlgorithm } from './types.js';

/**
 * The portable ciphers: @noble/ciphers for AES and ChaCha20-Poly1305, our
 * own TDEA (noble has no DES), Blowfish, CAST-128, SEED and RC4 for the
 * older ones.
 */
export const NOBLE_CIPHERS: readonly CipherAlgorithm[] = [
  nobleChachaPolyAlgorithm(),
  nobleAesGcmAlgorithm('aes256-gcm@openssh.com', 32),
  nobleAesGcmAlgorithm('aes128-gcm@openssh.com', 16),
  nobleAesBlockAlgorithm('aes256-ctr', 32, 'ctr'),
  nobleAesBlockAlgorithm('aes192-ctr', 24, 'ctr'),
  nobleAesBlockAlgorithm('aes128-ctr', 16, 'ctr'),
  nobleAesBlockAlgorithm('aes256-cbc', 32, 'cbc'),
  nobleAesBlockAlgorithm('aes192-cbc', 24, 'cbc'),
  nobleAesBlockAlgorithm('aes128-cbc', 16, 'cbc'),
  PORTABLE_TRIPLE_DES_CBC,
  ...PORTABLE_LEGACY_CIPHERS,
];
