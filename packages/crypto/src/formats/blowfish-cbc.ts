import { Blowfish } from './blowfish.js';

const word = (b: Uint8Array, at: number) =>
  ((b[at] as number) << 24) |
  ((b[at + 1] as number) << 16) |
  ((b[at + 2] as number) << 8) |
  (b[at + 3] as number) |
  0;

function put(out: Uint8Array, at: number, v: number): void {
  out[at] = v >>> 24;
  out[at + 1] = (v >>> 16) & 0xff;
  out[at + 2] = (v >>> 8) & 0xff;
  out[at + 3] = v & 0xff;
}

/** Blowfish-CBC (the standard key schedule, keys of 4 to 56 bytes) on whole 8-byte blocks, no padding. */
export function blowfishCbc(key: Uint8Array, iv: Uint8Array, data: Uint8Array, decrypt: boolean): Uint8Array {
  if (key.length < 4 || key.length > 56) throw new TypeError('Blowfish key must be 4 to 56 bytes');
  if (iv.length !== 8 || data.length % 8 !== 0)
    throw new TypeError('Blowfish needs an 8-byte IV and whole blocks');
  const bf = new Blowfish();
  bf.expand0State(key);
  const out = new Uint8Array(data.length);
  let pl = word(iv, 0);
  let pr = word(iv, 4);
  for (let at = 0; at < data.length; at += 8) {
    const l = word(data, at);
    const r = word(data, at + 4);
    if (decrypt) {
      bf.decrypt(l, r);
      put(out, at, bf.l ^ pl);
      put(out, at + 4, bf.r ^ pr);
      pl = l;
      pr = r;
    } else {
      bf.encrypt(l ^ pl, r ^ pr);
      pl = bf.l;
      pr = bf.r;
      put(out, at, pl);
      put(out, at + 4, pr);
    }
  }
  return out;
}
