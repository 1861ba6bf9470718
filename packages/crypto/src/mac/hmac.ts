import { hmac } from '@noble/hashes/hmac.js';
import { md5, sha1 } from '@noble/hashes/legacy.js';
import { sha224, sha256, sha384, sha512 } from '@noble/hashes/sha2.js';
import type { CHash } from '@noble/hashes/utils.js';
import { KeyLengthError } from '../errors.js';
import type { HashName } from '../hash/types.js';
import { constantTimeEqual } from './compare.js';
import type { HmacSpec } from './hmac-specs.js';
import { writeSeq32 } from './seq.js';
import type { MacAlgorithm, PacketMac } from './types.js';

const HASHES: Readonly<Record<HashName, CHash>> = { md5, sha1, sha224, sha256, sha384, sha512 };

/** The part of noble's keyed HMAC state this file uses. */
interface HmacState {
  readonly outputLen: number;
  update(data: Uint8Array): HmacState;
  digestInto(out: Uint8Array): void;
  _cloneInto(to?: HmacState): HmacState;
  clone(): HmacState;
}

/** Throw KeyLengthError unless `key` has `spec.keyLength` bytes. */
export function checkMacKey(name: string, keyLength: number, key: Uint8Array): void {
  if (key.length !== keyLength) throw new KeyLengthError(name, 'mac key', keyLength, key.length);
}

/** Portable (@noble/hashes) HMAC over `uint32 seq || data`, truncated to the tag length. */
class NobleHmac implements PacketMac {
  readonly tagLength: number;
  private readonly template: HmacState;
  private readonly work: HmacState;
  private readonly seqBuf = new Uint8Array(4);
  private readonly full: Uint8Array;

  constructor(spec: HmacSpec, key: Uint8Array) {
    this.tagLength = spec.tagLength;
    this.template = hmac.create(HASHES[spec.hash], key);
    this.work = this.template.clone();
    this.full = new Uint8Array(this.template.outputLen);
  }

  private compute(seq: number, data: Uint8Array): Uint8Array {
    writeSeq32(this.seqBuf, 0, seq);
    const h = this.template._cloneInto(this.work);
    h.update(this.seqBuf).update(data).digestInto(this.full);
    return this.full;
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

/** The portable MAC algorithm described by `spec`. */
export function nobleHmacAlgorithm(name: string, spec: HmacSpec): MacAlgorithm {
  return {
    name,
    keyLength: spec.keyLength,
    tagLength: spec.tagLength,
    etm: spec.etm,
    create(key) {
      checkMacKey(name, spec.keyLength, key);
      return new NobleHmac(spec, key);
    },
  };
}
