/**
 * A keyed block cipher working on one block in place: the piece a mode
 * (CBC here) is built on. `blockSize` is 8 (Blowfish, CAST-128) or 16 (SEED).
 */
export interface BlockCipherCore {
  readonly blockSize: number;
  /** Encrypt `buf[at .. at + blockSize)` in place. */
  encryptBlock(buf: Uint8Array, at: number): void;
  /** Decrypt `buf[at .. at + blockSize)` in place. */
  decryptBlock(buf: Uint8Array, at: number): void;
}

/** The big-endian uint32 at `b[at]`, as an int32. */
export function readWord(b: Uint8Array, at: number): number {
  return (
    ((b[at] as number) << 24) |
    ((b[at + 1] as number) << 16) |
    ((b[at + 2] as number) << 8) |
    (b[at + 3] as number)
  );
}

/** Write `v` big-endian at `b[at]`. */
export function writeWord(b: Uint8Array, at: number, v: number): void {
  b[at] = v >>> 24;
  b[at + 1] = (v >>> 16) & 0xff;
  b[at + 2] = (v >>> 8) & 0xff;
  b[at + 3] = v & 0xff;
}
