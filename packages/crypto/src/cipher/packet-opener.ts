import { MACError, ProtocolError } from '@ssh/wire';
import { CryptoError } from '../errors.js';
import type { MacAlgorithm, PacketMac } from '../mac/types.js';
import { readUint32BE } from './length.js';
import { keyMac } from './packet-sealer.js';
import type { DirectionKeys, PacketOpener } from './packet-types.js';
import type { AeadPacketCipher, BlockStream, CipherAlgorithm } from './types.js';

function checkRoom(buf: Uint8Array, off: number, packetLength: number, tagLength: number): void {
  if (off < 0 || off + 4 + packetLength + tagLength > buf.length) {
    throw new CryptoError('packet buffer is shorter than the packet and its tag');
  }
}

function misaligned(packetLength: number, block: number): ProtocolError {
  return new ProtocolError(
    `packet length ${packetLength} is not a multiple of the ${block}-byte cipher block`,
  );
}

/** AEAD: the length comes from the cipher; the tag is checked before anything is decrypted. */
class AeadOpener implements PacketOpener {
  readonly firstBlockLength = 4;
  constructor(
    readonly blockSize: number,
    readonly tagLength: number,
    private readonly aead: AeadPacketCipher,
  ) {}
  decryptLength(seq: number, buf: Uint8Array, off: number): number {
    return this.aead.decryptLength(seq, buf, off);
  }
  open(seq: number, buf: Uint8Array, off: number, packetLength: number): void {
    checkRoom(buf, off, packetLength, this.tagLength);
    if (!this.aead.open(seq, buf, off, packetLength)) throw new MACError('message authentication failed');
    if (packetLength % this.blockSize !== 0) throw misaligned(packetLength, this.blockSize);
  }
}

/** Encrypt-and-MAC: the first block is decrypted once in decryptLength, the rest in open. */
class EncryptAndMacOpener implements PacketOpener {
  readonly tagLength: number;
  readonly firstBlockLength: number;
  /** Whether decryptLength has decrypted the current packet's first block (which may since have moved). */
  private firstBlockDone = false;
  constructor(
    readonly blockSize: number,
    cipherBlock: number,
    private readonly stream: BlockStream,
    private readonly mac: PacketMac,
  ) {
    this.tagLength = mac.tagLength;
    this.firstBlockLength = cipherBlock;
  }
  decryptLength(_seq: number, buf: Uint8Array, off: number): number {
    if (off < 0 || off + this.firstBlockLength > buf.length)
      throw new CryptoError('first block is not in the buffer');
    this.stream.process(buf, off, off + this.firstBlockLength);
    this.firstBlockDone = true;
    return readUint32BE(buf, off);
  }
  open(seq: number, buf: Uint8Array, off: number, packetLength: number): void {
    if (!this.firstBlockDone) throw new CryptoError('open() without decryptLength() for this packet');
    this.firstBlockDone = false;
    checkRoom(buf, off, packetLength, this.tagLength);
    const end = off + 4 + packetLength;
    if ((packetLength + 4) % this.blockSize !== 0 || end < off + this.firstBlockLength) {
      throw misaligned(packetLength, this.blockSize);
    }
    this.stream.process(buf, off + this.firstBlockLength, end);
    if (!this.mac.verify(seq, buf.subarray(off, end), buf.subarray(end, end + this.tagLength))) {
      throw new MACError('message authentication failed');
    }
  }
}

/** Encrypt-then-MAC: the length is in the clear; the MAC is checked before decrypting. */
class EncryptThenMacOpener implements PacketOpener {
  readonly tagLength: number;
  readonly firstBlockLength = 4;
  constructor(
    readonly blockSize: number,
    private readonly stream: BlockStream,
    private readonly mac: PacketMac,
  ) {
    this.tagLength = mac.tagLength;
  }
  decryptLength(_seq: number, buf: Uint8Array, off: number): number {
    return readUint32BE(buf, off);
  }
  open(seq: number, buf: Uint8Array, off: number, packetLength: number): void {
    checkRoom(buf, off, packetLength, this.tagLength);
    const end = off + 4 + packetLength;
    if (!this.mac.verify(seq, buf.subarray(off, end), buf.subarray(end, end + this.tagLength))) {
      throw new MACError('message authentication failed');
    }
    if (packetLength % this.blockSize !== 0) throw misaligned(packetLength, this.blockSize);
    this.stream.process(buf, off + 4, end);
  }
}

/**
 * The reader side for `cipher` + `mac` with one direction's keys. With an
 * AEAD cipher the MAC is ignored (pass the 'none' MAC or null).
 */
export function createPacketOpener(
  cipher: CipherAlgorithm,
  mac: MacAlgorithm | null,
  keys: DirectionKeys,
): PacketOpener {
  const block = Math.max(8, cipher.blockSize);
  if (cipher.kind === 'aead') {
    return new AeadOpener(block, cipher.tagLength, cipher.createAead(keys.key, keys.iv, 'decrypt'));
  }
  const stream = cipher.createStream(keys.key, keys.iv, 'decrypt');
  if (mac === null)
    throw new CryptoError(`cipher ${cipher.name} needs a MAC (the 'none' MAC if no integrity)`);
  const keyed = keyMac(mac, keys);
  return mac.etm
    ? new EncryptThenMacOpener(block, stream, keyed)
    : new EncryptAndMacOpener(block, cipher.blockSize, stream, keyed);
}
