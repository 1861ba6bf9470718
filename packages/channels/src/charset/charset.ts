import type { ErrorsPolicy } from '../encoding-policy.js';

/** Decodes one stream of chunks; a character split across chunks is joined. */
export interface ChunkDecoder {
  /** Decode `chunk` (`final` flushes a trailing partial character); throws UnicodeDecodeError when strict. */
  decode(chunk: Uint8Array, final: boolean): string;
}

/** A text encoding: how strings become bytes and bytes become strings under an error policy. */
export interface Charset {
  /** The canonical name. */
  readonly name: string;
  /** Bytes of `text`; throws UnicodeEncodeError when strict and a character has no encoding. */
  encode(text: string, errors: ErrorsPolicy): Uint8Array;
  /** A fresh stateful decoder. */
  decoder(errors: ErrorsPolicy): ChunkDecoder;
}

/** Grows a byte buffer as encoders append to it. */
export class ByteSink {
  private buf: Uint8Array;
  length = 0;
  constructor(hint: number) {
    this.buf = new Uint8Array(Math.max(16, hint));
  }
  push(b: number): void {
    if (this.length === this.buf.length) {
      const next = new Uint8Array(this.buf.length * 2);
      next.set(this.buf);
      this.buf = next;
    }
    this.buf[this.length++] = b;
  }
  bytes(): Uint8Array {
    return this.buf.subarray(0, this.length);
  }
}
