import { createHash } from 'node:crypto';
import type { KexHashFunction } from './hash.js';
import type { KexHashName } from './types.js';

/** The node:crypto hash function for `name` (same results as the portable one). */
export function kexHash(name: KexHashName): KexHashFunction {
  return (...chunks) => {
    const ctx = createHash(name);
    for (const c of chunks) ctx.update(c);
    const d = ctx.digest();
    return new Uint8Array(d.buffer, d.byteOffset, d.length);
  };
}
