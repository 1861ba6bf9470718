import type { Poly1305Function } from './poly1305.js';
import { type Code, I32, I64, name, section, uleb, V128, v, vec, w } from './wasm-asm.js';

/*
 * Poly1305 (RFC 8439 §2.5) as a small hand-assembled WebAssembly module:
 * the 130-bit accumulator in five 26-bit limbs, products in i64, reduction
 * by 2^130 = 5 (mod 2^130 - 5). Full blocks go four at a time through
 * 128-bit SIMD lanes (four accumulators, each h = (h + m) * r^4; the last
 * step multiplies by r^4, r^3, r^2, r so that the lanes add up to the
 * Poly1305 sum), the rest one at a time in i64. Memory layout: key at 0
 * (r, then s at 16), tag written at 32, message from 64, zero-padded by the
 * caller after a final 0x01 byte when its length is not a multiple of 16.
 */
const KEY = 0;
const TAG = 32;
/** Where the message starts in the module's memory. */
const MSG = 64;
const MASK26 = 0x3ffffffn;

// Local variable indexes, by type in declaration order; parameter 0 is the message length (i32).
const LEN = 0;
let nextLocal = 1;
const one = (): number => nextLocal++;
const many = (n: number): number[] => Array.from({ length: n }, one);
const P = one(); // i32: address of the current block
const END = one(); // i32: address after the last block
const FULL_END = one(); // i32: address after the last full block
const I32_LOCALS = nextLocal - 1;
const FIRST_I64 = nextLocal;
const HIBIT = one();
const C = one();
const MASK = one();
const R = many(5);
const S = many(4); // s1..s4 = r1..r4 * 5
const H = many(5);
const D = many(5);
const G = many(5);
const R2 = many(5); // r^2, r^3, r^4 (partly reduced), for the four-lane steps
const R3 = many(5);
const R4 = many(5);
const I64_LOCALS = nextLocal - FIRST_I64;
const FIRST_V128 = nextLocal;
const VH = many(5); // four accumulators, one per i32 lane, limb by limb
const VR = many(5); // the multiplier in every lane: r^4
const VS = many(4); // 5 * VR[1..4]
const VRL = many(5); // the last step's multipliers per lane: r^4, r^3, r^2, r
const VSL = many(4); // 5 * VRL[1..4]
const DL = many(5); // products of lanes 0 and 1 (i64x2), limb by limb
const DH = many(5); // products of lanes 2 and 3
const X = many(4); // four message blocks as loaded
const T = many(4); // half transposed
const WD = many(4); // transposed: word i of the four blocks
const CL = one();
const CH = one();
const VMASK64 = one();
const VMASK32 = one();
const VHIBIT = one();
const V128_LOCALS = nextLocal - FIRST_V128;

const g = w.get;
const k = (v: bigint) => w.i64(v);
const at = (i: number) => w.get(i);
/** Local `i` of the list `list`. */
const l = (list: readonly number[], i: number): number => list[i] as number;

/** d_i = sum of h_j * (r or s) per the schoolbook product mod 2^130 - 5. */
function products(): Code {
  const rs = (n: number): Code => (n >= 0 ? g(l(R, n)) : g(l(S, 4 + n)));
  const out: number[] = [];
  for (let i = 0; i < 5; i++) {
    let sum: Code = w.mul(g(l(H, 0)), rs(i));
    for (let j = 1; j < 5; j++) sum = w.add(sum, w.mul(g(l(H, j)), rs(i - j)));
    out.push(...w.set(l(D, i), sum));
  }
  return out;
}

/** Carry d0..d4 into h0..h4, folding the top carry back times 5. */
function carry(): Code {
  const out: number[] = [];
  for (let i = 0; i < 5; i++) {
    const d = i === 0 ? g(l(D, 0)) : w.add(g(l(D, i)), g(C));
    out.push(...w.set(l(D, i), d));
    out.push(...w.set(C, w.shrU(g(l(D, i)), k(26n))));
    out.push(...w.set(l(H, i), w.and(g(l(D, i)), k(MASK26))));
  }
  out.push(...w.set(l(H, 0), w.add(g(l(H, 0)), w.mul(g(C), k(5n)))));
  out.push(...w.set(C, w.shrU(g(l(H, 0)), k(26n))));
  out.push(...w.set(l(H, 0), w.and(g(l(H, 0)), k(MASK26))));
  out.push(...w.set(l(H, 1), w.add(g(l(H, 1)), g(C))));
  return out;
}

/** h = h * r (scalar), then `to` = h. */
function timesR(to: readonly number[]): Code {
  const out: number[] = [...products(), ...carry()];
  for (let i = 0; i < 5; i++) out.push(...w.set(l(to, i), g(l(H, i))));
  return out;
}

/** a + b + c + d + e as a balanced tree (shorter dependency chains). */
function sum5(terms: readonly Code[], add: (a: Code, b: Code) => Code): Code {
  const [a, b, c, d, e] = terms as [Code, Code, Code, Code, Code];
  return add(add(add(a, b), add(c, d)), e);
}

/** i8x16.shuffle byte indexes. */
const bytes = (from: number, n: number): number[] => Array.from({ length: n }, (_, i) => from + i);
const LO32 = [...bytes(0, 4), ...bytes(16, 4), ...bytes(4, 4), ...bytes(20, 4)];
const HI32 = [...bytes(8, 4), ...bytes(24, 4), ...bytes(12, 4), ...bytes(28, 4)];
const LO64 = [...bytes(0, 8), ...bytes(16, 8)];
const HI64 = [...bytes(8, 8), ...bytes(24, 8)];
/** The low 32 bits of the two i64 lanes of each operand, as four i32 lanes. */
const NARROW = [...bytes(0, 4), ...bytes(8, 4), ...bytes(16, 4), ...bytes(24, 4)];

/**
 * One step over the four blocks at p: lane i of every accumulator limb
 * takes block i, then h = (h + m) * multiplier per lane (`vr`, `vs`:
 * the multiplier's limbs and 5 times limbs 1..4), with a lazy carry that
 * leaves every limb below 2^27.
 */
function quadStep(vr: readonly number[], vs: readonly number[]): Code {
  const out: number[] = [];
  for (let b = 0; b < 4; b++) out.push(...w.set(l(X, b), v.load(at(P), 16 * b)));
  // Transpose the 4 x 4 words: WD[i] = word i of blocks 0..3.
  const x = (i: number) => g(l(X, i));
  const t = (i: number) => g(l(T, i));
  out.push(...w.set(l(T, 0), v.shuffle(x(0), x(1), LO32)));
  out.push(...w.set(l(T, 1), v.shuffle(x(2), x(3), LO32)));
  out.push(...w.set(l(T, 2), v.shuffle(x(0), x(1), HI32)));
  out.push(...w.set(l(T, 3), v.shuffle(x(2), x(3), HI32)));
  out.push(...w.set(l(WD, 0), v.shuffle(t(0), t(1), LO64)));
  out.push(...w.set(l(WD, 1), v.shuffle(t(0), t(1), HI64)));
  out.push(...w.set(l(WD, 2), v.shuffle(t(2), t(3), LO64)));
  out.push(...w.set(l(WD, 3), v.shuffle(t(2), t(3), HI64)));
  // The 26-bit limbs of each block (bits 26i .. 26i + 25), with the 2^128 bit on top.
  const wd = (i: number) => g(l(WD, i));
  const join = (i: number, shift: number): Code =>
    v.and(v.or(v.shrU32(wd(i), w.i32(shift)), v.shl32(wd(i + 1), w.i32(32 - shift))), g(VMASK32));
  const limbs: Code[] = [
    v.and(wd(0), g(VMASK32)),
    join(0, 26),
    join(1, 20),
    join(2, 14),
    v.or(v.shrU32(wd(3), w.i32(8)), g(VHIBIT)),
  ];
  for (let j = 0; j < 5; j++) out.push(...w.set(l(VH, j), v.add32(g(l(VH, j)), limbs[j] as Code)));
  // d_i = sum of h_j * (r or 5r) per lane: lanes 0, 1 into DL, lanes 2, 3 into DH.
  const mul = (i: number, j: number): number => (i >= j ? l(vr, i - j) : l(vs, i - j + 4));
  for (let i = 0; i < 5; i++) {
    const terms = (ext: (a: Code, b: Code) => Code) =>
      [0, 1, 2, 3, 4].map((j) => ext(g(l(VH, j)), g(mul(i, j))));
    out.push(...w.set(l(DL, i), sum5(terms(v.extmulLowU), v.add64)));
    out.push(...w.set(l(DH, i), sum5(terms(v.extmulHighU), v.add64)));
  }
  // Lazy carry, two chains at a time: 3->4 and 0->1, 4->0 (x5) and 1->2, 2->3 and 0->1, 3->4.
  const carryStep = (from: number, to: number): Code => {
    const code: number[] = [];
    for (const [d, c] of [
      [DL, CL],
      [DH, CH],
    ] as const) {
      code.push(...w.set(c, v.shrU64(g(l(d, from)), w.i32(26))));
      code.push(...w.set(l(d, from), v.and(g(l(d, from)), g(VMASK64))));
      const add = to === 0 ? v.add64(v.shl64(g(c), w.i32(2)), g(c)) : g(c);
      code.push(...w.set(l(d, to), v.add64(g(l(d, to)), add)));
    }
    return code;
  };
  out.push(...carryStep(3, 4), ...carryStep(0, 1));
  out.push(...carryStep(4, 0), ...carryStep(1, 2));
  out.push(...carryStep(2, 3), ...carryStep(0, 1));
  out.push(...carryStep(3, 4));
  for (let j = 0; j < 5; j++) {
    out.push(...w.set(l(VH, j), v.shuffle(g(l(DL, j)), g(l(DH, j)), NARROW)));
  }
  out.push(...[...w.add32(at(P), w.i32(64)), 0x21, ...uleb(P)]);
  return out;
}

/**
 * With four full blocks or more: r^2, r^3, r^4, then every full group of
 * four blocks in the four lanes, then h = the sum of the lanes (the scalar
 * loop takes the remaining blocks). h must be zero before.
 */
function simdQuads(): Code {
  const left = (n: number): Code => w.ltU32([...at(FULL_END), ...at(P), 0x6b], w.i32(n)); // fullEnd - p < n
  const code: number[] = [];
  for (let i = 0; i < 5; i++) code.push(...w.set(l(H, i), g(l(R, i))));
  code.push(...timesR(R2), ...timesR(R3), ...timesR(R4));
  const splat = (list: readonly number[], i: number) => v.splat32(w.wrap(g(l(list, i))));
  const splat5 = (list: readonly number[], i: number) => v.splat32(w.wrap(w.mul(g(l(list, i)), k(5n))));
  code.push(
    ...w.set(VMASK64, v.splat64(k(MASK26))),
    ...w.set(VMASK32, v.splat32(w.i32(Number(MASK26)))),
    ...w.set(VHIBIT, v.splat32(w.i32(1 << 24))),
  );
  for (let i = 0; i < 5; i++) {
    code.push(...w.set(l(VH, i), v.splat64(k(0n))));
    code.push(...w.set(l(VR, i), splat(R4, i)));
    const mixed = [R3, R2, R].reduce<Code>(
      (acc, list, lane) => v.replace32(acc, lane + 1, w.wrap(g(l(list, i)))),
      splat(R4, i),
    );
    code.push(...w.set(l(VRL, i), mixed));
  }
  for (let i = 0; i < 4; i++) {
    code.push(...w.set(l(VS, i), splat5(R4, i + 1)));
    const mixed = [R3, R2, R].reduce<Code>(
      (acc, list, lane) => v.replace32(acc, lane + 1, w.wrap(w.mul(g(l(list, i + 1)), k(5n)))),
      splat5(R4, i + 1),
    );
    code.push(...w.set(l(VSL, i), mixed));
  }
  code.push(...w.loop([...w.brIf(1, left(128)), ...quadStep(VR, VS), ...w.br(0)]));
  code.push(...quadStep(VRL, VSL));
  // h = the sum of the four lanes (each limb below 2^27), carried to the usual limb bounds.
  for (let j = 0; j < 5; j++) {
    const lane = (i: number) => w.extendU(v.lane32(g(l(VH, j)), i));
    code.push(...w.set(l(D, j), w.add(w.add(lane(0), lane(1)), w.add(lane(2), lane(3)))));
  }
  code.push(...carry());
  return w.if([...left(64), 0x45], code);
}

function body(): Code {
  const key = (off: number) => w.load32(w.i32(KEY), off);
  const m = (off: number) => w.load32(at(P), off);
  const code: number[] = [
    // r, clamped (RFC 8439 §2.5.1), split into 26-bit limbs.
    ...w.set(R[0] as number, w.and(key(0), k(0x3ffffffn))),
    ...w.set(R[1] as number, w.and(w.shrU(key(3), k(2n)), k(0x3ffff03n))),
    ...w.set(R[2] as number, w.and(w.shrU(key(6), k(4n)), k(0x3ffc0ffn))),
    ...w.set(R[3] as number, w.and(w.shrU(key(9), k(6n)), k(0x3f03fffn))),
    ...w.set(R[4] as number, w.and(w.shrU(key(12), k(8n)), k(0x00fffffn))),
  ];
  for (let i = 0; i < 4; i++) code.push(...w.set(S[i] as number, w.mul(g(R[i + 1] as number), k(5n))));
  for (let i = 0; i < 5; i++) code.push(...w.set(l(H, i), k(0n)));
  code.push(
    ...w.set(P, w.i32(MSG)),
    ...[...w.add32(w.i32(MSG), w.and32(w.add32(g(LEN), w.i32(15)), w.i32(-16))), 0x21, ...uleb(END)],
    ...[...w.add32(w.i32(MSG), w.and32(g(LEN), w.i32(-16))), 0x21, ...uleb(FULL_END)],
    ...simdQuads(),
    ...w.loop([
      ...w.brIf(1, [...w.ltU32(at(P), at(END)), 0x45]), // leave when p >= end
      // The 2^128 bit of each full block; the padded last block has it in its 0x01 byte instead.
      ...w.set(HIBIT, k(1n << 24n)),
      ...w.if([...at(P), ...at(FULL_END), 0x4f], w.set(HIBIT, k(0n))), // p >= fullEnd
      ...w.set(H[0] as number, w.add(g(H[0] as number), w.and(m(0), k(MASK26)))),
      ...w.set(H[1] as number, w.add(g(H[1] as number), w.and(w.shrU(m(3), k(2n)), k(MASK26)))),
      ...w.set(H[2] as number, w.add(g(H[2] as number), w.and(w.shrU(m(6), k(4n)), k(MASK26)))),
      ...w.set(H[3] as number, w.add(g(H[3] as number), w.and(w.shrU(m(9), k(6n)), k(MASK26)))),
      ...w.set(H[4] as number, w.add(g(H[4] as number), w.or(w.shrU(m(12), k(8n)), g(HIBIT)))),
      ...products(),
      ...carry(),
      ...[...w.add32(at(P), w.i32(16)), 0x21, ...uleb(P)],
      ...w.br(0),
    ]),
  );
  // Full carry, then h + 5 - 2^130 to pick h mod p in constant time.
  for (let i = 1; i < 5; i++) {
    code.push(...w.set(C, w.shrU(g(H[i] as number), k(26n))));
    code.push(...w.set(H[i] as number, w.and(g(H[i] as number), k(MASK26))));
    code.push(
      ...w.set(
        H[(i + 1) % 5] as number,
        w.add(g(H[(i + 1) % 5] as number), i === 4 ? w.mul(g(C), k(5n)) : g(C)),
      ),
    );
  }
  code.push(...w.set(C, w.shrU(g(H[0] as number), k(26n))));
  code.push(...w.set(H[0] as number, w.and(g(H[0] as number), k(MASK26))));
  code.push(...w.set(H[1] as number, w.add(g(H[1] as number), g(C))));
  code.push(...w.set(G[0] as number, w.add(g(H[0] as number), k(5n))));
  for (let i = 0; i < 4; i++) {
    code.push(...w.set(C, w.shrU(g(G[i] as number), k(26n))));
    code.push(...w.set(G[i] as number, w.and(g(G[i] as number), k(MASK26))));
    code.push(...w.set(G[i + 1] as number, w.add(g(H[i + 1] as number), g(C))));
  }
  code.push(...w.set(G[4] as number, w.sub(g(G[4] as number), k(1n << 26n))));
  // mask = all ones when g4 >= 0 (h >= p: take g), else zero.
  code.push(...w.set(MASK, w.sub(w.shrU(g(G[4] as number), k(63n)), k(1n))));
  for (let i = 0; i < 5; i++) {
    code.push(
      ...w.set(
        H[i] as number,
        w.or(w.and(g(H[i] as number), w.xor(g(MASK), k(-1n))), w.and(g(G[i] as number), g(MASK))),
      ),
    );
  }
  // To four 32-bit words, add s (the key's second half) with carries, store little-endian.
  const word = (i: number): Code => {
    const lo = w.shrU(g(H[i] as number), k(BigInt(6 * i)));
    const hi = w.shl(g(H[i + 1] as number), k(BigInt(26 - 6 * i)));
    return w.and(w.or(lo, hi), k(0xffffffffn));
  };
  code.push(...w.set(C, k(0n)));
  for (let i = 0; i < 4; i++) {
    code.push(...w.set(C, w.add(w.add(word(i), key(16 + 4 * i)), w.shrU(g(C), k(32n)))));
    code.push(...w.store32(w.i32(TAG), 4 * i, g(C)));
  }
  return code;
}

/** The module's bytes: one function `mac(len: i32)` and one exported memory. */
function moduleBytes(): Uint8Array<ArrayBuffer> {
  const fnBody = [
    ...vec([
      [...uleb(I32_LOCALS), I32],
      [...uleb(I64_LOCALS), I64],
      [...uleb(V128_LOCALS), V128],
    ]),
    ...body(),
    0x0b,
  ];
  return new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, vec([[0x60, ...vec([[I32]]), ...vec([])]])), // type 0: (i32) -> ()
    ...section(3, vec([uleb(0)])), // function 0 has type 0
    ...section(5, vec([[0x00, ...uleb(1)]])), // one memory, 1 page to start
    ...section(
      7,
      vec([
        [...name('mac'), 0x00, ...uleb(0)],
        [...name('mem'), 0x02, ...uleb(0)],
      ]),
    ),
    ...section(10, vec([[...uleb(fnBody.length), ...fnBody]])),
  ]);
}

/** The module, compiled once; each `createWasmPoly1305()` gets its own instance (and memory). */
let compiled: WebAssembly.Module | undefined;

/**
 * A Poly1305 on the hand-written WebAssembly module, or null where
 * WebAssembly (with SIMD) is unavailable. About ten times faster than the pure
 * JavaScript one on the packet sizes SSH uses; tested against it and RFC 8439.
 */
export function createWasmPoly1305(): Poly1305Function | null {
  if (typeof WebAssembly === 'undefined') return null;
  let instance: WebAssembly.Instance;
  try {
    compiled ??= new WebAssembly.Module(moduleBytes());
    instance = new WebAssembly.Instance(compiled, {});
  } catch {
    return null;
  }
  const memory = instance.exports.mem as WebAssembly.Memory;
  const mac = instance.exports.mac as (len: number) => void;
  let mem = new Uint8Array(memory.buffer);
  let tag = mem.subarray(TAG, TAG + 16);
  return (key, data, out, outOffset) => {
    const len = data.length;
    const need = MSG + len + 16;
    if (need > mem.length) {
      memory.grow(Math.ceil((need - mem.length) / 65536));
      mem = new Uint8Array(memory.buffer);
      tag = mem.subarray(TAG, TAG + 16);
    }
    mem.set(key.length === 32 ? key : key.subarray(0, 32), KEY);
    mem.set(data, MSG);
    const rem = len & 15;
    if (rem !== 0) {
      mem[MSG + len] = 1;
      mem.fill(0, MSG + len + 1, MSG + len + 16 - rem);
    }
    mac(len);
    out.set(tag, outOffset);
  };
}
