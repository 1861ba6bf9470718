import { mpintBytes } from '@ssh/wire';

/** A minimal DER (X.690) encoder and reader: just what key import/export needs. */

/** One decoded DER element. */
export interface DerNode {
  readonly tag: number;
  /** The content octets (a view). */
  readonly value: Uint8Array;
}

function lengthBytes(n: number): number[] {
  if (n < 0x80) return [n];
  const out: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) out.unshift(v & 0xff);
  return [0x80 | out.length, ...out];
}

/** Encode one element from its tag and content. */
export function derElement(tag: number, ...content: Uint8Array[]): Uint8Array {
  const len = content.reduce((n, c) => n + c.length, 0);
  const head = [tag, ...lengthBytes(len)];
  const out = new Uint8Array(head.length + len);
  out.set(head);
  let at = head.length;
  for (const c of content) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** SEQUENCE of already encoded elements. */
export const derSequence = (...items: Uint8Array[]): Uint8Array => derElement(0x30, ...items);

/** INTEGER from a bigint. */
export function derInteger(v: bigint): Uint8Array {
  const b = mpintBytes(v);
  return derElement(0x02, b.length === 0 ? Uint8Array.of(0) : b);
}

/** OCTET STRING. */
export const derOctetString = (b: Uint8Array): Uint8Array => derElement(0x04, b);

/** BIT STRING with no unused bits. */
export const derBitString = (b: Uint8Array): Uint8Array => derElement(0x03, Uint8Array.of(0), b);

/** OBJECT IDENTIFIER from dotted text. */
export function derOid(dotted: string): Uint8Array {
  const parts = dotted.split('.').map(Number);
  const first = (parts[0] ?? 0) * 40 + (parts[1] ?? 0);
  const body: number[] = [];
  for (const p of [first, ...parts.slice(2)]) {
    const chunk: number[] = [p & 0x7f];
    for (let v = Math.floor(p / 128); v > 0; v = Math.floor(v / 128)) chunk.unshift(0x80 | (v & 0x7f));
    body.push(...chunk);
  }
  return derElement(0x06, Uint8Array.from(body));
}

/** Read the elements in `bytes` (one level); throws RangeError on malformed input. */
export function derChildren(bytes: Uint8Array): DerNode[] {
  const out: DerNode[] = [];
  let at = 0;
  while (at < bytes.length) {
    const tag = bytes[at++] as number;
    if (at >= bytes.length) throw new RangeError('DER element truncated');
    let len = bytes[at++] as number;
    if (len & 0x80) {
      const n = len & 0x7f;
      if (n === 0 || n > 4 || at + n > bytes.length) throw new RangeError('bad DER length');
      len = 0;
      for (let i = 0; i < n; i++) len = len * 256 + (bytes[at++] as number);
    }
    if (at + len > bytes.length) throw new RangeError('DER element runs past the end');
    out.push({ tag, value: bytes.subarray(at, at + len) });
    at += len;
  }
  return out;
}

/** The value of a non-negative DER INTEGER. */
export function derToBigint(node: DerNode): bigint {
  if (node.tag !== 0x02) throw new RangeError('expected a DER INTEGER');
  let v = 0n;
  for (const b of node.value) v = (v << 8n) | BigInt(b);
  return v;
}

/** DER tags used by key formats. */
export const DER = {
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  NULL: 0x05,
  OID: 0x06,
  SEQUENCE: 0x30,
} as const;

/** NULL. */
export const derNull = (): Uint8Array => Uint8Array.of(0x05, 0x00);

/** A context-specific constructed element [n] EXPLICIT around `content`. */
export const derExplicit = (n: number, ...content: Uint8Array[]): Uint8Array =>
  derElement(0xa0 | n, ...content);

/** Parse exactly one element filling `bytes`; RangeError when there is more or less. */
export function derParse(bytes: Uint8Array, tag?: number): DerNode {
  const nodes = derChildren(bytes);
  const only = nodes[0];
  if (nodes.length !== 1 || !only) throw new RangeError('expected exactly one DER element');
  if (tag !== undefined && only.tag !== tag) {
    throw new RangeError(`expected DER tag 0x${tag.toString(16)}, got 0x${only.tag.toString(16)}`);
  }
  return only;
}

/** The children of a SEQUENCE node (RangeError when it is not one). */
export function derSequenceItems(node: DerNode | undefined, what = 'SEQUENCE'): DerNode[] {
  if (!node || node.tag !== DER.SEQUENCE) throw new RangeError(`expected a DER ${what}`);
  return derChildren(node.value);
}

/** Check that `node` exists with tag `tag`, returning it. */
export function derExpect(node: DerNode | undefined, tag: number, what: string): DerNode {
  if (!node || node.tag !== tag) throw new RangeError(`expected ${what}`);
  return node;
}

/** Dotted text of an OBJECT IDENTIFIER node. */
export function derOidText(node: DerNode | undefined): string {
  const v = derExpect(node, DER.OID, 'an OBJECT IDENTIFIER').value;
  if (v.length === 0 || (v[v.length - 1] as number) & 0x80) throw new RangeError('bad OBJECT IDENTIFIER');
  const parts: number[] = [];
  let acc = 0;
  for (const b of v) {
    acc = acc * 128 + (b & 0x7f);
    if (acc > Number.MAX_SAFE_INTEGER / 128) throw new RangeError('OBJECT IDENTIFIER arc too large');
    if (!(b & 0x80)) {
      parts.push(acc);
      acc = 0;
    }
  }
  const first = parts.shift() as number;
  const a = first < 80 ? Math.floor(first / 40) : 2;
  return [a, first - 40 * a, ...parts].join('.');
}

/** A small non-negative INTEGER as a JS number (RangeError when too large). */
export function derSmallInt(node: DerNode | undefined, what: string): number {
  const v = derToBigint(derExpect(node, DER.INTEGER, what));
  if (v > 0x7fffffffn) throw new RangeError(`${what} is too large`);
  return Number(v);
}

/** The bytes of a BIT STRING with no unused bits. */
export function derBitStringBytes(node: DerNode | undefined, what: string): Uint8Array {
  const v = derExpect(node, DER.BIT_STRING, what).value;
  if (v.length === 0 || v[0] !== 0) throw new RangeError(`${what} has unused bits`);
  return v.subarray(1);
}
