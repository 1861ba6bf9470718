/** Key formats (node entry): the neutral exports plus the node:crypto key file cipher. */
export * from './index.js';
export { nodeKeyFileCipher } from './key-cipher.node.js';
