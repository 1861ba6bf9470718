import { cbcCopy, createBlowfishCore, createCast128Core, rc4Copy } from '../cipher/legacy/index.js';
import { KeyEncryptionError, KeyExportError } from '../errors.js';
import type { KeyBackend } from '../keys/types.js';

/** A CBC or stream cipher that PEM / PKCS#8 key encryption can name. */
export interface PbeCipher {
  /** AsyncSSH's name ('aes256-cbc', 'des3-cbc', 'rc4-128', ...). */
  readonly name: string;
  readonly keyLength: number;
  /** IV length (0 for stream ciphers). */
  readonly ivLength: number;
  /** The backend cipher name, or 'rc4' / 'bf-cbc' / 'cast5-cbc' for the built-in RC4, Blowfish and CAST-128. */
  readonly impl: string;
}

/** The key file ciphers, by AsyncSSH name. */
export const PBE_CIPHERS: Readonly<Record<string, PbeCipher>> = {
  'aes128-cbc': { name: 'aes128-cbc', keyLength: 16, ivLength: 16, impl: 'aes128-cbc' },
  'aes192-cbc': { name: 'aes192-cbc', keyLength: 24, ivLength: 16, impl: 'aes192-cbc' },
  'aes256-cbc': { name: 'aes256-cbc', keyLength: 32, ivLength: 16, impl: 'aes256-cbc' },
  'des-cbc': { name: 'des-cbc', keyLength: 8, ivLength: 8, impl: 'des-cbc' },
  'des2-cbc': { name: 'des2-cbc', keyLength: 16, ivLength: 8, impl: 'des-ede-cbc' },
  'des3-cbc': { name: 'des3-cbc', keyLength: 24, ivLength: 8, impl: 'des-ede3-cbc' },
  'blowfish-cbc': { name: 'blowfish-cbc', keyLength: 16, ivLength: 8, impl: 'bf-cbc' },
  'cast128-cbc': { name: 'cast128-cbc', keyLength: 16, ivLength: 8, impl: 'cast5-cbc' },
  'rc4-40': { name: 'rc4-40', keyLength: 5, ivLength: 0, impl: 'rc4' },
  'rc4-128': { name: 'rc4-128', keyLength: 16, ivLength: 0, impl: 'rc4' },
};

/** The cipher named `name`, or a KeyExportError / KeyImportError-style error from `err`. */
export function pbeCipher(name: string, err: (m: string) => Error = (m) => new KeyExportError(m)): PbeCipher {
  const c = Object.hasOwn(PBE_CIPHERS, name) ? PBE_CIPHERS[name] : undefined;
  if (!c) throw err(`unsupported key encryption cipher '${name}'`);
  return c;
}

function run(
  c: PbeCipher,
  key: Uint8Array,
  iv: Uint8Array,
  data: Uint8Array,
  decrypt: boolean,
  backend: KeyBackend,
) {
  if (c.impl === 'rc4') return rc4Copy(key, data);
  if (c.impl === 'bf-cbc') return cbcCopy(createBlowfishCore(key), iv, data, decrypt);
  if (c.impl === 'cast5-cbc') return cbcCopy(createCast128Core(key), iv, data, decrypt);
  try {
    return backend.keyFileCipher(c.impl, key, iv, data, decrypt);
  } catch (e) {
    const where = backend.name === 'portable' ? ' on the portable path' : '';
    throw new KeyEncryptionError(`key encryption cipher ${c.name} is not available${where}`, { cause: e });
  }
}

/** Encrypt with PKCS#7 padding (block ciphers) or as a stream (RC4). */
export function pbeEncrypt(
  c: PbeCipher,
  key: Uint8Array,
  iv: Uint8Array,
  data: Uint8Array,
  backend: KeyBackend,
) {
  if (c.ivLength === 0) return run(c, key, iv, data, false, backend);
  const pad = c.ivLength - (data.length % c.ivLength);
  const padded = new Uint8Array(data.length + pad);
  padded.set(data);
  padded.fill(pad, data.length);
  return run(c, key, iv, padded, false, backend);
}

/** Decrypt and strip PKCS#7 padding; KeyEncryptionError when the padding is wrong (a wrong passphrase). */
export function pbeDecrypt(
  c: PbeCipher,
  key: Uint8Array,
  iv: Uint8Array,
  data: Uint8Array,
  backend: KeyBackend,
) {
  if (c.ivLength === 0) return run(c, key, iv, data, true, backend);
  if (data.length === 0 || data.length % c.ivLength !== 0) {
    throw new KeyEncryptionError(`encrypted key is not a whole number of ${c.name} blocks`);
  }
  const plain = run(c, key, iv, data, true, backend);
  const pad = plain[plain.length - 1] as number;
  if (pad < 1 || pad > c.ivLength || plain.subarray(plain.length - pad).some((b) => b !== pad)) {
    throw new KeyEncryptionError('incorrect passphrase for the encrypted private key');
  }
  return plain.subarray(0, plain.length - pad);
}
