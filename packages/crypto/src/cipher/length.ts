/** The big-endian uint32 at `buf[at]` (the packet_length field, RFC 4253 §6); no allocation. */
export function readUint32BE(buf: Uint8Array, at: number): number {
  return (
    (((buf[at] as number) << 24) |
      ((buf[at + 1] as number) << 16) |
      ((buf[at + 2] as number) << 8) |
      (buf[at + 3] as number)) >>>
    0
  );
}
