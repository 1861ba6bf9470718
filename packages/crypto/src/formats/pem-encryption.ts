import { randomBytes } from '@noble/hashes/utils.js';
import { KeyExportError, KeyImportError, PassphraseRequiredError } from '../errors.js';
import type { KeyBackend } from '../keys/types.js';
import { pbeCipher, pbeDecrypt, pbeEncrypt } from './pbe-ciphers.js';
import { evpBytesToKey } from './pbe-kdf.js';
import type { PemBlock } from './pem.js';

/** OpenSSL's DEK-Info cipher names and ours (legacy PEM encryption, RFC 1421 style). */
const DEK_CIPHERS: Readonly<Record<string, string>> = {
  'AES-128-CBC': 'aes128-cbc',
  'AES-192-CBC': 'aes192-cbc',
  'AES-256-CBC': 'aes256-cbc',
  'DES-CBC': 'des-cbc',
  'DES-EDE3-CBC': 'des3-cbc',
};

/** True when the block has OpenSSL's `Proc-Type: 4,ENCRYPTED` header. */
export function isLegacyEncrypted(block: PemBlock): boolean {
  return /^4,\s*ENCRYPTED$/i.test(block.headers.get('Proc-Type') ?? '');
}

/**
 * Decrypt a legacy-encrypted PEM body: key = EVP_BytesToKey(MD5, passphrase,
 * first 8 IV bytes), CBC with PKCS#7 padding.
 */
export function legacyDecrypt(
  block: PemBlock,
  pass: Uint8Array | undefined,
  backend: KeyBackend,
): Uint8Array {
  const dek = block.headers.get('DEK-Info');
  const m = dek ? /^([A-Z0-9-]+),([0-9A-Fa-f]+)$/.exec(dek) : null;
  if (!m) throw new KeyImportError('encrypted PEM key has no valid DEK-Info header');
  const name = DEK_CIPHERS[(m[1] as string).toUpperCase()];
  if (!name) throw new KeyImportError(`unsupported PEM encryption cipher '${m[1]}'`);
  const cipher = pbeCipher(name);
  const hex = m[2] as string;
  if (hex.length !== 2 * cipher.ivLength) throw new KeyImportError('DEK-Info IV has the wrong length');
  if (pass === undefined) throw new PassphraseRequiredError();
  const iv = Uint8Array.from(hex.match(/../g) ?? [], (h) => Number.parseInt(h, 16));
  const key = evpBytesToKey(pass, iv.subarray(0, 8), cipher.keyLength);
  return pbeDecrypt(cipher, key, iv, block.body, backend);
}

/** Encrypt a PEM body the legacy way; returns the headers and the ciphertext. */
export function legacyEncrypt(
  der: Uint8Array,
  pass: Uint8Array,
  cipherName: string,
  backend: KeyBackend,
): { headers: [string, string][]; body: Uint8Array } {
  const dek = Object.keys(DEK_CIPHERS).find((k) => DEK_CIPHERS[k] === cipherName);
  if (!dek) throw new KeyExportError(`PKCS#1 PEM encryption does not support '${cipherName}'`);
  const cipher = pbeCipher(cipherName);
  const iv = randomBytes(cipher.ivLength);
  const key = evpBytesToKey(pass, iv.subarray(0, 8), cipher.keyLength);
  const hex = Array.from(iv, (b) => b.toString(16).padStart(2, '0'))
    .join('')
    .toUpperCase();
  return {
    headers: [
      ['Proc-Type', '4,ENCRYPTED'],
      ['DEK-Info', `${dek},${hex}`],
    ],
    body: pbeEncrypt(cipher, key, iv, der, backend),
  };
}
