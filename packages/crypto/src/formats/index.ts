/** Key formats (neutral): OpenSSH private and public keys, bcrypt-pbkdf, SSHSIG. */
export { fromBase64, toBase64 } from './base64.js';
export { bcryptPbkdf } from './bcrypt-pbkdf.js';
export { portableKeyFileCipher } from './key-cipher.js';
export { KEY_FILE_CIPHERS, type KeyFileCipherInfo } from './key-ciphers.js';
export { decodeOpenSSHPrivate, encodeOpenSSHPrivate, opensshPrivateFormat } from './openssh.js';
export { encodeOpenSSHPublicLine, opensshPublicFormat, parseOpenSSHPublicLine } from './openssh-public.js';
export { PRIVATE_KEY_FORMATS, PUBLIC_KEY_FORMATS, privateKeyFormat, publicKeyFormat } from './registry.js';
export {
  decodeSSHSig,
  encodeSSHSig,
  type SSHSig,
  sshsigSign,
  sshsigSignedData,
  sshsigVerify,
} from './sshsig.js';
export type {
  DecodedKey,
  Passphrase,
  PrivateKeyExportOptions,
  PrivateKeyFormat,
  PublicKeyFormat,
} from './types.js';
