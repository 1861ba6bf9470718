/** Base64 (RFC 4648 §4) over the btoa/atob globals that Node, Deno, Bun and browsers share. */

/** Encode bytes as base64, with '=' padding unless `pad` is false. */
export function toBase64(bytes: Uint8Array, pad = true): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  const s = btoa(bin);
  return pad ? s : s.replace(/=+$/, '');
}

/** Decode base64 (whitespace ignored); throws TypeError on invalid input. */
export function fromBase64(text: string): Uint8Array {
  const clean = text.replace(/[\s]+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.length % 4 === 1) throw new TypeError('invalid base64');
  const bin = atob(clean);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}
