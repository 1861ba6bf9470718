/** Keys and signatures (neutral entry, bound to the portable @noble / bigint backend). */
import { type KeyApi, makeKeyApi } from './api.js';
import { portableBackend } from './backend.js';
import { type KeyLoader, makeKeyLoader } from './load.js';

export {
  type GeneratePrivateKeyOptions,
  type ImportPrivateKeyOptions,
  type KeyApi,
  makeKeyApi,
} from './api.js';
export { portableBackend } from './backend.js';
export { decodePublicBlob, encodePublicBlob } from './blob.js';
export type { TextErrors } from './comment-text.js';
export type { GenerateOptions, KeyFactory, KeyImpl } from './key-impl.js';
export { plainSignatureAlgorithm, SSHKeyPair } from './keypair.js';
export {
  type FileReader,
  type KeyCertificateRef,
  type KeyLoader,
  type KeyPairRef,
  type LoadKeypairsOptions,
  makeKeyLoader,
  type PassphraseSource,
  type PrivateKeyRef,
  type PublicKeyRef,
} from './load.js';
export {
  DEFAULT_PUBLIC_KEY_ALGORITHMS,
  DEFAULT_SIGNATURE_ALGORITHMS,
  getKeyFactory,
  INSECURE_PUBLIC_KEY_ALGORITHMS,
  INSECURE_SIGNATURE_ALGORITHMS,
  isSignatureAlgorithm,
  keyTypeForSignatureAlgorithm,
  keyTypes,
  SUPPORTED_PUBLIC_KEY_ALGORITHMS,
  SUPPORTED_SIGNATURE_ALGORITHMS,
} from './registry.js';
export { setDefaultSkipRsaKeyValidation } from './rsa-validation.js';
export { decodeSignatureBlob, encodeSignatureBlob, type SignatureBlob } from './signature.js';
export { SSHKey } from './ssh-key.js';
export type * from './types.js';

const portable = makeKeyApi(portableBackend);
const portableLoader = makeKeyLoader(portableBackend);

/** Create a new private key (AsyncSSH generate_private_key): ssh-ed25519, ssh-ed448, ecdsa-sha2-*, ssh-rsa, ssh-dss. */
export const generatePrivateKey: KeyApi['generatePrivateKey'] = portable.generatePrivateKey;
/**
 * Parse a private key (AsyncSSH import_private_key): OpenSSH, PKCS#1 / SEC1,
 * PKCS#8 (DER or PEM, plain or encrypted) or PuTTY PPK, detected from the data.
 */
export const importPrivateKey: KeyApi['importPrivateKey'] = portable.importPrivateKey;
/** Parse every private key in the data (several armored blocks); encrypted ones share the passphrase. */
export const importPrivateKeyList: KeyApi['importPrivateKeyList'] = portable.importPrivateKeyList;
/** Parse a public key (AsyncSSH import_public_key): OpenSSH line, RFC 4716, PKCS#1 or SubjectPublicKeyInfo. */
export const importPublicKey: KeyApi['importPublicKey'] = portable.importPublicKey;
/** Parse every public key in the data (OpenSSH lines, RFC 4716 and PEM blocks). */
export const importPublicKeyList: KeyApi['importPublicKeyList'] = portable.importPublicKeyList;
/**
 * Load key pairs from bytes, SSHKey / SSHKeyPair objects, [key, cert] tuples
 * or a list of these (AsyncSSH load_keypairs). File names need the node entry.
 */
export const loadKeypairs: KeyLoader['loadKeypairs'] = portableLoader.loadKeypairs;
/** Load public keys from bytes or SSHKey objects (AsyncSSH load_public_keys); file names need the node entry. */
export const loadPublicKeys: KeyLoader['loadPublicKeys'] = portableLoader.loadPublicKeys;
/** Decode an SSH public key blob into an SSHKey (e.g. a server host key from KEXDH_REPLY). */
export const decodeSSHPublicKey: KeyApi['decodeSSHPublicKey'] = portable.decodeSSHPublicKey;
