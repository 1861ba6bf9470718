/**
 * Key formats (neutral): OpenSSH private and public keys, PKCS#1 / SEC1 / PKCS#8
 * and SubjectPublicKeyInfo (DER and PEM, with their encryption schemes), RFC 4716,
 * PuTTY PPK v2 / v3, bcrypt-pbkdf, SSHSIG.
 */
export { fromBase64, toBase64 } from './base64.js';
export { bcryptPbkdf } from './bcrypt-pbkdf.js';
export { portableKeyFileCipher } from './key-cipher.js';
export { KEY_FILE_CIPHERS, type KeyFileCipherInfo } from './key-ciphers.js';
export { decodeOpenSSHPrivate, encodeOpenSSHPrivate, opensshPrivateFormat } from './openssh.js';
export { encodeOpenSSHPublicLine, opensshPublicFormat, parseOpenSSHPublicLine } from './openssh-public.js';
export { PBE_CIPHERS, type PbeCipher } from './pbe-ciphers.js';
export { type PemBlock, pemDecode, pemEncode } from './pem.js';
export {
  pkcs1DerPrivateFormat,
  pkcs1DerPublicFormat,
  pkcs1PemPrivateFormat,
  pkcs1PemPublicFormat,
} from './pkcs1.js';
export {
  pkcs8DerPrivateFormat,
  pkcs8DerPublicFormat,
  pkcs8PemPrivateFormat,
  pkcs8PemPublicFormat,
} from './pkcs8.js';
export { decodePpk, encodePpk, ppkPrivateFormat } from './ppk.js';
export { PRIVATE_KEY_FORMATS, PUBLIC_KEY_FORMATS, privateKeyFormat, publicKeyFormat } from './registry.js';
export { encodeRfc4716, parseRfc4716, type Rfc4716Block, rfc4716PublicFormat } from './rfc4716.js';
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
