import { CryptoError, KeyLengthError } from '../errors.js';
import type { MacAlgorithm, PacketMac } from '../mac/types.js';
import type { DirectionKeys, PacketSealer } from './packet-types.js';
import type { AeadPacketCipher, BlockStream, CipherAlgorithm } from './types.js';

/** Minimum padding (RFC 4253 §6). */
const MIN_PADDING = 4;

/** The smallest padding >= 4 that aligns `covered + padding` to `block` (RFC 4253 §6). */
export function minimalPadding(covered: number, block: number): number {
  let pad = block - (covered % block);
  if (pad < MIN_PADDING) pad += block;
  return pad;
}

/** The MAC for `mac` keyed with `keys.macKey` (an empty key for 'none'). */
export function keyMac(mac: MacAlgorithm, keys: DirectionKeys): PacketMac {
  const key = keys.macKey ?? new Uint8Array(0);
  if (key.length !== mac.keyLength) throw new KeyLengthError(mac.name, 'mac key', mac.keyLength, key.length);
  return mac.create(key);
}

abstract class SealerBase implements PacketSealer {
  abstract readonly tagLength: number;
  abstract readonly lengthExcludedFromPadding: boolean;
  constructor(readonly blockSize: number) {}

  paddingLength(payloadLength: number): number {
    const covered = (this.lengthExcludedFromPadding ? 0 : 4) + 1 + payloadLength;
    return minimalPadding(covered, this.blockSize);
  }

  protected check(buf: Uint8Array, off: number, packetLength: number): void {
    const covered = this.lengthExcludedFromPadding ? packetLength : packetLength + 4;
    if (covered % this.blockSize !== 0) {
      throw new CryptoError(
        `packet of length ${packetLength} is not aligned to ${this.blockSize}-byte blocks`,
      );
    }
    if (off < 0 || off + 4 + packetLength + this.tagLength > buf.length) {
      throw new CryptoError('packet buffer has no room for the packet and its tag');
    }
  }

  abstract seal(seq: number, buf: Uint8Array, off: number, packetLength: number): void;
}

/** AEAD: the cipher does everything (GCM: length as AAD; chacha: its own length key). */
class AeadSealer extends SealerBase {
  readonly lengthExcludedFromPadding = true;
  constructor(
    blockSize: number,
    readonly tagLength: number,
    private readonly aead: AeadPacketCipher,
  ) {
    super(blockSize);
  }
  seal(seq: number, buf: Uint8Array, off: number, packetLength: number): void {
    this.check(buf, off, packetLength);
    this.aead.seal(seq, buf, off, packetLength);
  }
}

/** Encrypt-and-MAC (RFC 4253 §6.4): MAC over seq || plaintext, then encrypt everything. */
class EncryptAndMacSealer extends SealerBase {
  readonly lengthExcludedFromPadding = false;
  readonly tagLength: number;
  constructor(
    blockSize: number,
    private readonly stream: BlockStream,
    private readonly mac: PacketMac,
  ) {
    super(blockSize);
    this.tagLength = mac.tagLength;
  }
  seal(seq: number, buf: Uint8Array, off: number, packetLength: number): void {
    this.check(buf, off, packetLength);
    const end = off + 4 + packetLength;
    this.mac.sign(seq, buf.subarray(off, end), buf, end);
    this.stream.process(buf, off, end);
  }
}

/** Encrypt-then-MAC (OpenSSH PROTOCOL §1.5): length in clear, MAC over seq || length || ciphertext. */
class EncryptThenMacSealer extends SealerBase {
  readonly lengthExcludedFromPadding = true;
  readonly tagLength: number;
  constructor(
    blockSize: number,
    private readonly stream: BlockStream,
    private readonly mac: PacketMac,
  ) {
    super(blockSize);
    this.tagLength = mac.tagLength;
  }
  seal(seq: number, buf: Uint8Array, off: number, packetLength: number): void {
    this.check(buf, off, packetLength);
    const end = off + 4 + packetLength;
    this.stream.process(buf, off + 4, end);
    this.mac.sign(seq, buf.subarray(off, end), buf, end);
  }
}

/**
 * The writer side for `cipher` + `mac` with one direction's keys. With an
 * AEAD cipher the MAC is ignored (pass the 'none' MAC or null).
 */
export function createPacketSealer(
  cipher: CipherAlgorithm,
  mac: MacAlgorithm | null,
  keys: DirectionKeys,
): PacketSealer {
  const block = Math.max(8, cipher.blockSize);
  if (cipher.kind === 'aead') {
    return new AeadSealer(block, cipher.tagLength, cipher.createAead(keys.key, keys.iv, 'encrypt'));
  }
  const stream = cipher.createStream(keys.key, keys.iv, 'encrypt');
  if (mac === null)
    throw new CryptoError(`cipher ${cipher.name} needs a MAC (the 'none' MAC if no integrity)`);
  const keyed = keyMac(mac, keys);
  return mac.etm
    ? new EncryptThenMacSealer(block, stream, keyed)
    : new EncryptAndMacSealer(block, stream, keyed);
}
