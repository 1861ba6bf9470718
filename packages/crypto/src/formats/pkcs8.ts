import { KeyEncryptionError, KeyExportError, PassphraseRequiredError } from '../errors.js';
import { asImportError } from '../keys/import-error.js';
import type { KeyBackend } from '../keys/types.js';
import { decryptPrivateKeyInfo, encryptPrivateKeyInfo } from './pbes.js';
import { hasPemLabel, pemDecode, pemEncode } from './pem.js';
import {
  decodePrivateKeyInfo,
  decodeSubjectPublicKeyInfo,
  encodePrivateKeyInfo,
  encodeSubjectPublicKeyInfo,
  looksLikeEncryptedInfo,
  looksLikePrivateKeyInfo,
  looksLikeSpki,
} from './pkcs8-info.js';
import {
  type DecodedKey,
  type Passphrase,
  type PrivateKeyFormat,
  type PublicKeyFormat,
  passphraseBytes,
} from './types.js';

const PRIVATE_LABELS = ['PRIVATE KEY', 'ENCRYPTED PRIVATE KEY'];

/** Rethrow passphrase errors as they are; anything else becomes a KeyImportError. */
export function importFailure(e: unknown, what: string): Error {
  if (e instanceof KeyEncryptionError || e instanceof PassphraseRequiredError) return e;
  return asImportError(e, what);
}

function decodeDer(
  der: Uint8Array,
  encrypted: boolean,
  passphrase: Passphrase | undefined,
  backend: KeyBackend,
): DecodedKey {
  try {
    let info = der;
    if (encrypted) {
      if (passphrase === undefined) throw new PassphraseRequiredError();
      info = decryptPrivateKeyInfo(der, passphraseBytes(passphrase), backend);
      try {
        return { impl: decodePrivateKeyInfo(info, backend), comment: null };
      } catch (e) {
        throw new KeyEncryptionError('incorrect passphrase, or a corrupt encrypted PKCS#8 key', { cause: e });
      }
    }
    return { impl: decodePrivateKeyInfo(info, backend), comment: null };
  } catch (e) {
    throw importFailure(e, 'invalid PKCS#8 private key');
  }
}

function encodeDer(
  key: DecodedKey,
  passphrase: Passphrase | undefined,
  options: Parameters<NonNullable<PrivateKeyFormat['encode']>>[2],
  backend: KeyBackend,
) {
  if (!key.impl.isPrivate)
    throw new KeyExportError('only a private key can be exported in a private key format');
  const info = encodePrivateKeyInfo(key.impl);
  const pass = passphrase === undefined ? undefined : passphraseBytes(passphrase);
  if (!pass || pass.length === 0) return { der: info, encrypted: false };
  return { der: encryptPrivateKeyInfo(info, pass, options, backend), encrypted: true };
}

/** PKCS#8 private keys in DER, unencrypted or PBES2 / PBES1 / PKCS#12-PBE encrypted. */
export const pkcs8DerPrivateFormat: PrivateKeyFormat = {
  name: 'pkcs8-der',
  aliases: ['der'],
  detect: (data) => looksLikePrivateKeyInfo(data) || looksLikeEncryptedInfo(data),
  decode: (data, passphrase, backend) => decodeDer(data, !looksLikePrivateKeyInfo(data), passphrase, backend),
  encode: (key, passphrase, options, backend) => encodeDer(key, passphrase, options, backend).der,
};

/** PKCS#8 private keys in PEM ('PRIVATE KEY' / 'ENCRYPTED PRIVATE KEY'). */
export const pkcs8PemPrivateFormat: PrivateKeyFormat = {
  name: 'pkcs8-pem',
  aliases: ['pem'],
  detect: (data) => hasPemLabel(data, PRIVATE_LABELS),
  decode(data, passphrase, backend) {
    const block = pemDecode(data, PRIVATE_LABELS);
    return decodeDer(block.body, block.label === 'ENCRYPTED PRIVATE KEY', passphrase, backend);
  },
  encode(key, passphrase, options, backend) {
    const { der, encrypted } = encodeDer(key, passphrase, options, backend);
    return pemEncode(encrypted ? 'ENCRYPTED PRIVATE KEY' : 'PRIVATE KEY', der);
  },
};

function decodeSpki(der: Uint8Array, backend: KeyBackend): DecodedKey {
  try {
    return { impl: decodeSubjectPublicKeyInfo(der, backend), comment: null };
  } catch (e) {
    throw asImportError(e, 'invalid SubjectPublicKeyInfo public key');
  }
}

/** SubjectPublicKeyInfo public keys in DER. */
export const pkcs8DerPublicFormat: PublicKeyFormat = {
  name: 'pkcs8-der',
  aliases: ['der'],
  detect: looksLikeSpki,
  decode: decodeSpki,
  encode: (key) => encodeSubjectPublicKeyInfo(key.impl),
};

/** SubjectPublicKeyInfo public keys in PEM ('PUBLIC KEY'). */
export const pkcs8PemPublicFormat: PublicKeyFormat = {
  name: 'pkcs8-pem',
  aliases: ['pem'],
  detect: (data) => hasPemLabel(data, ['PUBLIC KEY']),
  decode: (data, backend) => decodeSpki(pemDecode(data, ['PUBLIC KEY']).body, backend),
  encode: (key) => pemEncode('PUBLIC KEY', encodeSubjectPublicKeyInfo(key.impl)),
};
