import { portableKeyFileCipher } from '../formats/key-cipher.js';
import { portableDSA } from './dsa-ops.js';
import { portableECDSA } from './ecdsa-ops.js';
import { portableEdDSA } from './eddsa-ops.js';
import { portableRSA } from './rsa-ops.js';
import type { KeyBackend } from './types.js';

/** Every key primitive over @noble/* and bigint: runs anywhere. */
export const portableBackend: KeyBackend = {
  name: 'portable',
  eddsa: portableEdDSA,
  ecdsa: portableECDSA,
  rsa: portableRSA,
  dsa: portableDSA,
  keyFileCipher: portableKeyFileCipher,
};
