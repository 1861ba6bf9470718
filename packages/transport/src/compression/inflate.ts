import { CompressionError } from '@ssh/wire';

// DEFLATE decoding (RFC 1951) for the zlib streams of SSH compression: the
// stream runs for the life of the connection and each packet ends at a flush
// point. With Z_PARTIAL_FLUSH (OpenSSH) the last bits of the empty block that
// ends a packet may only arrive with the next packet, so a block that runs out
// of input is undone and retried when more arrives; the last 32 KiB of output
// is kept for back-references.

const WINDOW = 32768;
const LEN_BASE = [
  3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195,
  227, 258,
]; // RFC 1951 §3.2.5
const LEN_EXTRA = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
const DIST_BASE = [
  1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097,
  6145, 8193, 12289, 16385, 24577,
];
const DIST_EXTRA = [
  0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13,
];
const CL_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]; // RFC 1951 §3.2.7

/** A canonical Huffman code as counts per length and symbols in code order. */
interface Huffman {
  counts: Uint16Array;
  symbols: Uint16Array;
}

function huffman(lengths: ArrayLike<number>): Huffman {
  const counts = new Uint16Array(16);
  for (let i = 0; i < lengths.length; i++) {
    const l = lengths[i] as number;
    counts[l] = (counts[l] as number) + 1;
  }
  counts[0] = 0;
  const offs = new Uint16Array(16);
  for (let i = 1; i < 16; i++) offs[i] = (offs[i - 1] as number) + (counts[i - 1] as number);
  const symbols = new Uint16Array(lengths.length);
  for (let i = 0; i < lengths.length; i++) {
    const l = lengths[i] as number;
    if (l) {
      const at = offs[l] as number;
      symbols[at] = i;
      offs[l] = at + 1;
    }
  }
  return { counts, symbols };
}

const FIXED_LIT = huffman(
  Array.from({ length: 288 }, (_, i) => (i < 144 ? 8 : i < 256 ? 9 : i < 280 ? 7 : 8)),
);
const FIXED_DIST = huffman(new Array(30).fill(5));

class OutOfInput extends Error {}

/** A zlib (RFC 1950) stream decoder fed one flushed packet at a time. */
export class Inflater {
  private input: Uint8Array = new Uint8Array(0);
  private pos = 0;
  private bitBuf = 0;
  private bitCnt = 0;
  private headerDone = false;
  private history: Uint8Array = new Uint8Array(0);
  private out: Uint8Array = new Uint8Array(0);
  private outLen = 0;
  private finished = false;
  /** Bytes of a block that began in an earlier packet and could not be finished yet. */
  private pending: Uint8Array = new Uint8Array(0);

  private bits(n: number): number {
    while (this.bitCnt < n) {
      if (this.pos >= this.input.length) throw new OutOfInput();
      this.bitBuf |= (this.input[this.pos++] as number) << this.bitCnt;
      this.bitCnt += 8;
    }
    const v = this.bitBuf & ((1 << n) - 1);
    this.bitBuf >>>= n;
    this.bitCnt -= n;
    return v;
  }

  private decode(h: Huffman): number {
    let code = 0;
    let first = 0;
    let index = 0;
    for (let len = 1; len < 16; len++) {
      code |= this.bits(1);
      const count = h.counts[len] as number;
      if (code - count < first) return h.symbols[index + (code - first)] as number;
      index += count;
      first += count;
      first <<= 1;
      code <<= 1;
    }
    throw new CompressionError('bad Huffman code in compressed data');
  }

  private put(byte: number): void {
    if (this.outLen === this.out.length) {
      const next = new Uint8Array(Math.max(this.out.length * 2, 4096));
      next.set(this.out);
      this.out = next;
    }
    this.out[this.outLen++] = byte;
  }

  private copy(dist: number, len: number): void {
    if (dist > this.outLen || dist > WINDOW) {
      throw new CompressionError('compressed data refers back before the start of the stream');
    }
    for (let i = 0; i < len; i++) this.put(this.out[this.outLen - dist] as number);
  }

  /** Decode one packet's compressed bytes; throws CompressionError on bad data. */
  inflate(data: Uint8Array, maxLength: number): Uint8Array {
    if (this.finished) throw new CompressionError('compressed data after the end of the stream');
    if (this.pending.length > 0) {
      const joined = new Uint8Array(this.pending.length + data.length);
      joined.set(this.pending);
      joined.set(data, this.pending.length);
      data = joined;
    }
    this.input = data;
    this.pos = 0;
    // Start the output with the history so back-references reach into earlier packets.
    this.out = new Uint8Array(this.history.length + Math.max(data.length * 4, 1024));
    this.out.set(this.history);
    this.outLen = this.history.length;
    if (!this.headerDone) {
      if (data.length < 2) throw new CompressionError('bad zlib header');
      const cmf = this.bits(8);
      const flg = this.bits(8);
      if ((cmf & 0x0f) !== 8 || ((cmf << 8) | flg) % 31 !== 0 || flg & 0x20)
        throw new CompressionError('bad zlib header');
      this.headerDone = true;
    }
    for (;;) {
      const save = { pos: this.pos, bitBuf: this.bitBuf, bitCnt: this.bitCnt, outLen: this.outLen };
      if (save.pos >= data.length && save.bitCnt < 3) {
        this.pending = new Uint8Array(0);
        break;
      }
      try {
        if (!this.block()) break;
      } catch (err) {
        if (!(err instanceof OutOfInput)) throw err;
        // Undo the unfinished block; it is decoded again when the next packet brings the rest.
        this.pos = save.pos;
        this.bitBuf = save.bitBuf;
        this.bitCnt = save.bitCnt;
        this.outLen = save.outLen;
        this.pending = data.slice(save.pos);
        if (this.pending.length > 65536)
          throw new CompressionError('compressed data never completes a block');
        break;
      }
      if (this.outLen - this.history.length > maxLength) {
        throw new CompressionError(`a compressed packet inflated past ${maxLength} bytes`);
      }
    }
    const start = this.history.length;
    const result = this.out.slice(start, this.outLen);
    this.history = this.out.slice(Math.max(0, this.outLen - WINDOW), this.outLen);
    return result;
  }

  /** Decode one block; false when the final block has ended. */
  private block(): boolean {
    const final = this.bits(1);
    const type = this.bits(2);
    if (type === 0) this.stored();
    else if (type === 1) this.codes(FIXED_LIT, FIXED_DIST);
    else if (type === 2) this.dynamic();
    else throw new CompressionError('bad block type 3 in compressed data');
    if (final) {
      this.finished = true;
      return false;
    }
    return true;
  }

  private stored(): void {
    this.bitBuf = 0;
    this.bitCnt = 0;
    if (this.pos + 4 > this.input.length) throw new OutOfInput();
    const len = (this.input[this.pos] as number) | ((this.input[this.pos + 1] as number) << 8);
    const nlen = (this.input[this.pos + 2] as number) | ((this.input[this.pos + 3] as number) << 8);
    if (len !== (~nlen & 0xffff)) throw new CompressionError('bad stored block length in compressed data');
    this.pos += 4;
    if (this.pos + len > this.input.length) throw new OutOfInput();
    for (let i = 0; i < len; i++) this.put(this.input[this.pos + i] as number);
    this.pos += len;
  }

  private dynamic(): void {
    const nlen = this.bits(5) + 257;
    const ndist = this.bits(5) + 1;
    const ncode = this.bits(4) + 4;
    if (nlen > 286 || ndist > 30) throw new CompressionError('bad code counts in compressed data');
    const clLens = new Uint8Array(19);
    for (let i = 0; i < ncode; i++) clLens[CL_ORDER[i] as number] = this.bits(3);
    const cl = huffman(clLens);
    const lens = new Uint8Array(nlen + ndist);
    for (let i = 0; i < nlen + ndist; ) {
      const sym = this.decode(cl);
      if (sym < 16) lens[i++] = sym;
      else {
        let rep: number;
        let val = 0;
        if (sym === 16) {
          if (i === 0) throw new CompressionError('repeat with no previous length in compressed data');
          val = lens[i - 1] as number;
          rep = 3 + this.bits(2);
        } else rep = sym === 17 ? 3 + this.bits(3) : 11 + this.bits(7);
        if (i + rep > nlen + ndist) throw new CompressionError('too many code lengths in compressed data');
        lens.fill(val, i, i + rep);
        i += rep;
      }
    }
    this.codes(huffman(lens.subarray(0, nlen)), huffman(lens.subarray(nlen)));
  }

  private codes(lit: Huffman, dist: Huffman): void {
    for (;;) {
      const sym = this.decode(lit);
      if (sym < 256) this.put(sym);
      else if (sym === 256) return;
      else {
        const li = sym - 257;
        if (li >= 29) throw new CompressionError('bad length code in compressed data');
        const len = (LEN_BASE[li] as number) + this.bits(LEN_EXTRA[li] as number);
        const di = this.decode(dist);
        if (di >= 30) throw new CompressionError('bad distance code in compressed data');
        const d = (DIST_BASE[di] as number) + this.bits(DIST_EXTRA[di] as number);
        if (d > this.outLen)
          throw new CompressionError('compressed data refers back before the start of the stream');
        this.copy(d, len);
      }
    }
  }
}
