import { KeyEncryptionError, KeyExportError } from '../errors.js';
import { asImportError } from '../keys/import-error.js';
import type { KeyBackend } from '../keys/types.js';
import { DER, derChildren, derParse } from './der.js';
import { hasPemLabel, pemDecode, pemEncode } from './pem.js';
import { isLegacyEncrypted, legacyDecrypt, legacyEncrypt } from './pem-encryption.js';
import { importFailure } from './pkcs8.js';
import {
  decodeTraditionalPrivate,
  decodeTraditionalPublic,
  encodeTraditionalPrivate,
  encodeTraditionalPublic,
  TRADITIONAL_PRIVATE_LABELS,
  TRADITIONAL_PUBLIC_LABELS,
  type TraditionalKind,
  traditionalKindOf,
} from './traditional.js';
import { type DecodedKey, type PrivateKeyFormat, type PublicKeyFormat, passphraseBytes } from './types.js';

const PRIVATE_LABELS = Object.values(TRADITIONAL_PRIVATE_LABELS);
const PUBLIC_LABELS = Object.values(TRADITIONAL_PUBLIC_LABELS);

function kindOfLabel(label: string): TraditionalKind {
  return (Object.keys(TRADITIONAL_PRIVATE_LABELS) as TraditionalKind[]).find(
    (k) => TRADITIONAL_PRIVATE_LABELS[k] === label,
  ) as TraditionalKind;
}

function decodePrivate(
  kind: TraditionalKind,
  der: Uint8Array,
  backend: KeyBackend,
  encrypted: boolean,
): DecodedKey {
  try {
    return { impl: decodeTraditionalPrivate(kind, der, backend), comment: null };
  } catch (e) {
    if (encrypted)
      throw new KeyEncryptionError('incorrect passphrase, or a corrupt encrypted PEM key', { cause: e });
    throw asImportError(e, `invalid PKCS#1 ${kind.toUpperCase()} private key`);
  }
}

/** Traditional (PKCS#1 RSA, OpenSSL DSA, SEC1 EC) private keys in DER. */
export const pkcs1DerPrivateFormat: PrivateKeyFormat = {
  name: 'pkcs1-der',
  detect: (data) => traditionalKindOf(data) !== undefined,
  decode(data, _passphrase, backend) {
    const kind = traditionalKindOf(data);
    if (!kind) throw asImportError(new Error('unrecognised layout'), 'invalid PKCS#1 private key');
    return decodePrivate(kind, data, backend, false);
  },
  encode(key, passphrase) {
    if (passphrase !== undefined && passphraseBytes(passphrase).length > 0) {
      throw new KeyExportError('pkcs1-der keys cannot be encrypted: use pkcs1-pem or pkcs8-der');
    }
    if (!key.impl.isPrivate)
      throw new KeyExportError('only a private key can be exported in a private key format');
    return encodeTraditionalPrivate(key.impl).der;
  },
};

/** Traditional private keys in PEM, optionally with OpenSSL's legacy `Proc-Type: 4,ENCRYPTED` encryption. */
export const pkcs1PemPrivateFormat: PrivateKeyFormat = {
  name: 'pkcs1-pem',
  detect: (data) => hasPemLabel(data, PRIVATE_LABELS),
  decode(data, passphrase, backend) {
    const block = pemDecode(data, PRIVATE_LABELS);
    const kind = kindOfLabel(block.label);
    if (!isLegacyEncrypted(block)) return decodePrivate(kind, block.body, backend, false);
    let der: Uint8Array;
    try {
      der = legacyDecrypt(block, passphrase === undefined ? undefined : passphraseBytes(passphrase), backend);
    } catch (e) {
      throw importFailure(e, 'invalid encrypted PEM private key');
    }
    return decodePrivate(kind, der, backend, true);
  },
  encode(key, passphrase, options, backend) {
    if (!key.impl.isPrivate)
      throw new KeyExportError('only a private key can be exported in a private key format');
    const { label, der } = encodeTraditionalPrivate(key.impl);
    const pass = passphrase === undefined ? undefined : passphraseBytes(passphrase);
    if (!pass || pass.length === 0) return pemEncode(label, der);
    const enc = legacyEncrypt(der, pass, options.cipherName ?? 'aes256-cbc', backend);
    return pemEncode(label, enc.body, enc.headers);
  },
};

function publicKind(der: Uint8Array): 'rsa' | 'dsa' | undefined {
  try {
    const items = derChildren(derParse(der, DER.SEQUENCE).value);
    if (!items.every((i) => i.tag === DER.INTEGER)) return undefined;
    return items.length === 2 ? 'rsa' : items.length === 4 ? 'dsa' : undefined;
  } catch {
    return undefined;
  }
}

function decodePublic(kind: 'rsa' | 'dsa', der: Uint8Array, backend: KeyBackend): DecodedKey {
  try {
    return { impl: decodeTraditionalPublic(kind, der, backend), comment: null };
  } catch (e) {
    throw asImportError(e, `invalid PKCS#1 ${kind.toUpperCase()} public key`);
  }
}

/** PKCS#1 RSAPublicKey (and AsyncSSH's DSA layout) in DER. */
export const pkcs1DerPublicFormat: PublicKeyFormat = {
  name: 'pkcs1-der',
  detect: (data) => publicKind(data) !== undefined,
  decode(data, backend) {
    const kind = publicKind(data);
    if (!kind) throw asImportError(new Error('unrecognised layout'), 'invalid PKCS#1 public key');
    return decodePublic(kind, data, backend);
  },
  encode: (key) => encodeTraditionalPublic(key.impl).der,
};

/** PKCS#1 public keys in PEM ('RSA PUBLIC KEY', 'DSA PUBLIC KEY'). */
export const pkcs1PemPublicFormat: PublicKeyFormat = {
  name: 'pkcs1-pem',
  detect: (data) => hasPemLabel(data, PUBLIC_LABELS),
  decode(data, backend) {
    const block = pemDecode(data, PUBLIC_LABELS);
    return decodePublic(block.label === 'RSA PUBLIC KEY' ? 'rsa' : 'dsa', block.body, backend);
  },
  encode(key) {
    const { label, der } = encodeTraditionalPublic(key.impl);
    return pemEncode(label, der);
  },
};
