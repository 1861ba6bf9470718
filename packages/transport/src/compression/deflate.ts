// DEFLATE encoding (RFC 1951) for the sending side of SSH compression: LZ77
// over a 32 KiB window that spans packets, fixed Huffman codes (§3.2.6), and a
// sync flush (an empty stored block) at the end of every packet so the peer
// can inflate it at once.

const WINDOW = 32768;
const MAX_MATCH = 258;
const HASH_BITS = 15;
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

/** Reverse the low `n` bits of `v` (Huffman codes go out most significant bit first). */
function reverse(v: number, n: number): number {
  let r = 0;
  for (let i = 0; i < n; i++) {
    r = (r << 1) | (v & 1);
    v >>>= 1;
  }
  return r;
}

// The fixed literal/length code of RFC 1951 §3.2.6, pre-reversed for LSB-first output.
const LIT_CODE = new Uint16Array(288);
const LIT_LEN = new Uint8Array(288);
for (let s = 0; s < 288; s++) {
  const [base, start, len] =
    s < 144 ? [0x30, 0, 8] : s < 256 ? [0x190, 144, 9] : s < 280 ? [0, 256, 7] : [0xc0, 280, 8];
  LIT_CODE[s] = reverse(base + (s - start), len);
  LIT_LEN[s] = len;
}

function lengthSymbol(len: number): number {
  let i = LEN_BASE.length - 1;
  while ((LEN_BASE[i] as number) > len) i--;
  return i;
}

function distSymbol(dist: number): number {
  let i = DIST_BASE.length - 1;
  while ((DIST_BASE[i] as number) > dist) i--;
  return i;
}

/** A zlib (RFC 1950) stream encoder producing one flushed chunk per packet. */
export class Deflater {
  private out = new Uint8Array(1024);
  private outLen = 0;
  private bitBuf = 0;
  private bitCnt = 0;
  private started = false;
  private history = new Uint8Array(0);
  private readonly head = new Int32Array(1 << HASH_BITS);

  private write(value: number, n: number): void {
    this.bitBuf |= value << this.bitCnt;
    this.bitCnt += n;
    while (this.bitCnt >= 8) {
      if (this.outLen === this.out.length) {
        const next = new Uint8Array(this.out.length * 2);
        next.set(this.out);
        this.out = next;
      }
      this.out[this.outLen++] = this.bitBuf & 0xff;
      this.bitBuf >>>= 8;
      this.bitCnt -= 8;
    }
  }

  private symbol(s: number): void {
    this.write(LIT_CODE[s] as number, LIT_LEN[s] as number);
  }

  /** Compress one payload and end it with a sync flush. */
  deflate(data: Uint8Array): Uint8Array {
    this.out = new Uint8Array(Math.max(1024, data.length + (data.length >> 3) + 64));
    this.outLen = 0;
    if (!this.started) {
      this.write(0x78, 8);
      this.write(0x9c, 8);
      this.started = true;
    }
    // Work over history + data so matches reach into earlier packets; positions index `buf`.
    const h = this.history.length;
    const buf = new Uint8Array(h + data.length);
    buf.set(this.history);
    buf.set(data, h);
    this.head.fill(-1);
    for (let i = Math.max(0, h - WINDOW); i + 2 < h; i++) this.head[this.hash(buf, i)] = i;
    this.write(0b010, 3); // BFINAL = 0, BTYPE = 01 (fixed codes)
    let i = h;
    while (i < buf.length) {
      let matchLen = 0;
      let matchDist = 0;
      if (i + 2 < buf.length) {
        const key = this.hash(buf, i);
        const cand = this.head[key] as number;
        this.head[key] = i;
        if (cand >= 0 && i - cand <= WINDOW) {
          const limit = Math.min(MAX_MATCH, buf.length - i);
          let n = 0;
          while (n < limit && buf[cand + n] === buf[i + n]) n++;
          if (n >= 3) {
            matchLen = n;
            matchDist = i - cand;
          }
        }
      }
      if (matchLen > 0) {
        const ls = lengthSymbol(matchLen);
        this.symbol(257 + ls);
        this.write(matchLen - (LEN_BASE[ls] as number), LEN_EXTRA[ls] as number);
        const ds = distSymbol(matchDist);
        this.write(reverse(ds, 5), 5);
        this.write(matchDist - (DIST_BASE[ds] as number), DIST_EXTRA[ds] as number);
        for (let k = 1; k < matchLen && i + k + 2 < buf.length; k++) this.head[this.hash(buf, i + k)] = i + k;
        i += matchLen;
      } else {
        this.symbol(buf[i] as number);
        i++;
      }
    }
    this.symbol(256); // end of block
    // Sync flush: an empty stored block, byte aligned (RFC 1951 §3.2.4).
    this.write(0, 3);
    if (this.bitCnt > 0) this.write(0, 8 - this.bitCnt);
    this.write(0, 8);
    this.write(0, 8);
    this.write(0xff, 8);
    this.write(0xff, 8);
    this.history = buf.slice(Math.max(0, buf.length - WINDOW));
    return this.out.slice(0, this.outLen);
  }

  private hash(buf: Uint8Array, i: number): number {
    const v = ((buf[i] as number) << 16) | ((buf[i + 1] as number) << 8) | (buf[i + 2] as number);
    return (Math.imul(v, 0x9e3779b1) >>> (32 - HASH_BITS)) & ((1 << HASH_BITS) - 1);
  }
}
