import { createHmac, createSecretKey, type KeyObject } from 'node:crypto';
import { constantTimeEqual } from './compare.js';
import { checkMacKey } from './hmac.js';
import type { HmacSpec } from './hmac-specs.js';
import { writeSeq32 } from './seq.js';
import type { MacAlgorithm, PacketMac } from './types.js';

/** node:crypto HMAC over `uint32 seq || data`, truncated to the tag length. */
class NodeHmac implements PacketMac {
  readonly tagLength: number;
  private readonly hash: string;
  private readonly key: KeyObject;
  private readonly seqBuf = Buffer.alloc(4);

  constructor(spec: HmacSpec, key: Uint8Array) {
    this.tagLength = spec.tagLength;
    this.hash = spec.hash;
    this.key = createSecretKey(key);
  }

  private compute(seq: number, data: Uint8Array): Buffer {
    writeSeq32(this.seqBuf, 0, seq);
    return createHmac(this.hash, this.key).update(this.seqBuf).update(data).digest();
  }

  sign(seq: number, data: Uint8Array, out: Uint8Array, outOffset: number): void {
    const full = this.compute(seq, data);
    out.set(full.subarray(0, this.tagLength), outOffset);
  }

  verify(seq: number, data: Uint8Array, tag: Uint8Array): boolean {
    if (tag.length !== this.tagLength) return false;
    return constantTimeEqual(tag, this.compute(seq, data));
  }
}

/** The node:crypto MAC algorithm described by `spec`. */
export function nodeHmacAlgorithm(name: string, spec: HmacSpec): MacAlgorithm {
  return {
    name,
    keyLength: spec.keyLength,
    tagLength: spec.tagLength,
    etm: spec.etm,
    create(key) {
      checkMacKey(name, spec.keyLength, key);
      return new NodeHmac(spec, key);
    },
  };
}
