import type { ErrorsPolicy } from '../encoding-policy.js';
import { UnicodeDecodeError } from '../errors.js';
import type { Charset, ChunkDecoder } from './charset.js';
import { wellFormed } from './surrogates.js';

const encoder = new TextEncoder();

/** Length of a UTF-8 sequence starting with `lead`, or 0 if it cannot start one. */
function sequenceLength(lead: number): number {
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

/** Whether `b` may follow `lead` as the first continuation byte (RFC 3629 §4 table). */
function secondByteOk(lead: number, b: number): boolean {
  if (lead === 0xe0) return b >= 0xa0 && b <= 0xbf;
  if (lead === 0xed) return b >= 0x80 && b <= 0x9f;
  if (lead === 0xf0) return b >= 0x90 && b <= 0xbf;
  if (lead === 0xf4) return b >= 0x80 && b <= 0x8f;
  return b >= 0x80 && b <= 0xbf;
}

/**
 * Drops bytes that are not part of a valid UTF-8 sequence (errors 'ignore'),
 * keeping an incomplete sequence at the end of a chunk for the next one.
 */
class Utf8Scrubber {
  private carry = new Uint8Array(0);

  scrub(chunk: Uint8Array, final: boolean): Uint8Array {
    const data = this.carry.length > 0 ? joined(this.carry, chunk) : chunk;
    this.carry = new Uint8Array(0);
    const out = new Uint8Array(data.length);
    let n = 0;
    let i = 0;
    while (i < data.length) {
      const lead = data[i] as number;
      const len = sequenceLength(lead);
      if (len === 1) {
        out[n++] = lead;
        i++;
        continue;
      }
      if (len === 0) {
        i++;
        continue;
      }
      let j = 1;
      while (j < len && i + j < data.length) {
        const b = data[i + j] as number;
        if (j === 1 ? !secondByteOk(lead, b) : b < 0x80 || b > 0xbf) break;
        j++;
      }
      if (j === len) {
        out.set(data.subarray(i, i + len), n);
        n += len;
        i += len;
      } else if (i + j === data.length && !final) {
        this.carry = data.slice(i);
        break;
      } else {
        i += j;
      }
    }
    return out.subarray(0, n);
  }
}

function joined(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** UTF-8 (RFC 3629). */
export const UTF8: Charset = {
  name: 'utf-8',
  encode(text, errors) {
    return encoder.encode(wellFormed(text, 'utf-8', errors));
  },
  decoder(errors: ErrorsPolicy): ChunkDecoder {
    const text = new TextDecoder('utf-8', { fatal: errors === 'strict', ignoreBOM: true });
    const scrubber = errors === 'ignore' ? new Utf8Scrubber() : null;
    return {
      decode(chunk, final) {
        const bytes = scrubber ? scrubber.scrub(chunk, final) : chunk;
        try {
          return text.decode(bytes, { stream: !final });
        } catch {
          throw new UnicodeDecodeError('utf-8');
        }
      },
    };
  },
};
