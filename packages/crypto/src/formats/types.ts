import type { KeyImpl } from '../keys/key-impl.js';
import type { KeyBackend } from '../keys/types.js';

/** A key read from some format, with its comment. */
export interface DecodedKey {
  readonly impl: KeyImpl;
  readonly comment: Uint8Array | null;
}

/** A passphrase as text (UTF-8) or bytes. */
export type Passphrase = string | Uint8Array;

/** Options for encrypting a private key on export. */
export interface PrivateKeyExportOptions {
  /** Cipher for an encrypted key (default 'aes256-cbc', as AsyncSSH). */
  cipherName?: string;
  /** bcrypt-pbkdf rounds (default 128, as AsyncSSH); fewer than 50 logs a warning unless `ignoreFewRounds`. */
  rounds?: number;
  /** Export an OpenSSH key with fewer than 50 bcrypt rounds without the warning (default false). */
  ignoreFewRounds?: boolean;
  /** PKCS#8 PBE hash: md5, sha1, sha224, sha256 (default for PBES2), sha384, sha512. */
  hashName?: string;
  /** PKCS#8 scheme: 2 = PBES2 (default), 1 = PBES1 / PKCS#12 PBE. */
  pbeVersion?: 1 | 2;
  /** PKCS#8 KDF iterations (default 2048). */
  iterations?: number;
  /** PuTTY key file version: 3 (default) or 2. */
  ppkVersion?: 2 | 3;
  /** PPK v3 Argon2 parameters (default Argon2id, 8192 KiB as puttygen, 8 passes, 1 lane). */
  argon2?: {
    flavour?: 'Argon2id' | 'Argon2i' | 'Argon2d';
    memory?: number;
    passes?: number;
    parallelism?: number;
  };
}

/** One private key format: a detector, a decoder and (optionally) an encoder. */
export interface PrivateKeyFormat {
  readonly name: string;
  /** Other names the format answers to on export ('der', 'pem', 'ppk'). */
  readonly aliases?: readonly string[];
  /** True when `data` looks like this format (cheap check). */
  detect(data: Uint8Array): boolean;
  /** Decode one key; KeyImportError / KeyEncryptionError / PassphraseRequiredError on failure. */
  decode(data: Uint8Array, passphrase: Passphrase | undefined, backend: KeyBackend): DecodedKey;
  /** Encode a private key. */
  encode?(
    key: DecodedKey,
    passphrase: Passphrase | undefined,
    options: PrivateKeyExportOptions,
    backend: KeyBackend,
  ): Uint8Array;
}

/** One public key format. */
export interface PublicKeyFormat {
  readonly name: string;
  /** Other names the format answers to on export. */
  readonly aliases?: readonly string[];
  detect(data: Uint8Array): boolean;
  decode(data: Uint8Array, backend: KeyBackend): DecodedKey;
  encode?(key: DecodedKey): Uint8Array;
}

/** Passphrase bytes (text is UTF-8 encoded). */
export function passphraseBytes(p: Passphrase): Uint8Array {
  return typeof p === 'string' ? new TextEncoder().encode(p) : p;
}

/** Decode bytes as Latin-1 text (for detection and armor parsing). */
export function latin1(data: Uint8Array): string {
  let s = '';
  for (let i = 0; i < data.length; i += 0x8000) s += String.fromCharCode(...data.subarray(i, i + 0x8000));
  return s;
}
