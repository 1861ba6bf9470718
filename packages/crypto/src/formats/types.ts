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
  /** bcrypt-pbkdf rounds (default 128, as AsyncSSH). */
  rounds?: number;
}

/** One private key format: a detector, a decoder and (optionally) an encoder. */
export interface PrivateKeyFormat {
  readonly name: string;
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
