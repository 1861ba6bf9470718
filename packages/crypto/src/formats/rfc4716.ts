import { KeyImportError } from '../errors.js';
import { decodePublicBlob, encodePublicBlob } from '../keys/blob.js';
import type { KeyBackend } from '../keys/types.js';
import { fromBase64, toBase64 } from './base64.js';
import { type DecodedKey, latin1, type PublicKeyFormat } from './types.js';

const BEGIN = '---- BEGIN SSH2 PUBLIC KEY ----';
const END = '---- END SSH2 PUBLIC KEY ----';
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** One RFC 4716 block: its headers (names lower-cased) and the public key blob. */
export interface Rfc4716Block {
  readonly headers: ReadonlyMap<string, string>;
  readonly blob: Uint8Array;
}

/** Parse the first RFC 4716 block in `data` (RFC 4716 §3); KeyImportError when malformed. */
export function parseRfc4716(data: Uint8Array): Rfc4716Block {
  const text = latin1(data);
  const start = text.indexOf(BEGIN);
  const end = text.indexOf(END, start);
  if (start < 0 || end < 0) throw new KeyImportError('missing RFC 4716 BEGIN / END lines');
  const lines = text.slice(start + BEGIN.length, end).split(/\r?\n|\r/);
  const headers = new Map<string, string>();
  let i = 0;
  while (i < lines.length && (lines[i] as string).trim() === '') i++;
  for (; i < lines.length; i++) {
    let line = lines[i] as string;
    if (!line.includes(':')) break;
    while (line.endsWith('\\')) {
      i++;
      if (i >= lines.length) throw new KeyImportError('RFC 4716 header continues past the end');
      line = line.slice(0, -1) + (lines[i] as string);
    }
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).trim();
    if (!/^[\x21-\x7e]{1,64}$/.test(name) || name.includes(':')) {
      throw new KeyImportError(`invalid RFC 4716 header name '${name}'`);
    }
    let value = line.slice(colon + 1).trim();
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    headers.set(name.toLowerCase(), value);
  }
  let blob: Uint8Array;
  try {
    blob = fromBase64(lines.slice(i).join(''));
  } catch {
    throw new KeyImportError('RFC 4716 key has invalid base64');
  }
  if (blob.length === 0) throw new KeyImportError('RFC 4716 block holds no key');
  return { headers, blob };
}

function decode(data: Uint8Array, backend: KeyBackend): DecodedKey {
  const { headers, blob } = parseRfc4716(data);
  const impl = decodePublicBlob(blob, backend);
  const raw = headers.get('comment');
  let comment: Uint8Array | null = null;
  if (raw !== undefined && raw !== '') {
    const bytes = Uint8Array.from(raw, (c) => c.charCodeAt(0));
    try {
      comment = new TextEncoder().encode(utf8.decode(bytes));
    } catch {
      comment = bytes;
    }
  }
  return { impl, comment };
}

/** Wrap a header line at 72 bytes with backslash continuations (RFC 4716 §3.3). */
function headerLines(name: string, value: string): string[] {
  const full = `${name}: ${value}`;
  const out: string[] = [];
  let rest = full;
  while (rest.length > 72) {
    out.push(`${rest.slice(0, 71)}\\`);
    rest = rest.slice(71);
  }
  out.push(rest);
  return out;
}

/** Encode a public key as an RFC 4716 block, with its comment in a Comment header. */
export function encodeRfc4716(key: DecodedKey): Uint8Array {
  const lines = [BEGIN];
  if (key.comment && key.comment.length > 0) {
    // The comment's bytes as they are (UTF-8 or not), as ssh-keygen and AsyncSSH write them.
    const text = latin1(key.comment);
    lines.push(...headerLines('Comment', `"${text}"`));
  }
  const b64 = toBase64(encodePublicBlob(key.impl));
  for (let i = 0; i < b64.length; i += 70) lines.push(b64.slice(i, i + 70));
  lines.push(END, '');
  return Uint8Array.from(lines.join('\n'), (c) => c.charCodeAt(0));
}

/** The 'rfc4716' public key format ("SSH2 PUBLIC KEY" blocks, as `ssh-keygen -e` writes). */
export const rfc4716PublicFormat: PublicKeyFormat = {
  name: 'rfc4716',
  detect: (data) => latin1(data.subarray(0, 4096)).includes(BEGIN),
  decode,
  encode: encodeRfc4716,
};
