import { createCipheriv, createDecipheriv } from 'node:crypto';
import type { KeyFileCipherFn } from '../keys/types.js';

/** AES-CTR / AES-CBC (no padding) for private key files over node:crypto. */
export const nodeKeyFileCipher: KeyFileCipherFn = (name, key, iv, data, decrypt) => {
  const m = /^aes(128|192|256)-(ctr|cbc)$/.exec(name);
  if (!m) throw new TypeError(`unsupported key file cipher ${name}`);
  const algo = `aes-${m[1]}-${m[2]}`;
  const c = decrypt ? createDecipheriv(algo, key, iv) : createCipheriv(algo, key, iv);
  c.setAutoPadding(false);
  const a = c.update(data);
  const b = c.final();
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
};
