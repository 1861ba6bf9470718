import type { ErrorsPolicy } from '../encoding-policy.js';
import { UnicodeDecodeError } from '../errors.js';
import type { Charset, ChunkDecoder } from './charset.js';
import { wellFormed } from './surrogates.js';

/** UTF-16 in one byte order, without a byte order mark. */
function utf16(name: 'utf-16le' | 'utf-16be'): Charset {
  const little = name === 'utf-16le';
  return {
    name,
    encode(text, errors) {
      const s = wellFormed(text, name, errors);
      const out = new Uint8Array(s.length * 2);
      for (let i = 0; i < s.length; i++) {
        const u = s.charCodeAt(i);
        out[2 * i + (little ? 0 : 1)] = u & 0xff;
        out[2 * i + (little ? 1 : 0)] = u >> 8;
      }
      return out;
    },
    decoder(errors: ErrorsPolicy): ChunkDecoder {
      const dec = new TextDecoder(name, { fatal: errors === 'strict', ignoreBOM: true });
      return {
        decode(chunk, final) {
          let s: string;
          try {
            s = dec.decode(chunk, { stream: !final });
          } catch {
            throw new UnicodeDecodeError(name);
          }
          // 'ignore' drops what the decoder replaced (a U+FFFD sent as such is dropped too).
          return errors === 'ignore' ? s.replaceAll('\ufffd', '') : s;
        },
      };
    },
  };
}

export const UTF16LE = utf16('utf-16le');
export const UTF16BE = utf16('utf-16be');
