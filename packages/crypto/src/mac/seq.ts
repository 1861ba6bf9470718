/** Write `seq` as a big-endian uint32 (RFC 4253 §6.4: the MAC input starts with it) into `out` at `at`. */
export function writeSeq32(out: Uint8Array, at: number, seq: number): void {
  out[at] = seq >>> 24;
  out[at + 1] = (seq >>> 16) & 0xff;
  out[at + 2] = (seq >>> 8) & 0xff;
  out[at + 3] = seq & 0xff;
}

/** Write `seq` as a big-endian uint64 into `out` at `at` (OpenSSH's UMAC nonce and chacha20 IV). */
export function writeSeq64(out: Uint8Array, at: number, seq: number): void {
  const hi = Math.floor(seq / 0x100000000);
  writeSeq32(out, at, hi);
  writeSeq32(out, at + 4, seq >>> 0);
}
