/**
 * A few WebAssembly instructions as byte builders, enough to write the
 * Poly1305 module by hand (WebAssembly Core Specification §5, binary format).
 * Each builder returns the bytes that leave its result on the stack.
 */
export type Code = readonly number[];

/** Unsigned LEB128 (spec §5.2.2). */
export function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
}

/** Signed LEB128 of a bigint (spec §5.2.2), for i32.const / i64.const. */
export function sleb(v: bigint): number[] {
  const out: number[] = [];
  for (;;) {
    const b = Number(v & 0x7fn);
    v >>= 7n;
    const done = (v === 0n && (b & 0x40) === 0) || (v === -1n && (b & 0x40) !== 0);
    out.push(done ? b : b | 0x80);
    if (done) return out;
  }
}

/** A vector: its length then its items (spec §5.1.3). */
export function vec(items: readonly Code[]): number[] {
  return [...uleb(items.length), ...items.flat()];
}

/** A section with its id and size (spec §5.5.2). */
export function section(id: number, body: Code): number[] {
  return [id, ...uleb(body.length), ...body];
}

/** A name (spec §5.2.4); ASCII only here. */
export function name(s: string): number[] {
  return vec([...s].map((ch) => [ch.charCodeAt(0)]));
}

const bin =
  (op: number) =>
  (a: Code, b: Code): Code => [...a, ...b, op];

/** Value types (spec §5.3.1). */
export const I32 = 0x7f;
/** The i64 value type. */
export const I64 = 0x7e;

/** The v128 value type (SIMD proposal, now in the core spec §5.3.1). */
export const V128 = 0x7b;

const simd = (op: number): number[] => [0xfd, ...uleb(op)];
const vbin =
  (op: number) =>
  (a: Code, b: Code): Code => [...a, ...b, ...simd(op)];

/** 128-bit SIMD instructions (spec §5.4.8), the few Poly1305 needs. */
export const v = {
  /** i32x4.splat: the i32 `a` in all four lanes. */
  splat32: (a: Code): Code => [...a, ...simd(0x11)],
  /** i64x2.splat */
  splat64: (a: Code): Code => [...a, ...simd(0x12)],
  /** i64x2.extract_lane */
  lane64: (a: Code, lane: number): Code => [...a, ...simd(0x1d), lane],
  /** i32x4.replace_lane */
  replace32: (a: Code, lane: number, x: Code): Code => [...a, ...x, ...simd(0x1c), lane],
  /** i64x2.replace_lane */
  replace64: (a: Code, lane: number, x: Code): Code => [...a, ...x, ...simd(0x1e), lane],
  /** i8x16.shuffle of `a` and `b` by the 16 byte indexes `lanes`. */
  shuffle: (a: Code, b: Code, lanes: readonly number[]): Code => [...a, ...b, ...simd(0x0d), ...lanes],
  and: vbin(0x4e),
  add64: vbin(0xce),
  /** i64x2.shl by the i32 `n`. */
  shl64: (a: Code, n: Code): Code => [...a, ...n, ...simd(0xcb)],
  /** i64x2.shr_u by the i32 `n`. */
  shrU64: (a: Code, n: Code): Code => [...a, ...n, ...simd(0xcd)],
  /** i64x2.extmul_low_i32x4_u: u32 lanes 0 and 1 of each, multiplied into two u64. */
  extmulLowU: vbin(0xde),
  /** i64x2.extmul_high_i32x4_u: u32 lanes 2 and 3 of each, multiplied into two u64. */
  extmulHighU: vbin(0xdf),
  /** v128.load at `addr` + `offset` (alignment hint 0: any address). */
  load: (addr: Code, offset: number): Code => [...addr, ...simd(0x00), 0x00, ...uleb(offset)],
  /** i32x4.extract_lane (as an i32). */
  lane32: (a: Code, lane: number): Code => [...a, ...simd(0x1b), lane],
  or: vbin(0x50),
  add32: vbin(0xae),
  /** i32x4.shl by the i32 `n`. */
  shl32: (a: Code, n: Code): Code => [...a, ...n, ...simd(0xab)],
  /** i32x4.shr_u by the i32 `n`. */
  shrU32: (a: Code, n: Code): Code => [...a, ...n, ...simd(0xad)],
};

/** Instructions (spec §5.4). */
export const w = {
  get: (i: number): Code => [0x20, ...uleb(i)],
  set: (i: number, v: Code): Code => [...v, 0x21, ...uleb(i)],
  i32: (v: number): Code => [0x41, ...sleb(BigInt(v))],
  i64: (v: bigint): Code => [0x42, ...sleb(v)],
  /** i64.load32_u at address `addr` + `offset` (alignment hint 0: any address). */
  load32: (addr: Code, offset: number): Code => [...addr, 0x35, 0x00, ...uleb(offset)],
  /** i64.store32 of `v` at `addr` + `offset`. */
  store32: (addr: Code, offset: number, v: Code): Code => [...addr, ...v, 0x3e, 0x00, ...uleb(offset)],
  add: bin(0x7c),
  sub: bin(0x7d),
  mul: bin(0x7e),
  and: bin(0x83),
  or: bin(0x84),
  xor: bin(0x85),
  shl: bin(0x86),
  shrS: bin(0x87),
  shrU: bin(0x88),
  add32: bin(0x6a),
  sub32: bin(0x6b),
  mul32: bin(0x6c),
  gtU32: bin(0x4b),
  /** i32.load at `addr` + `offset`. */
  load32i: (addr: Code, offset: number): Code => [...addr, 0x28, 0x00, ...uleb(offset)],
  /** i64.store of `v` at `addr` + `offset`. */
  store64: (addr: Code, offset: number, v: Code): Code => [...addr, ...v, 0x37, 0x00, ...uleb(offset)],
  /** `cond ? a : b` (both evaluated). */
  select: (a: Code, b: Code, cond: Code): Code => [...a, ...b, ...cond, 0x1b],
  /** do { body } while (cond): `cond` is evaluated at the end of `body`. */
  doWhile: (body: Code, cond: Code): Code => [0x03, 0x40, ...body, ...cond, 0x0d, 0x00, 0x0b],
  ltU32: bin(0x49),
  shl32: bin(0x74),
  shrU32: bin(0x76),
  and32: bin(0x71),
  /** i64.load at `addr` + `offset`. */
  load64: (addr: Code, offset: number): Code => [...addr, 0x29, 0x00, ...uleb(offset)],
  /** i64 unsigned comparisons, as an i32 0 or 1. */
  ltU: bin(0x54),
  geU: bin(0x5a),
  /** i32.wrap_i64 */
  wrap: (a: Code): Code => [...a, 0xa7],
  /** i64.extend_i32_u */
  extendU: (a: Code): Code => [...a, 0xad],
  /** if (cond) { then } with no result. */
  if: (cond: Code, then: Code): Code => [...cond, 0x04, 0x40, ...then, 0x0b],
  /** block { loop { ...body } } : `br 1` leaves, `br 0` repeats. */
  loop: (body: Code): Code => [0x02, 0x40, 0x03, 0x40, ...body, 0x0b, 0x0b],
  /** br_if to label `depth`. */
  brIf: (depth: number, cond: Code): Code => [...cond, 0x0d, ...uleb(depth)],
  br: (depth: number): Code => [0x0c, ...uleb(depth)],
};
