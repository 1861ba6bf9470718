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

function moduleBytes(): Uint8Array<ArrayBuffer> {
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
    ...section(1, vec([[0x60, ...vec([[I32], [I32]]), ...vec([])]])), // (len, streams) -> ()
    ...section(3, vec([uleb(0)])),
    ...section(5, vec([[0x00, ...uleb(1 + SLICE / 65536 + 1)]])),
    ...section(
      7,
      vec([
        [...name('l1'), 0x00, ...uleb(0)],
        [...name('mem'), 0x02, ...uleb(0)],
      ]),
    ),
    ...section(10, vec([[...uleb(fnBody.length), ...fnBody]])),
  ]);
}

/** L1-HASH on the WebAssembly module; null where WebAssembly is unavailable. */
export function createWasmL1Hasher(l1Key: Uint8Array, streams: number): L1Hasher | null {
  if (typeof WebAssembly === 'undefined') return null;
  let instance: WebAssembly.Instance;
  try {
    instance = new WebAssembly.Instance(new WebAssembly.Module(moduleBytes()), {});
  } catch {
    return null;
  }
  const memory = instance.exports.mem as WebAssembly.Memory;
  const l1 = instance.exports.l1 as (len: number, streams: number) => void;
  const mem = new Uint8Array(memory.buffer);
  const view = new DataView(memory.buffer);
  const keyView = new DataView(l1Key.buffer, l1Key.byteOffset, l1Key.byteLength);
  for (let i = 0; i < l1Key.length; i += 4) view.setUint32(KEY + i, keyView.getUint32(i, false), true);
  const hi = new Float64Array(streams);
  const lo = new Float64Array(streams);
  return {
    hi,
    lo,
    hash(message, emit) {
      let at = 0;
      do {
        const len = Math.min(SLICE, message.length - at);
        mem.set(message.subarray(at, at + len), MSG);
        mem.fill(0, MSG + len, MSG + Math.max(32, Math.ceil(len / 32) * 32));
        l1(len, streams);
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
