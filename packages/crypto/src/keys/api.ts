import { KeyGenerationError, KeyImportError } from '../errors.js';
import { PRIVATE_KEY_FORMATS, PUBLIC_KEY_FORMATS } from '../formats/registry.js';
import type { Passphrase } from '../formats/types.js';
import { decodePublicBlob } from './blob.js';
import { splitPrivateKeys, splitPublicKeys } from './key-list.js';
import { getKeyFactory, isSignatureAlgorithm, keyTypeForSignatureAlgorithm } from './registry.js';
import { withRsaValidation } from './rsa-validation.js';
import { SSHKey } from './ssh-key.js';
import type { KeyBackend } from './types.js';

/** Options of generatePrivateKey. */
export interface GeneratePrivateKeyOptions {
  /** Comment to store with the key (default none). */
  comment?: string | Uint8Array | null;
  /** RSA modulus size in bits (default 2048). */
  keySize?: number;
  /** RSA public exponent (default 65537). */
  exponent?: number;
}

/** Options of importPrivateKey and the functions that read private keys. */
export interface ImportPrivateKeyOptions {
  /**
   * Skip the RSA private key consistency checks (AsyncSSH's
   * unsafe_skip_rsa_key_validation); default: setDefaultSkipRsaKeyValidation's value.
   */
  unsafeSkipRsaKeyValidation?: boolean;
}

/** Key functions bound to one backend (node:crypto or portable). */
export interface KeyApi {
  /** Create a new private key for an SSH algorithm name; KeyGenerationError if unsupported. */
  generatePrivateKey(algName: string, options?: GeneratePrivateKeyOptions): SSHKey;
  /**
   * Parse a private key in any supported format, detected from the data:
   * OpenSSH, PKCS#1 / SEC1 and PKCS#8 (DER or PEM, plain or encrypted), PuTTY
   * PPK v2 / v3. PassphraseRequiredError when encrypted and no passphrase is
   * given, KeyEncryptionError for a wrong one, KeyImportError otherwise.
   */
  importPrivateKey(
    data: Uint8Array | string,
    passphrase?: Passphrase,
    options?: ImportPrivateKeyOptions,
  ): SSHKey;
  /** Parse every private key in `data` (several PEM / OpenSSH / PPK blocks); encrypted ones share `passphrase`. */
  importPrivateKeyList(
    data: Uint8Array | string,
    passphrase?: Passphrase,
    options?: ImportPrivateKeyOptions,
  ): SSHKey[];
  /** Parse a public key: OpenSSH line, RFC 4716, PKCS#1 or SubjectPublicKeyInfo (DER or PEM). */
  importPublicKey(data: Uint8Array | string): SSHKey;
  /** Parse every public key in `data` (OpenSSH lines, RFC 4716 and PEM blocks). */
  importPublicKeyList(data: Uint8Array | string): SSHKey[];
  /** Decode an SSH public key blob (as sent in KEXDH_REPLY or userauth). */
  decodeSSHPublicKey(blob: Uint8Array): SSHKey;
}

const bytesOf = (d: Uint8Array | string) => (typeof d === 'string' ? new TextEncoder().encode(d) : d);

/** Build the key functions over `backend`. */
export function makeKeyApi(backend: KeyBackend): KeyApi {
  const importPrivateKey: KeyApi['importPrivateKey'] = (data, passphrase, options = {}) => {
    const bytes = bytesOf(data);
    const f = PRIVATE_KEY_FORMATS.find((x) => x.detect(bytes));
    if (!f) throw new KeyImportError('unrecognised private key format');
    const { impl, comment } = withRsaValidation(options.unsafeSkipRsaKeyValidation, () =>
      f.decode(bytes, passphrase, backend),
    );
    return new SSHKey(impl, backend, comment);
  };
  const importPublicKey: KeyApi['importPublicKey'] = (data) => {
    const bytes = bytesOf(data);
    const f = PUBLIC_KEY_FORMATS.find((x) => x.detect(bytes));
    if (!f) throw new KeyImportError('unrecognised public key format');
    const { impl, comment } = f.decode(bytes, backend);
    return new SSHKey(impl, backend, comment);
  };
  return {
    generatePrivateKey(algName, options = {}) {
      let keyType = algName;
      if (isSignatureAlgorithm(algName)) keyType = keyTypeForSignatureAlgorithm(algName);
      let factory: ReturnType<typeof getKeyFactory>;
      try {
        factory = getKeyFactory(keyType);
      } catch {
        throw new KeyGenerationError(`unknown or unsupported key algorithm '${algName}'`);
      }
      const key = new SSHKey(
        factory.generate(backend, { keySize: options.keySize, exponent: options.exponent }),
        backend,
      );
      if (options.comment != null) key.setComment(options.comment);
      return key;
    },
    importPrivateKey,
    importPrivateKeyList: (data, passphrase, options) =>
      splitPrivateKeys(bytesOf(data)).map((chunk) => importPrivateKey(chunk, passphrase, options)),
    importPublicKey,
    importPublicKeyList: (data) => splitPublicKeys(bytesOf(data)).map((chunk) => importPublicKey(chunk)),
    decodeSSHPublicKey(blob) {
      return new SSHKey(decodePublicBlob(blob, backend), backend);
    },
  };
}
