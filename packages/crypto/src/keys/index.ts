/** Keys and signatures (neutral entry, bound to the portable @noble / bigint backend). */
import { type KeyApi, makeKeyApi } from './api.js';
import { portableBackend } from './backend.js';

export { type GeneratePrivateKeyOptions, type KeyApi, makeKeyApi } from './api.js';
export { portableBackend } from './backend.js';
export { decodePublicBlob, encodePublicBlob } from './blob.js';
export type { GenerateOptions, KeyFactory, KeyImpl } from './key-impl.js';
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
export { decodeSignatureBlob, encodeSignatureBlob, type SignatureBlob } from './signature.js';
export { SSHKey } from './ssh-key.js';
export type * from './types.js';

const portable = makeKeyApi(portableBackend);

/** Create a new private key (AsyncSSH generate_private_key): ssh-ed25519, ssh-ed448, ecdsa-sha2-*, ssh-rsa, ssh-dss. */
export const generatePrivateKey: KeyApi['generatePrivateKey'] = portable.generatePrivateKey;
/** Parse a private key (OpenSSH openssh-key-v1, armored or binary), decrypting it with `passphrase`. */
export const importPrivateKey: KeyApi['importPrivateKey'] = portable.importPrivateKey;
/** Parse a public key (OpenSSH `type base64 comment` line). */
export const importPublicKey: KeyApi['importPublicKey'] = portable.importPublicKey;
/** Decode an SSH public key blob into an SSHKey (e.g. a server host key from KEXDH_REPLY). */
export const decodeSSHPublicKey: KeyApi['decodeSSHPublicKey'] = portable.decodeSSHPublicKey;
