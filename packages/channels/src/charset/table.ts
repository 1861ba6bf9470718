import type { ErrorsPolicy } from '../encoding-policy.js';
import { UnicodeDecodeError, UnicodeEncodeError } from '../errors.js';
import { ByteSink, type Charset, type ChunkDecoder } from './charset.js';
import { WINDOWS_1252_C1 } from './windows-1252.js';

/** WHATWG encodings with two-byte characters (lead 0x81-0xFE); the rest here are single-byte. */
const DOUBLE_BYTE = new Set(['shift_jis', 'euc-jp', 'gbk', 'gb18030', 'big5', 'euc-kr']);

/** The character of each byte of a single-byte encoding ('' where the byte has none). */
function byteTable(name: string): string[] {
  const dec = new TextDecoder(name);
  const table = Array.from({ length: 256 }, (_, b) => {
    const s = dec.decode(Uint8Array.of(b));
    return s === '\ufffd' ? '' : s;
  });
  if (name === 'windows-1252') {
    WINDOWS_1252_C1.forEach((cp, i) => {
      table[0x80 + i] = String.fromCharCode(cp);
    });
  }
  return table;
}

/**
 * The encoder table: character to bytes, from the byte table and, for the
 * double-byte encodings, from decoding every two-byte sequence with the
 * platform's TextDecoder (the first sequence found for a character wins).
 */
function encoderTable(name: string, bytes: readonly string[]): Map<string, Uint8Array> {
  const table = new Map<string, Uint8Array>();
  bytes.forEach((s, b) => {
    if (s && !table.has(s)) table.set(s, Uint8Array.of(b));
  });
  if (DOUBLE_BYTE.has(name)) {
    const dec = new TextDecoder(name);
    for (let lead = 0x81; lead <= 0xfe; lead++) {
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        const pair = Uint8Array.of(lead, trail);
        const s = dec.decode(pair);
        if (s !== '\ufffd' && [...s].length === 1 && !table.has(s)) table.set(s, pair);
      }
    }
  }
  return table;
}

/** A stateless decoder by byte table. */
function singleByteDecoder(name: string, table: readonly string[], errors: ErrorsPolicy): ChunkDecoder {
  return {
    decode(chunk) {
      let s = '';
      for (const b of chunk) {
        const c = table[b] as string;
        if (c) s += c;
        else if (errors === 'strict') throw new UnicodeDecodeError(name);
        else if (errors === 'replace') s += '\ufffd';
      }
      return s;
    },
  };
}

/** A streaming decoder by the platform's TextDecoder (double-byte encodings). */
function platformDecoder(name: string, errors: ErrorsPolicy): ChunkDecoder {
  const dec = new TextDecoder(name, { fatal: errors === 'strict' });
  return {
    decode(chunk, final) {
      let s: string;
      try {
        s = dec.decode(chunk, { stream: !final });
      } catch {
        throw new UnicodeDecodeError(name);
      }
      // These encodings have no U+FFFD of their own: every one is a replaced sequence.
      return errors === 'ignore' ? s.replaceAll('\ufffd', '') : s;
    },
  };
}

/** A legacy encoding known to TextDecoder (windows-125x, ISO 8859-x, KOI8, Shift_JIS, EUC, GBK, Big5...). */
export function tableCharset(name: string): Charset {
  let bytes: string[] | null = null;
  let encoder: Map<string, Uint8Array> | null = null;
  const double = DOUBLE_BYTE.has(name);
  return {
    name,
    encode(text, errors: ErrorsPolicy) {
      bytes ??= byteTable(name);
      encoder ??= encoderTable(name, bytes);
      const out = new ByteSink(text.length);
      let i = 0;
      for (const ch of text) {
        const seq = encoder.get(ch);
        if (seq) for (const b of seq) out.push(b);
        else if (errors === 'strict') throw new UnicodeEncodeError(name, i, ch);
        else if (errors === 'replace') out.push(0x3f);
        i += ch.length;
      }
      return out.bytes();
    },
    decoder(errors: ErrorsPolicy): ChunkDecoder {
      if (double) return platformDecoder(name, errors);
      bytes ??= byteTable(name);
      return singleByteDecoder(name, bytes, errors);
    },
  };
}
