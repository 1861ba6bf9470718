import {
  type CipherGCMTypes,
  createCipheriv,
  createDecipheriv,
  createSecretKey,
  type KeyObject,
} from 'node:crypto';
import { checkCipherKeys } from './check.js';
import { GCM_IV_LENGTH, GCM_TAG_LENGTH, GcmInvocationIv } from './gcm-iv.js';
import { readUint32BE } from './length.js';
import type { AeadCipherAlgorithm, AeadPacketCipher } from './types.js';

/** aes*-gcm@openssh.com on node:crypto: one cipher context per packet (the nonce changes), output copied back. */
class NodeAesGcm implements AeadPacketCipher {
  private readonly iv: GcmInvocationIv;
  private readonly key: KeyObject;

  constructor(
    private readonly algorithm: CipherGCMTypes,
    key: Uint8Array,
    iv: Uint8Array,
  ) {
    this.key = createSecretKey(key);
    this.iv = new GcmInvocationIv(iv);
  }

  seal(_seq: number, buf: Uint8Array, off: number, len: number): void {
    const c = createCipheriv(this.algorithm, this.key, this.iv.iv, { authTagLength: GCM_TAG_LENGTH });
    c.setAAD(buf.subarray(off, off + 4));
    const out = c.update(buf.subarray(off + 4, off + 4 + len));
    c.final();
    buf.set(out, off + 4);
    buf.set(c.getAuthTag(), off + 4 + len);
    this.iv.next();
  }

  decryptLength(_seq: number, buf: Uint8Array, off: number): number {
    return readUint32BE(buf, off);
  }

  open(_seq: number, buf: Uint8Array, off: number, len: number): boolean {
    const d = createDecipheriv(this.algorithm, this.key, this.iv.iv, { authTagLength: GCM_TAG_LENGTH });
    d.setAAD(buf.subarray(off, off + 4));
    d.setAuthTag(buf.subarray(off + 4 + len, off + 4 + len + GCM_TAG_LENGTH));
    const out = d.update(buf.subarray(off + 4, off + 4 + len));
    try {
      d.final();
    } catch {
      return false;
    }
    buf.set(out, off + 4);
    this.iv.next();
    return true;
  }
}

/** The node:crypto aes128-gcm@openssh.com or aes256-gcm@openssh.com. */
export function nodeAesGcmAlgorithm(name: string, keyLength: number): AeadCipherAlgorithm {
  const info = { kind: 'aead', name, keyLength, ivLength: GCM_IV_LENGTH, blockSize: 16 } as const;
  const openssl: CipherGCMTypes = keyLength === 32 ? 'aes-256-gcm' : 'aes-128-gcm';
  return {
    ...info,
    tagLength: GCM_TAG_LENGTH,
    lengthEncrypted: false,
    createAead(key, iv) {
      checkCipherKeys(info, key, iv);
      return new NodeAesGcm(openssl, key, iv);
    },
  };
}
