import { PI_HEX_WORDS } from './blowfish-pi.js';

let initial: Uint32Array | undefined;

/** P-array then S-boxes, initialised from the digits of pi (parsed once, on first use). */
function initialState(): Uint32Array {
  if (!initial) {
    initial = new Uint32Array(18 + 1024);
    for (let i = 0; i < initial.length; i++)
      initial[i] = Number.parseInt(PI_HEX_WORDS.slice(i * 8, i * 8 + 8), 16);
  }
  return initial;
}

/**
 * Blowfish state for the "expensive key schedule" (eksblowfish) that
 * bcrypt and bcrypt_pbkdf use: P-array at 0..17, S-boxes at 18..1041.
 */
export class Blowfish {
  private readonly st: Uint32Array;
  /** Output of the last `encrypt`: left and right halves. */
  l = 0;
  r = 0;

  constructor() {
    this.st = initialState().slice();
  }

  /** Encrypt the 64-bit block (l, r) in place (16 Feistel rounds). */
  encrypt(l: number, r: number): void {
    const s = this.st;
    l ^= s[0] as number;
    for (let i = 1; i <= 16; i += 2) {
      r ^=
        ((((s[18 + (l >>> 24)] as number) + (s[274 + ((l >>> 16) & 0xff)] as number)) ^
          (s[530 + ((l >>> 8) & 0xff)] as number)) +
          (s[786 + (l & 0xff)] as number)) ^
        (s[i] as number);
      l ^=
        ((((s[18 + (r >>> 24)] as number) + (s[274 + ((r >>> 16) & 0xff)] as number)) ^
          (s[530 + ((r >>> 8) & 0xff)] as number)) +
          (s[786 + (r & 0xff)] as number)) ^
        (s[i + 1] as number);
    }
    this.l = (r ^ (s[17] as number)) >>> 0;
    this.r = l >>> 0;
  }

  /** XOR the key into the P-array, cycling through its bytes. */
  private mixKey(key: Uint8Array): void {
    const s = this.st;
    let j = 0;
    for (let i = 0; i < 18; i++) {
      let w = 0;
      for (let k = 0; k < 4; k++) {
        if (j >= key.length) j = 0;
        w = (w << 8) | (key[j++] as number);
      }
      s[i] = (s[i] as number) ^ w;
    }
  }

  /**
   * Blowfish_expandstate: mix `key` into P, then re-key every P and S entry by
   * encrypting a chain that has `data` XORed in (eksblowfish's salted setup).
   */
  expandState(data: Uint8Array, key: Uint8Array): void {
    this.mixKey(key);
    const s = this.st;
    let j = 0;
    const next = (): number => {
      let w = 0;
      for (let k = 0; k < 4; k++) {
        if (j >= data.length) j = 0;
        w = (w << 8) | (data[j++] as number);
      }
      return w;
    };
    let l = 0;
    let r = 0;
    for (let i = 0; i < s.length; i += 2) {
      l ^= next();
      r ^= next();
      this.encrypt(l, r);
      l = this.l;
      r = this.r;
      s[i] = l;
      s[i + 1] = r;
    }
  }

  /** Blowfish_expand0state: mix `key` into P, then re-key P and S by encrypting a zero chain. */
  expand0State(key: Uint8Array): void {
    this.mixKey(key);
    const s = this.st;
    let l = 0;
    let r = 0;
    for (let i = 0; i < s.length; i += 2) {
      this.encrypt(l, r);
      l = this.l;
      r = this.r;
      s[i] = l;
      s[i + 1] = r;
    }
  }
}
