import { KeyLengthError } from '../errors.js';
import type { CipherInfo } from './types.js';

/** Throw KeyLengthError unless `key` and `iv` have the lengths `info` asks for. */
export function checkCipherKeys(info: CipherInfo, key: Uint8Array, iv: Uint8Array): void {
  if (key.length !== info.keyLength) throw new KeyLengthError(info.name, 'key', info.keyLength, key.length);
  if (iv.length !== info.ivLength) throw new KeyLengthError(info.name, 'iv', info.ivLength, iv.length);
}
