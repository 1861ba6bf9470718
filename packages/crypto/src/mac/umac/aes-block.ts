import { unsafe } from '@noble/ciphers/aes.js';

/** AES encryption of single 16-byte blocks under one expanded key (UMAC's KDF and PDF, RFC 4418 §3). */
export class AesBlock {
  private readonly xk: Uint32Array;
  private readonly block = new Uint8Array(16);

  constructor(key: Uint8Array) {
    this.xk = unsafe.expandKeyLE(key);
  }

  /** Encrypt `input` (16 bytes) and return the ciphertext in a buffer reused by the next call. */
  encrypt(input: Uint8Array): Uint8Array {
    this.block.set(input);
    unsafe.encryptBlock(this.xk, this.block);
    return this.block;
  }
}
