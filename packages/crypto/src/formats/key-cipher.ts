import { cbc, ctr } from '@noble/ciphers/aes.js';
import { desCbc } from '../cipher/legacy/des.js';
import type { KeyFileCipherFn } from '../keys/types.js';

/** DES names (CBC, no padding) the key file ciphers accept. */
export const DES_CIPHERS: readonly string[] = ['des-cbc', 'des-ede-cbc', 'des-ede3-cbc'];

/** AES-CTR / AES-CBC over @noble/ciphers and DES / 3DES CBC (no padding) for private key files (portable). */
export const portableKeyFileCipher: KeyFileCipherFn = (name, key, iv, data, decrypt) => {
  if (DES_CIPHERS.includes(name)) return desCbc(key, iv, data, decrypt);
  const m = /^aes(128|192|256)-(ctr|cbc)$/.exec(name);
  if (!m) throw new TypeError(`unsupported key file cipher ${name}`);
  const c = m[2] === 'ctr' ? ctr(key, iv) : cbc(key, iv, { disablePadding: true });
  return decrypt ? c.decrypt(data) : c.encrypt(data);
};
