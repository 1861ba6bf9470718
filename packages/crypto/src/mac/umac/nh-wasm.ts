import { type Code, I32, I64, name, section, uleb, vec, w } from '../../cipher/wasm-asm.js';
import { L1_CHUNK_BYTES, type L1Hasher } from './nh.js';

/*
 * UMAC's L1-HASH (NH over 1024-byte chunks, RFC 4418 §5.2) as a small
 * hand-assembled WebAssembly module: 32x32-bit products summed in i64.
 * Memory: the NH key words at KEY (as little-endian u32 values), one
 * 64-bit result per chunk and stream from OUT, the message from MSG
 * (zero-padded by the caller to a multiple of 32 bytes).
 */
const KEY = 0;
/** Each stream's POLY64 key (RFC 4418 §5.3, masked) and running value, 8 bytes per stream. */
const K64 = 1536;
const Y64 = 1600;
const OUT = 2048;
const MSG = 65536;
/** Bytes of message hashed per call: 256 chunks (the results fill OUT..OUT+8 KiB with 4 streams). */
const SLICE = 256 * L1_CHUNK_BYTES;

// Locals: params len, streams; then i32 off, clen, pend, p, kp, s, outp; i64 y.
const [LEN, STREAMS, OFF, CLEN, PEND, P, KP, S, OUTP] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
const Y = 9;
const g = w.get;
const seti = (i: number, v: Code): Code => [...v, 0x21, ...uleb(i)];

function body(): Code {
  const term = (j: number): Code =>
    w.mul(
      w.extendU(w.add32(w.load32i(g(P), 4 * j), w.load32i(g(KP), 4 * j))),
      w.extendU(w.add32(w.load32i(g(P), 16 + 4 * j), w.load32i(g(KP), 16 + 4 * j))),
    );
  const words: Code = [
    ...w.set(Y, w.add(w.add(g(Y), term(0)), w.add(term(1), w.add(term(2), term(3))))),
    ...seti(P, w.add32(g(P), w.i32(32))),
    ...seti(KP, w.add32(g(KP), w.i32(32))),
  ];
  const streams: Code = [
    ...seti(P, w.add32(w.i32(MSG), g(OFF))),
    ...seti(KP, w.add32(w.i32(KEY), w.mul32(g(S), w.i32(16)))),
    ...w.set(Y, w.i64(0n)),
    ...w.doWhile(words, w.ltU32(g(P), g(PEND))),
    // + bitlength of the chunk (RFC 4418 §5.2.1)
    ...w.set(Y, w.add(g(Y), w.extendU(w.mul32(g(CLEN), w.i32(8))))),
    ...w.store64(g(OUTP), 0, g(Y)),
    ...seti(OUTP, w.add32(g(OUTP), w.i32(8))),
    ...seti(S, w.add32(g(S), w.i32(1))),
  ];
  const chunks: Code = [
    ...seti(CLEN, w.sub32(g(LEN), g(OFF))),
    ...seti(CLEN, w.select(w.i32(L1_CHUNK_BYTES), g(CLEN), w.gtU32(g(CLEN), w.i32(L1_CHUNK_BYTES)))),
    // padded end: max(32, (clen + 31) & ~31)
    ...seti(PEND, w.and32(w.add32(g(CLEN), w.i32(31)), w.i32(-32))),
    ...seti(PEND, w.select(w.i32(32), g(PEND), [...g(PEND), 0x45])),
    ...seti(PEND, w.add32(w.add32(w.i32(MSG), g(OFF)), g(PEND))),
    ...seti(S, w.i32(0)),
    ...w.doWhile(streams, w.ltU32(g(S), g(STREAMS))),
    ...seti(OFF, w.add32(g(OFF), w.i32(L1_CHUNK_BYTES))),
  ];
  return [...seti(OFF, w.i32(0)), ...seti(OUTP, w.i32(OUT)), ...w.doWhile(chunks, w.ltU32(g(OFF), g(LEN)))];
}

// poly64(words, streams): locals i32 op, s; i64 k, y, m, a, b, t, carry.
const [PWORDS, PSTREAMS, OP, PS] = [0, 1, 2, 3];
const [PK, PY, PM, PA, PB, PT, PC] = [4, 5, 6, 7, 8, 9, 10];
const LO32 = 0xffffffffn;

/**
 * y = (k * y + m) mod p64, p64 = 2^64 - 59, with k's 32-bit halves below
 * 2^25 (the L2 key mask): the 128-bit product is folded with 2^64 = 59.
 */
function polyStep(m: Code): Code {
  const hi = (x: Code) => w.shrU(x, w.i64(32n));
  const lo = (x: Code) => w.and(x, w.i64(LO32));
  return [
    ...w.set(PA, w.mul(hi(g(PK)), hi(g(PY)))), // weight 2^64
    ...w.set(PB, w.add(w.mul(hi(g(PK)), lo(g(PY))), w.mul(lo(g(PK)), hi(g(PY))))), // weight 2^32
    // t = 59 * (a + b_hi) + k_lo * y_lo  (< 2^64)
    ...w.set(PT, w.add(w.mul(w.i64(59n), w.add(g(PA), hi(g(PB)))), w.mul(lo(g(PK)), lo(g(PY))))),
    ...w.set(PY, w.add(g(PT), w.shl(lo(g(PB)), w.i64(32n)))),
    ...w.set(PC, w.extendU(w.ltU(g(PY), g(PT)))),
    ...w.set(PT, g(PY)),
    ...w.set(PY, w.add(g(PY), m)),
    ...w.set(PC, w.add(g(PC), w.extendU(w.ltU(g(PY), g(PT))))),
    // each carry is 2^64 = 59 (mod p64); adding them can carry once more.
    ...w.set(PT, g(PY)),
    ...w.set(PY, w.add(g(PY), w.mul(g(PC), w.i64(59n)))),
    ...w.set(PY, w.add(g(PY), w.mul(w.extendU(w.ltU(g(PY), g(PT))), w.i64(59n)))),
    // y >= p64: y - p64 = y + 59 (mod 2^64)
    ...w.set(PY, w.add(g(PY), w.mul(w.extendU(w.geU(g(PY), w.i64(-59n))), w.i64(59n)))),
  ];
}

function polyBody(): Code {
  const perStream: Code = [
    ...w.set(PK, w.load64(w.mul32(g(PS), w.i32(8)), K64)),
    ...w.set(PY, w.load64(w.mul32(g(PS), w.i32(8)), Y64)),
    ...w.set(PM, w.load64(g(OP), 0)),
    // Words at or above 2^64 - 2^32 go in as the marker p - 1, then m - 59 (RFC 4418 §5.3.1).
    ...w.if(w.geU(g(PM), w.i64(-(1n << 32n))), [
      ...polyStep(w.i64(-60n)),
      ...w.set(PM, w.sub(g(PM), w.i64(59n))),
    ]),
    ...polyStep(g(PM)),
    ...w.store64(w.mul32(g(PS), w.i32(8)), Y64, g(PY)),
    ...seti(OP, w.add32(g(OP), w.i32(8))),
    ...seti(PS, w.add32(g(PS), w.i32(1))),
  ];
  const perWord: Code = [...seti(PS, w.i32(0)), ...w.doWhile(perStream, w.ltU32(g(PS), g(PSTREAMS)))];
  return [
    ...seti(OP, w.i32(OUT)),
    ...w.if(
      [...g(PWORDS), 0x45, 0x45],
      w.doWhile([...perWord, ...seti(PWORDS, w.sub32(g(PWORDS), w.i32(1)))], g(PWORDS)),
    ),
  ];
}

function moduleBytes(): Uint8Array<ArrayBuffer> {
  const polyFn = [
    ...vec([
      [...uleb(2), I32],
      [...uleb(7), I64],
    ]),
    ...polyBody(),
    0x0b,
  ];
  const fnBody = [
    ...vec([
      [...uleb(7), I32],
      [...uleb(1), I64],
    ]),
    ...body(),
    0x0b,
  ];
  return new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, vec([[0x60, ...vec([[I32], [I32]]), ...vec([])]])), // (i32, i32) -> ()
    ...section(3, vec([uleb(0), uleb(0)])),
    ...section(5, vec([[0x00, ...uleb(1 + SLICE / 65536 + 1)]])),
    ...section(
      7,
      vec([
        [...name('l1'), 0x00, ...uleb(0)],
        [...name('poly64'), 0x00, ...uleb(1)],
        [...name('mem'), 0x02, ...uleb(0)],
      ]),
    ),
    ...section(
      10,
      vec([
        [...uleb(fnBody.length), ...fnBody],
        [...uleb(polyFn.length), ...polyFn],
      ]),
    ),
  ]);
}

/** The module, compiled once; each UMAC key gets its own instance (and memory). */
let compiled: WebAssembly.Module | undefined;

/**
 * L1-HASH (and L2's POLY64 with the keys `k64`, one per stream) on the
 * WebAssembly module; null where WebAssembly is unavailable.
 */
export function createWasmL1Hasher(
  l1Key: Uint8Array,
  streams: number,
  k64: readonly bigint[],
): L1Hasher | null {
  if (typeof WebAssembly === 'undefined') return null;
  let instance: WebAssembly.Instance;
  try {
    compiled ??= new WebAssembly.Module(moduleBytes());
    instance = new WebAssembly.Instance(compiled, {});
  } catch {
    return null;
  }
  const memory = instance.exports.mem as WebAssembly.Memory;
  const l1 = instance.exports.l1 as (len: number, streams: number) => void;
  const mem = new Uint8Array(memory.buffer);
  const view = new DataView(memory.buffer);
  const keyView = new DataView(l1Key.buffer, l1Key.byteOffset, l1Key.byteLength);
  for (let i = 0; i < l1Key.length; i += 4) view.setUint32(KEY + i, keyView.getUint32(i, false), true);
  for (const [s, k] of k64.entries()) view.setBigUint64(K64 + 8 * s, k, true);
  const poly64 = instance.exports.poly64 as (words: number, streams: number) => void;
  const hi = new Float64Array(streams);
  const lo = new Float64Array(streams);
  const load = (message: Uint8Array, at: number): number => {
    const len = Math.min(SLICE, message.length - at);
    mem.set(message.subarray(at, at + len), MSG);
    mem.fill(0, MSG + len, MSG + Math.max(32, Math.ceil(len / 32) * 32));
    l1(len, streams);
    return len;
  };
  return {
    hi,
    lo,
    hashPoly64(message, out) {
      for (let s = 0; s < streams; s++) view.setBigUint64(Y64 + 8 * s, 1n, true);
      let at = 0;
      do {
        const len = load(message, at);
        poly64(Math.max(1, Math.ceil(len / L1_CHUNK_BYTES)), streams);
        at += len;
      } while (at < message.length);
      for (let s = 0; s < streams; s++) out[s] = view.getBigUint64(Y64 + 8 * s, true);
    },
    hash(message, emit) {
      let at = 0;
      do {
        const len = load(message, at);
        const chunks = Math.max(1, Math.ceil(len / L1_CHUNK_BYTES));
        for (let c = 0, o = OUT; c < chunks; c++) {
          for (let s = 0; s < streams; s++, o += 8) {
            lo[s] = view.getUint32(o, true);
            hi[s] = view.getUint32(o + 4, true);
          }
          emit();
        }
        at += len;
      } while (at < message.length);
    },
  };
}
