import { KeyGenerationError, KeyImportError } from '../errors.js';
import { PRIVATE_KEY_FORMATS, PUBLIC_KEY_FORMATS } from '../formats/registry.js';
import type { Passphrase } from '../formats/types.js';
import { decodePublicBlob } from './blob.js';
import { getKeyFactory, isSignatureAlgorithm, keyTypeForSignatureAlgorithm } from './registry.js';
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

/** Key functions bound to one backend (node:crypto or portable). */
export interface KeyApi {
  /** Create a new private key for an SSH algorithm name; KeyGenerationError if unsupported. */
  generatePrivateKey(algName: string, options?: GeneratePrivateKeyOptions): SSHKey;
  /** Parse a private key (OpenSSH format; more formats plug into formats/registry.ts). */
  importPrivateKey(data: Uint8Array | string, passphrase?: Passphrase): SSHKey;
  /** Parse a public key (OpenSSH `type base64 comment` line; more formats plug in). */
  importPublicKey(data: Uint8Array | string): SSHKey;
  /** Decode an SSH public key blob (as sent in KEXDH_REPLY or userauth). */
  decodeSSHPublicKey(blob: Uint8Array): SSHKey;
}

const bytesOf = (d: Uint8Array | string) => (typeof d === 'string' ? new TextEncoder().encode(d) : d);

/** Build the key functions over `backend`. */
export function makeKeyApi(backend: KeyBackend): KeyApi {
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
    importPrivateKey(data, passphrase) {
      const bytes = bytesOf(data);
      const f = PRIVATE_KEY_FORMATS.find((x) => x.detect(bytes));
      if (!f) throw new KeyImportError('unrecognised private key format');
      const { impl, comment } = f.decode(bytes, passphrase, backend);
      return new SSHKey(impl, backend, comment);
    },
    importPublicKey(data) {
      const bytes = bytesOf(data);
      const f = PUBLIC_KEY_FORMATS.find((x) => x.detect(bytes));
      if (!f) throw new KeyImportError('unrecognised public key format');
      const { impl, comment } = f.decode(bytes, backend);
      return new SSHKey(impl, backend, comment);
    },
    decodeSSHPublicKey(blob) {
      return new SSHKey(decodePublicBlob(blob, backend), backend);
    },
  };
}
