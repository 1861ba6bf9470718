/** Ciphers OpenSSH private key files use, with key and IV sizes (PROTOCOL.key, sshkey.c). */
export interface KeyFileCipherInfo {
  readonly keyLength: number;
  readonly ivLength: number;
  readonly blockSize: number;
}

/** Key file ciphers known by name; 'none' pads to 8 bytes. */
export const KEY_FILE_CIPHERS: Readonly<Record<string, KeyFileCipherInfo>> = {
  none: { keyLength: 0, ivLength: 0, blockSize: 8 },
  'aes128-ctr': { keyLength: 16, ivLength: 16, blockSize: 16 },
  'aes192-ctr': { keyLength: 24, ivLength: 16, blockSize: 16 },
  'aes256-ctr': { keyLength: 32, ivLength: 16, blockSize: 16 },
  'aes128-cbc': { keyLength: 16, ivLength: 16, blockSize: 16 },
  'aes192-cbc': { keyLength: 24, ivLength: 16, blockSize: 16 },
  'aes256-cbc': { keyLength: 32, ivLength: 16, blockSize: 16 },
};
