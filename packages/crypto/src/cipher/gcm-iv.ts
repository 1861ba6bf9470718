/**
 * The GCM nonce of aes*-gcm@openssh.com (RFC 5647 §7.1): a 4-byte fixed
 * field and an 8-byte big-endian invocation counter, incremented after
 * every packet. Kept in one 12-byte array that is updated in place.
 */
export class GcmInvocationIv {
  /** The current 12-byte nonce. */
  readonly iv: Uint8Array;

  constructor(initial: Uint8Array) {
    this.iv = Uint8Array.from(initial); // a copy even when `initial` is a Buffer
  }

  /** Advance the invocation counter (modulo 2^64). */
  next(): void {
    const iv = this.iv;
    for (let i = 11; i >= 4; i--) {
      iv[i] = ((iv[i] as number) + 1) & 0xff;
      if (iv[i] !== 0) return;
    }
  }
}

/** GCM's IV length in SSH (RFC 5647 §7.1) and its tag length (§7.3). */
export const GCM_IV_LENGTH = 12;
/** The AES-GCM tag length in SSH (RFC 5647 §7.3). */
export const GCM_TAG_LENGTH = 16;
