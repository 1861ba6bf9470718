import { nodeKeyFileCipher } from '../formats/key-cipher.node.js';
import { nodeDSA } from './dsa-ops.node.js';
import { nodeECDSA } from './ecdsa-ops.node.js';
import { nodeEdDSA } from './eddsa-ops.node.js';
import { nodeFileIO } from './file-io.node.js';
import { nodeRSA } from './rsa-ops.node.js';
import type { KeyBackend } from './types.js';

/** Every key primitive over node:crypto (OpenSSL 3), and key files through node:fs. */
export const nodeBackend: KeyBackend = {
  name: 'node',
  eddsa: nodeEdDSA,
  ecdsa: nodeECDSA,
  rsa: nodeRSA,
  dsa: nodeDSA,
  keyFileCipher: nodeKeyFileCipher,
  files: nodeFileIO,
};
