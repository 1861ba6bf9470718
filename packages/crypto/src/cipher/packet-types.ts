/** The keys one direction of a connection derives in the key exchange (RFC 4253 §7.2). */
export interface DirectionKeys {
  /** Encryption key, cipher.keyLength bytes. */
  readonly key: Uint8Array;
  /** Initial IV, cipher.ivLength bytes (empty when the cipher takes none). */
  readonly iv: Uint8Array;
  /** Integrity key, mac.keyLength bytes (ignored with an AEAD cipher or the 'none' MAC). */
  readonly macKey?: Uint8Array;
}

/**
 * The writer side of the binary packet protocol (RFC 4253 §6) for one
 * cipher + MAC pair. The transport lays out one buffer:
 *
 *     off: uint32 packet_length | byte padding_length | payload | padding | tag (tagLength bytes, reserved)
 *
 * with `packet_length` = 1 + payload + padding, padding from `paddingLength`,
 * and calls `seal`, which encrypts and authenticates in place and fills the
 * tag. The bytes to send are `buf[off .. off + 4 + packet_length + tagLength)`.
 */
export interface PacketSealer {
  /** The padding multiple: max(8, cipher block size). */
  readonly blockSize: number;
  /** Bytes of tag (AEAD tag or MAC) after the packet. */
  readonly tagLength: number;
  /**
   * Whether the 4-byte length field is left out of the padding alignment
   * (AEAD and encrypt-then-MAC: only padding_length..padding must be a
   * multiple of blockSize; OpenSSH PROTOCOL §1.5, RFC 5647 §7.2).
   */
  readonly lengthExcludedFromPadding: boolean;
  /** The smallest padding (4 or more, RFC 4253 §6) for a payload of `payloadLength` bytes. */
  paddingLength(payloadLength: number): number;
  /**
   * Encrypt and authenticate `buf[off .. off + 4 + packetLength)` in place for
   * sequence number `seq` (uint32), writing the tag at `off + 4 + packetLength`.
   * Throws CryptoError if the packet is not aligned to blockSize.
   */
  seal(seq: number, buf: Uint8Array, off: number, packetLength: number): void;
}

/**
 * The reader side. The transport reads `firstBlockLength` bytes at `off`,
 * calls `decryptLength` to learn packet_length (checking its bounds itself),
 * reads until `off + 4 + packetLength + tagLength` bytes are there, then calls
 * `open`, after which `buf[off .. off + 4 + packetLength)` holds the plaintext
 * packet (length field included). Bytes are decrypted once: with
 * encrypt-and-MAC, `decryptLength` decrypts the first block in place and
 * `open` continues from there, so call `decryptLength` exactly once per
 * packet, then `open`. The packet may be moved to another buffer or offset
 * between the two calls, as long as its bytes are kept.
 */
export interface PacketOpener {
  /** The padding multiple: max(8, cipher block size). */
  readonly blockSize: number;
  /** Bytes of tag after the packet. */
  readonly tagLength: number;
  /** Bytes needed before `decryptLength`: 4, or the cipher block size with encrypt-and-MAC. */
  readonly firstBlockLength: number;
  /** The packet_length of the packet at `off` for sequence number `seq`. */
  decryptLength(seq: number, buf: Uint8Array, off: number): number;
  /**
   * Authenticate and decrypt the whole packet in place. Throws MACError (from
   * @ssh/wire) on a bad tag and ProtocolError on a length that is not a
   * multiple of the block size.
   */
  open(seq: number, buf: Uint8Array, off: number, packetLength: number): void;
}
