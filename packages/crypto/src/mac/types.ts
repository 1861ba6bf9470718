/**
 * A keyed MAC for one direction of one connection. The transport calls it once
 * per packet with the packet's sequence number (RFC 4253 §6.4).
 */
export interface PacketMac {
  /** Tag length in bytes. */
  readonly tagLength: number;
  /**
   * Compute the tag over `data` for sequence number `seq` (uint32) and write
   * it to `out[outOffset .. outOffset + tagLength)`. `out` may be the packet
   * buffer itself, just past `data`.
   */
  sign(seq: number, data: Uint8Array, out: Uint8Array, outOffset: number): void;
  /** Whether `tag` is the tag of `data` for `seq`, compared in constant time. */
  verify(seq: number, data: Uint8Array, tag: Uint8Array): boolean;
}

/** A MAC algorithm of the registry: what the kex needs to know, and a factory. */
export interface MacAlgorithm {
  /** SSH name, e.g. 'hmac-sha2-256-etm@openssh.com'. */
  readonly name: string;
  /** Key length in bytes (the length the kex derives, RFC 4253 §7.2). */
  readonly keyLength: number;
  /** Tag length in bytes. */
  readonly tagLength: number;
  /** Encrypt-then-MAC (the length field stays in the clear; the MAC covers the ciphertext). */
  readonly etm: boolean;
  /** Key a MAC for one direction. Throws KeyLengthError if `key` has the wrong length. */
  create(key: Uint8Array): PacketMac;
}
