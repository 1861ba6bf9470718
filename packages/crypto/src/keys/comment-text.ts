import { ValueError } from '@ssh/wire';

/**
 * Comments of keys, key pairs and certificates as text: the `encoding` and
 * `errors` arguments of AsyncSSH's get_comment / set_comment.
 */

/** What to do with text that the encoding cannot represent (Python's `errors`). */
export type TextErrors = 'strict' | 'replace' | 'ignore';

type Codec = 'utf-8' | 'ascii' | 'latin-1';

const CODECS: Readonly<Record<string, Codec>> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  ascii: 'ascii',
  'us-ascii': 'ascii',
  'latin-1': 'latin-1',
  latin1: 'latin-1',
  'iso-8859-1': 'latin-1',
  'iso8859-1': 'latin-1',
};

function codecOf(encoding: string): Codec {
  const codec = CODECS[encoding.toLowerCase().replaceAll('_', '-')];
  if (!codec) throw new ValueError(`unknown encoding '${encoding}' (use utf-8, ascii or latin-1)`);
  return codec;
}

function checkErrors(errors: string): void {
  if (errors !== 'strict' && errors !== 'replace' && errors !== 'ignore') {
    throw new ValueError(`unknown error handler '${errors}' (use strict, replace or ignore)`);
  }
}

/** Length of the well-formed UTF-8 sequence at `i` (Unicode table 3-7), or minus the bytes of its invalid prefix. */
function utf8SequenceAt(data: Uint8Array, i: number): number {
  const b = data[i] as number;
  if (b < 0x80) return 1;
  let need: number;
  let lo = 0x80;
  let hi = 0xbf;
  if (b >= 0xc2 && b <= 0xdf) need = 1;
  else if (b >= 0xe0 && b <= 0xef) {
    need = 2;
    if (b === 0xe0) lo = 0xa0;
    if (b === 0xed) hi = 0x9f;
  } else if (b >= 0xf0 && b <= 0xf4) {
    need = 3;
    if (b === 0xf0) lo = 0x90;
    if (b === 0xf4) hi = 0x8f;
  } else return -1;
  for (let k = 1; k <= need; k++) {
    const c = data[i + k];
    if (c === undefined || c < lo || c > hi) return -k;
    lo = 0x80;
    hi = 0xbf;
  }
  return need + 1;
}

function decodeError(codec: Codec, data: Uint8Array, at: number, why: string): ValueError {
  const byte = (data[at] as number).toString(16).padStart(2, '0');
  return new ValueError(`'${codec}' codec can't decode byte 0x${byte} at position ${at}: ${why}`);
}

/** Decode comment bytes as text; ValueError for bytes the encoding rejects under 'strict'. */
export function decodeText(data: Uint8Array, encoding = 'utf-8', errors: TextErrors = 'strict'): string {
  const codec = codecOf(encoding);
  checkErrors(errors);
  if (codec === 'latin-1') {
    let s = '';
    for (let i = 0; i < data.length; i += 0x8000) s += String.fromCharCode(...data.subarray(i, i + 0x8000));
    return s;
  }
  if (codec === 'ascii') {
    let s = '';
    for (let i = 0; i < data.length; i++) {
      const b = data[i] as number;
      if (b < 0x80) s += String.fromCharCode(b);
      else if (errors === 'strict') throw decodeError(codec, data, i, 'ordinal not in range(128)');
      else if (errors === 'replace') s += '\ufffd';
    }
    return s;
  }
  if (errors === 'replace') return new TextDecoder('utf-8').decode(data);
  const kept: number[] = [];
  for (let i = 0; i < data.length; ) {
    const n = utf8SequenceAt(data, i);
    if (n > 0) {
      for (let k = 0; k < n; k++) kept.push(data[i + k] as number);
      i += n;
    } else if (errors === 'strict') {
      throw decodeError(codec, data, i, n === -1 ? 'invalid start byte' : 'invalid or truncated sequence');
    } else {
      i += -n;
    }
  }
  return new TextDecoder('utf-8').decode(Uint8Array.from(kept));
}

/** Encode comment text; ValueError for characters the encoding lacks under 'strict'. */
export function encodeText(text: string, encoding = 'utf-8', errors: TextErrors = 'strict'): Uint8Array {
  const codec = codecOf(encoding);
  checkErrors(errors);
  const limit = codec === 'utf-8' ? 0x10ffff : codec === 'latin-1' ? 0xff : 0x7f;
  let out = '';
  let at = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0) as number;
    const lone = cp >= 0xd800 && cp <= 0xdfff;
    if (cp <= limit && !lone) out += ch;
    else if (errors === 'strict') {
      const hex = cp.toString(16).padStart(4, '0');
      throw new ValueError(`'${codec}' codec can't encode character U+${hex} at position ${at}`);
    } else if (errors === 'replace') out += '?';
    at += ch.length;
  }
  if (codec === 'utf-8') return new TextEncoder().encode(out);
  return Uint8Array.from(out, (c) => c.charCodeAt(0));
}

/** A comment argument (text, bytes or null) as bytes, or null for none. */
export function commentBytes(
  comment: string | Uint8Array | null,
  encoding = 'utf-8',
  errors: TextErrors = 'strict',
): Uint8Array | null {
  if (comment === null) return null;
  return typeof comment === 'string' ? encodeText(comment, encoding, errors) : comment.slice();
}
