import { createCipheriv, createDecipheriv } from 'node:crypto';
import { desCbc } from '../cipher/legacy/des.js';
import type { KeyFileCipherFn } from '../keys/types.js';

const NODE_NAMES: Readonly<Record<string, string>> = {
  'des-ede3-cbc': 'des-ede3-cbc',
  'des-ede-cbc': 'des-ede-cbc',
};

/**
 * AES-CTR / AES-CBC and 3DES-CBC (no padding) for private key files over
 * node:crypto; single DES (in OpenSSL 3's legacy provider only) runs portably.
 */
export const nodeKeyFileCipher: KeyFileCipherFn = (name, key, iv, data, decrypt) => {
  if (name === 'des-cbc') return desCbc(key, iv, data, decrypt);
  const m = /^aes(128|192|256)-(ctr|cbc)$/.exec(name);
  const algo = m ? `aes-${m[1]}-${m[2]}` : NODE_NAMES[name];
  if (!algo) throw new TypeError(`unsupported key file cipher ${name}`);
  const c = decrypt ? createDecipheriv(algo, key, iv) : createCipheriv(algo, key, iv);
  c.setAutoPadding(false);
  const a = c.update(data);
  const b = c.final();
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
};
