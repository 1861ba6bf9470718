import { cbc, ctr } from '@noble/ciphers/aes.js';
import type { KeyFileCipherFn } from '../keys/types.js';

/** AES-CTR / AES-CBC (no padding) for private key files over @noble/ciphers (portable). */
export const portableKeyFileCipher: KeyFileCipherFn = (name, key, iv, data, decrypt) => {
  const aes = /^aes(128|192|256)-(ctr|cbc)$/.test(name);
  const c = !aes
    ? null
    : name.endsWith('-ctr')
      ? ctr(key, iv)
      : name.endsWith('-cbc')
        ? cbc(key, iv, { disablePadding: true })
        : null;
  if (!c) throw new TypeError(`unsupported key file cipher ${name}`);
  return decrypt ? c.decrypt(data) : c.encrypt(data);
};
