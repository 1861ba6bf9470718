import { constantTimeEqual } from '../compare.js';
import { checkMacKey } from '../hmac.js';
import { writeSeq64 } from '../seq.js';
import type { MacAlgorithm, PacketMac } from '../types.js';
import { UMAC_KEY_LENGTH, Umac } from './umac.js';

/**
 * UMAC as OpenSSH uses it (umac-64@openssh.com, umac-128@openssh.com and
 * their -etm variants): the nonce is the packet sequence number as a
 * big-endian uint64, and the MAC covers the packet alone (the sequence
 * number is not prepended, unlike HMAC).
 */
class UmacPacketMac implements PacketMac {
  readonly tagLength: number;
  private readonly umac: Umac;
  private readonly nonce = new Uint8Array(8);
  private readonly scratch: Uint8Array;

  constructor(key: Uint8Array, tagLength: 8 | 16) {
    this.umac = new Umac(key, tagLength);
    this.tagLength = tagLength;
    this.scratch = new Uint8Array(tagLength);
  }

  sign(seq: number, data: Uint8Array, out: Uint8Array, outOffset: number): void {
    writeSeq64(this.nonce, 0, seq);
    this.umac.tagInto(data, this.nonce, out, outOffset);
  }

  verify(seq: number, data: Uint8Array, tag: Uint8Array): boolean {
    if (tag.length !== this.tagLength) return false;
    this.sign(seq, data, this.scratch, 0);
    return constantTimeEqual(tag, this.scratch);
  }
}

/** The UMAC algorithm `name` with an 8- or 16-byte tag (the same code on every path). */
export function umacAlgorithm(name: string, tagLength: 8 | 16, etm: boolean): MacAlgorithm {
  return {
    name,
    keyLength: UMAC_KEY_LENGTH,
    tagLength,
    etm,
    create(key) {
      checkMacKey(name, UMAC_KEY_LENGTH, key);
      return new UmacPacketMac(key, tagLength);
    },
  };
}
