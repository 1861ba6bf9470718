import { checkCipherKeys } from '../check.js';
import type { BlockCipherAlgorithm, BlockStream, CipherDirection } from '../types.js';
import { CbcStream } from './cbc.js';
import { createDesCore } from './des.js';

/** RFC 4253 §6.3: 3des-cbc is three-key TDEA (EDE) in CBC mode: 24-byte key, 8-byte IV and blocks. */
const INFO = { kind: 'block', name: '3des-cbc', keyLength: 24, ivLength: 8, blockSize: 8 } as const;

/** 3des-cbc in our own code (the portable path; node:crypto has OpenSSL's des-ede3-cbc). */
export const PORTABLE_TRIPLE_DES_CBC: BlockCipherAlgorithm = {
  ...INFO,
  createStream(key: Uint8Array, iv: Uint8Array, direction: CipherDirection): BlockStream {
    checkCipherKeys(INFO, key, iv);
    return new CbcStream(createDesCore(key), iv, direction);
  },
};
