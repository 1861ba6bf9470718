import { checkCipherKeys } from '../check.js';
import type { BlockCipherAlgorithm, BlockStream, CipherDirection } from '../types.js';
import { CbcStream } from './cbc.js';
import { Rc4 } from './rc4.js';
import { LEGACY_CIPHER_SPECS, type LegacyCipherSpec } from './specs.js';

/** The portable (our own code) algorithm for one legacy cipher. */
export function portableLegacyAlgorithm(spec: LegacyCipherSpec): BlockCipherAlgorithm {
  const { name, keyLength, ivLength, blockSize, core, discard } = spec;
  const info = { kind: 'block', name, keyLength, ivLength, blockSize } as const;
  return {
    ...info,
    createStream(key: Uint8Array, iv: Uint8Array, direction: CipherDirection): BlockStream {
      checkCipherKeys(info, key, iv);
      if (core) return new CbcStream(core(key), iv, direction);
      const rc4 = new Rc4(key);
      if (discard) rc4.skip(discard);
      return rc4;
    },
  };
}

/** blowfish-cbc, cast128-cbc, seed-cbc@ssh.com and arcfour* in our own code (Blowfish, CAST-128, SEED, RC4). */
export const PORTABLE_LEGACY_CIPHERS: readonly BlockCipherAlgorithm[] =
  LEGACY_CIPHER_SPECS.map(portableLegacyAlgorithm);
