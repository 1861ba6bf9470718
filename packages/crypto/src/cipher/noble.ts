import { nobleAesGcmAlgorithm } from './aes-gcm.js';
import { nobleAesBlockAlgorithm } from './aes-modes.js';
import { nobleChachaPolyAlgorithm } from './chacha20-poly1305.js';
import type { CipherAlgorithm } from './types.js';

/**
 * The portable ciphers (@noble/ciphers). 3des-cbc, blowfish-cbc,
 * cast128-cbc, seed-cbc@ssh.com and arcfour* are absent: noble has none of them.
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
];
