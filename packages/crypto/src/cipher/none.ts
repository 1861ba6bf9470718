import type { BlockCipherAlgorithm, BlockStream } from './types.js';

const IDENTITY: BlockStream = { process() {} };

/**
 * The 'none' cipher (RFC 4253 §6.3): packets go in the clear. The transport
 * uses it before the first NEWKEYS; it is in none of the registry's lists.
 */
export const noneCipher: BlockCipherAlgorithm = {
  kind: 'block',
  name: 'none',
  keyLength: 0,
  ivLength: 0,
  blockSize: 8,
  createStream: () => IDENTITY,
};
