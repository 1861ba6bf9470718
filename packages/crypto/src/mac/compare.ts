/**
 * Compare `a` with `b[bOffset .. bOffset + a.length)` in time that depends
 * only on the lengths, never on the bytes.
 */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array, bOffset = 0): boolean {
  if (bOffset < 0 || b.length - bOffset < a.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] as number) ^ (b[bOffset + i] as number);
  return diff === 0;
}
