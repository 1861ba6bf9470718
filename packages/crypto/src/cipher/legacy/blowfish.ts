import { type BlockCipherCore, readWord, writeWord } from './block-core.js';
import { PI_HEX_WORDS } from './blowfish-pi.js';

let initial: Int32Array | undefined;

/** P-array then S-boxes, initialised from the digits of pi (parsed once, on first use). */
function initialState(): Int32Array {
  if (!initial) {
    initial = new Int32Array(18 + 1024);
    for (let i = 0; i < initial.length; i++) {
      initial[i] = Number.parseInt(PI_HEX_WORDS.slice(i * 8, i * 8 + 8), 16) | 0;
    }
  }
  return initial;
}

/** S-box offsets in the state array. */
const S0 = 18;
const S1 = 18 + 256;
const S2 = 18 + 512;
const S3 = 18 + 768;

/**
 * Blowfish state for the "expensive key schedule" (eksblowfish) that
 * bcrypt and bcrypt_pbkdf use: P-array at 0..17, S-boxes at 18..1041,
 * kept as int32 so every step stays in 32-bit integer arithmetic.
 */
export class Blowfish {
  private readonly st: Int32Array;
  /** Output of the last `encrypt`: left and right halves (int32). */
  l = 0;
  r = 0;

  constructor() {
    this.st = initialState().slice();
  }

  /** Encrypt the 64-bit block (l, r) in place (16 Feistel rounds); result in `l`, `r`. */
  encrypt(l: number, r: number): void {
    const s = this.st;
    l ^= s[0] as number;
    for (let i = 1; i < 17; i += 2) {
      let f = ((s[S0 + (l >>> 24)] as number) + (s[S1 + ((l >>> 16) & 0xff)] as number)) | 0;
      f = ((f ^ (s[S2 + ((l >>> 8) & 0xff)] as number)) + (s[S3 + (l & 0xff)] as number)) | 0;
      r ^= f ^ (s[i] as number);
      f = ((s[S0 + (r >>> 24)] as number) + (s[S1 + ((r >>> 16) & 0xff)] as number)) | 0;
      f = ((f ^ (s[S2 + ((r >>> 8) & 0xff)] as number)) + (s[S3 + (r & 0xff)] as number)) | 0;
      l ^= f ^ (s[i + 1] as number);
    }
    this.l = r ^ (s[17] as number);
    this.r = l;
  }

  /** Decrypt the 64-bit block (l, r): the rounds of `encrypt` with the P-array reversed. */
  decrypt(l: number, r: number): void {
    const s = this.st;
    l ^= s[17] as number;
    for (let i = 16; i > 0; i -= 2) {
      let f = ((s[S0 + (l >>> 24)] as number) + (s[S1 + ((l >>> 16) & 0xff)] as number)) | 0;
      f = ((f ^ (s[S2 + ((l >>> 8) & 0xff)] as number)) + (s[S3 + (l & 0xff)] as number)) | 0;
      r ^= f ^ (s[i] as number);
      f = ((s[S0 + (r >>> 24)] as number) + (s[S1 + ((r >>> 16) & 0xff)] as number)) | 0;
      f = ((f ^ (s[S2 + ((r >>> 8) & 0xff)] as number)) + (s[S3 + (r & 0xff)] as number)) | 0;
      l ^= f ^ (s[i - 1] as number);
    }
    this.l = r ^ (s[0] as number);
    this.r = l;
  }

  /** XOR the key into the P-array, cycling through its bytes. */
  private mixKey(key: Uint8Array): void {
    const s = this.st;
    const n = key.length;
    let j = 0;
    for (let i = 0; i < 18; i++) {
      let w = 0;
      for (let k = 0; k < 4; k++) {
        w = (w << 8) | (key[j] as number);
        j = j + 1 === n ? 0 : j + 1;
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
    const n = data.length;
    let j = 0;
    let l = 0;
    let r = 0;
    for (let i = 0; i < s.length; i += 2) {
      let w = 0;
      for (let k = 0; k < 4; k++) {
        w = (w << 8) | (data[j] as number);
        j = j + 1 === n ? 0 : j + 1;
      }
      l ^= w;
      w = 0;
      for (let k = 0; k < 4; k++) {
        w = (w << 8) | (data[j] as number);
        j = j + 1 === n ? 0 : j + 1;
      }
      r ^= w;
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

/** Blowfish with its standard key schedule (keys of 4 to 56 bytes) as a block core. */
export function createBlowfishCore(key: Uint8Array): BlockCipherCore {
  if (key.length < 4 || key.length > 56) throw new RangeError('Blowfish key must be 4 to 56 bytes');
  const bf = new Blowfish();
  bf.expand0State(key);
  return {
    blockSize: 8,
    encryptBlock(buf, at) {
      bf.encrypt(readWord(buf, at), readWord(buf, at + 4));
      writeWord(buf, at, bf.l);
      writeWord(buf, at + 4, bf.r);
    },
    decryptBlock(buf, at) {
      bf.decrypt(readWord(buf, at), readWord(buf, at + 4));
      writeWord(buf, at, bf.l);
      writeWord(buf, at + 4, bf.r);
    },
  };
}
