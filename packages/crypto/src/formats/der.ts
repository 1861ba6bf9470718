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
