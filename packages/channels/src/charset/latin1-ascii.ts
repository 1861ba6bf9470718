import type { ErrorsPolicy } from '../encoding-policy.js';
import { UnicodeDecodeError, UnicodeEncodeError } from '../errors.js';
import { ByteSink, type Charset, type ChunkDecoder } from './charset.js';

/** A charset whose bytes are the first `limit` code points (ISO 8859-1: 256, ASCII: 128). */
function firstCodePoints(name: string, limit: number): Charset {
  return {
    name,
    encode(text, errors: ErrorsPolicy) {
      const out = new ByteSink(text.length);
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c < limit) out.push(c);
        else if (errors === 'strict')
          throw new UnicodeEncodeError(name, i, String.fromCodePoint(text.codePointAt(i) ?? c));
        else {
          if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) i++;
          if (errors === 'replace') out.push(0x3f);
        }
      }
      return out.bytes();
    },
    decoder(errors: ErrorsPolicy): ChunkDecoder {
      return {
        decode(chunk) {
          let s = '';
          for (let i = 0; i < chunk.length; i += 8192) {
            const part = chunk.subarray(i, i + 8192);
            if (limit === 256 || part.every((b) => b < limit)) {
              s += String.fromCharCode(...part);
              continue;
            }
            if (errors === 'strict') throw new UnicodeDecodeError(name);
            const codes: number[] = [];
            for (const b of part) {
              if (b < limit) codes.push(b);
              else if (errors === 'replace') codes.push(0xfffd);
            }
            s += String.fromCharCode(...codes);
          }
          return s;
        },
      };
    },
  };
}

/** ISO 8859-1 as Python's 'latin-1' (every byte is the code point of the same value). */
export const LATIN1 = firstCodePoints('latin-1', 256);
/** US-ASCII: bytes 0..127 only. */
export const ASCII = firstCodePoints('ascii', 128);
