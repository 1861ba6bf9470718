/** Which side of a direction a cipher instance works for. */
export type CipherDirection = 'encrypt' | 'decrypt';

/** What every cipher algorithm tells the key exchange and the transport. */
export interface CipherInfo {
  /** SSH name, e.g. 'aes128-ctr'. */
  readonly name: string;
  /** Key length in bytes (what the kex derives, RFC 4253 §7.2). */
  readonly keyLength: number;
  /** IV length in bytes (0 when the cipher takes none). */
  readonly ivLength: number;
  /** Cipher block size; packets are padded to a multiple of max(8, blockSize) (RFC 4253 §6). */
  readonly blockSize: number;
}

/**
 * A cipher mode without authentication (CTR, CBC, 'none'), keeping its
 * state (counter, CBC chaining block) from one call to the next, so a packet
 * may be processed in several consecutive pieces and packets follow each
 * other as one stream.
 */
export interface BlockStream {
  /** Encrypt or decrypt `buf[start .. end)` in place; the length is a multiple of the block size. */
  process(buf: Uint8Array, start: number, end: number): void;
}

/** A cipher that needs a separate MAC (encrypt-and-MAC or encrypt-then-MAC). */
export interface BlockCipherAlgorithm extends CipherInfo {
  readonly kind: 'block';
  /** Key a stream for one direction; throws KeyLengthError on a bad key or IV length. */
  createStream(key: Uint8Array, iv: Uint8Array, direction: CipherDirection): BlockStream;
}

/**
 * An authenticated cipher for one direction, working on a whole packet
 * `buf[off .. off + 4 + len)` (`len` = packet_length) with its tag at
 * `buf[off + 4 + len .. off + 4 + len + tagLength)`.
 */
export interface AeadPacketCipher {
  /** Encrypt in place (the length field as the construction requires) and write the tag after the packet. */
  seal(seq: number, buf: Uint8Array, off: number, len: number): void;
  /** The packet_length of the packet starting at `off`, from its first 4 bytes; the buffer is not changed. */
  decryptLength(seq: number, buf: Uint8Array, off: number): number;
  /** Check the tag, then decrypt in place (length field included). False, buffer untouched, on a bad tag. */
  open(seq: number, buf: Uint8Array, off: number, len: number): boolean;
}

/** An AEAD cipher (aes*-gcm@openssh.com, chacha20-poly1305@openssh.com): the negotiated MAC is ignored. */
export interface AeadCipherAlgorithm extends CipherInfo {
  readonly kind: 'aead';
  /** Tag length in bytes. */
  readonly tagLength: number;
  /** Whether the length field is encrypted (chacha20-poly1305) or sent in the clear as AAD (GCM). */
  readonly lengthEncrypted: boolean;
  /** Key the cipher for one direction; throws KeyLengthError on a bad key or IV length. */
  createAead(key: Uint8Array, iv: Uint8Array, direction: CipherDirection): AeadPacketCipher;
}

/** An encryption algorithm of the registry. */
export type CipherAlgorithm = BlockCipherAlgorithm | AeadCipherAlgorithm;
