import { gcm } from '@noble/ciphers/aes.js';
import { checkCipherKeys } from './check.js';
import { GCM_IV_LENGTH, GCM_TAG_LENGTH, GcmInvocationIv } from './gcm-iv.js';
import { readUint32BE } from './length.js';
import type { AeadCipherAlgorithm, AeadPacketCipher } from './types.js';

/**
 * aes*-gcm@openssh.com on @noble/ciphers (RFC 5647 with OpenSSH's
 * conventions): the 4-byte length is sent in the clear as the AAD, the rest
 * of the packet is encrypted, the 16-byte tag follows.
 */
class NobleAesGcm implements AeadPacketCipher {
  private readonly iv: GcmInvocationIv;

  constructor(
    private readonly key: Uint8Array,
    iv: Uint8Array,
  ) {
    this.iv = new GcmInvocationIv(iv);
  }

  seal(_seq: number, buf: Uint8Array, off: number, len: number): void {
    const aad = buf.subarray(off, off + 4);
    const sealed = gcm(this.key, this.iv.iv, aad).encrypt(buf.subarray(off + 4, off + 4 + len));
    buf.set(sealed, off + 4);
    this.iv.next();
  }

  decryptLength(_seq: number, buf: Uint8Array, off: number): number {
    return readUint32BE(buf, off);
  }

  open(_seq: number, buf: Uint8Array, off: number, len: number): boolean {
    const aad = buf.subarray(off, off + 4);
    let plain: Uint8Array;
    try {
      plain = gcm(this.key, this.iv.iv, aad).decrypt(buf.subarray(off + 4, off + 4 + len + GCM_TAG_LENGTH));
    } catch {
      return false;
    }
    buf.set(plain, off + 4);
    this.iv.next();
    return true;
  }
}

/** The portable aes128-gcm@openssh.com or aes256-gcm@openssh.com. */
export function nobleAesGcmAlgorithm(name: string, keyLength: number): AeadCipherAlgorithm {
  const info = { kind: 'aead', name, keyLength, ivLength: GCM_IV_LENGTH, blockSize: 16 } as const;
  return {
    ...info,
    tagLength: GCM_TAG_LENGTH,
    lengthEncrypted: false,
    createAead(key, iv) {
      checkCipherKeys(info, key, iv);
      return new NobleAesGcm(Uint8Array.from(key), iv);
    },
  };
}
