import { chacha20orig } from '@noble/ciphers/chacha.js';
import { constantTimeEqual } from '../mac/compare.js';
import { writeSeq64 } from '../mac/seq.js';
import { ChachaLengthCipher } from './chacha20-poly1305-length.js';
import { checkCipherKeys } from './check.js';
import { noblePoly1305, type Poly1305Function } from './poly1305.js';
import type { AeadCipherAlgorithm, AeadPacketCipher, CipherInfo } from './types.js';

/** Tag length of chacha20-poly1305@openssh.com (PROTOCOL.chacha20poly1305). */
export const CHACHA_POLY_TAG_LENGTH = 16;
/** 512 bits of key material: K_2 (main) then K_1 (header) (PROTOCOL.chacha20poly1305). */
export const CHACHA_POLY_KEY_LENGTH = 64;

/** The algorithm's parameters: no IV (the nonce is the sequence number), 8-byte padding blocks. */
export const CHACHA_POLY_INFO: CipherInfo = {
  name: 'chacha20-poly1305@openssh.com',
  keyLength: CHACHA_POLY_KEY_LENGTH,
  ivLength: 0,
  blockSize: 8,
};

const ZERO32 = new Uint8Array(32);

/**
 * chacha20-poly1305@openssh.com on @noble/ciphers (OpenSSH
 * PROTOCOL.chacha20poly1305). Two ChaCha20 instances (DJB's original:
 * 64-bit nonce = the sequence number big-endian, 64-bit block counter):
 * K_1 encrypts the 4-byte length (ChachaLengthCipher); K_2 gives the Poly1305 key from block 0
 * and encrypts the rest from block 1; the tag covers the whole ciphertext.
 */
class NobleChachaPoly implements AeadPacketCipher {
  private readonly mainKey: Uint8Array;
  private readonly length: ChachaLengthCipher;
  private readonly nonce = new Uint8Array(8);
  private readonly polyKey = new Uint8Array(32);
  private readonly tag = new Uint8Array(CHACHA_POLY_TAG_LENGTH);

  constructor(
    key: Uint8Array,
    private readonly poly: Poly1305Function,
  ) {
    this.mainKey = Uint8Array.from(key.subarray(0, 32));
    this.length = new ChachaLengthCipher(key.subarray(32, 64));
  }

  private start(seq: number): void {
    writeSeq64(this.nonce, 0, seq);
    chacha20orig(this.mainKey, this.nonce, ZERO32, this.polyKey, 0);
  }

  seal(seq: number, buf: Uint8Array, off: number, len: number): void {
    this.start(seq);
    this.length.seal(seq, buf, off);
    const body = buf.subarray(off + 4, off + 4 + len);
    chacha20orig(this.mainKey, this.nonce, body, body, 1);
    this.poly(this.polyKey, buf.subarray(off, off + 4 + len), buf, off + 4 + len);
  }

  decryptLength(seq: number, buf: Uint8Array, off: number): number {
    return this.length.decrypt(seq, buf, off);
  }

  open(seq: number, buf: Uint8Array, off: number, len: number): boolean {
    this.start(seq);
    this.poly(this.polyKey, buf.subarray(off, off + 4 + len), this.tag, 0);
    if (!constantTimeEqual(this.tag, buf, off + 4 + len)) return false;
    this.length.open(seq, buf, off);
    const body = buf.subarray(off + 4, off + 4 + len);
    chacha20orig(this.mainKey, this.nonce, body, body, 1);
    return true;
  }
}

/** The portable chacha20-poly1305@openssh.com, with the given Poly1305 (noble's by default). */
export function nobleChachaPolyAlgorithm(poly: Poly1305Function = noblePoly1305): AeadCipherAlgorithm {
  return {
    kind: 'aead',
    ...CHACHA_POLY_INFO,
    tagLength: CHACHA_POLY_TAG_LENGTH,
    lengthEncrypted: true,
    createAead(key, iv) {
      checkCipherKeys(CHACHA_POLY_INFO, key, iv);
      return new NobleChachaPoly(key, poly);
    },
  };
}
