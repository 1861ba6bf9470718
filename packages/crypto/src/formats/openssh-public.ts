import { KeyImportError } from '../errors.js';
import { decodePublicBlob, encodePublicBlob } from '../keys/blob.js';
import type { KeyBackend } from '../keys/types.js';
import { fromBase64, toBase64 } from './base64.js';
import { type DecodedKey, latin1, type PublicKeyFormat } from './types.js';

/** Parse a key line whose comment is turned into bytes by `commentBytes`. */
function parseLine(line: string, backend: KeyBackend, commentBytes: (c: string) => Uint8Array): DecodedKey {
  const m = /^\s*(\S+)\s+([A-Za-z0-9+/=]+)(?:\s+(.*?))?\s*$/.exec(line);
  if (!m) throw new KeyImportError('not an OpenSSH public key line');
  const [, type, b64, comment] = m;
  let blob: Uint8Array;
  try {
    blob = fromBase64(b64 as string);
  } catch {
    throw new KeyImportError('OpenSSH public key has invalid base64');
  }
  const impl = decodePublicBlob(blob, backend);
  if (impl.keyType !== type)
    throw new KeyImportError(`public key line says '${type}' but holds a ${impl.keyType} key`);
  return { impl, comment: comment ? commentBytes(comment) : null };
}

/** Parse one `type base64 [comment]` line (the .pub / authorized_keys key form); the comment is stored as UTF-8. */
export function parseOpenSSHPublicLine(line: string, backend: KeyBackend): DecodedKey {
  return parseLine(line, backend, (c) => new TextEncoder().encode(c));
}

/** Encode `type base64 comment\n`, the comment's bytes as they are (UTF-8 or not). */
export function encodeOpenSSHPublicLine(key: DecodedKey): Uint8Array {
  const blob = encodePublicBlob(key.impl);
  const head = new TextEncoder().encode(`${key.impl.keyType} ${toBase64(blob)}`);
  const comment = key.comment && key.comment.length > 0 ? key.comment : null;
  const out = new Uint8Array(head.length + (comment ? comment.length + 1 : 0) + 1);
  out.set(head);
  if (comment) {
    out[head.length] = 0x20;
    out.set(comment, head.length + 1);
  }
  out[out.length - 1] = 0x0a;
  return out;
}

/** The first key line of a file, as Latin-1 text: one character per byte, so comment bytes survive as they are. */
function firstKeyLine(data: Uint8Array): string | undefined {
  return latin1(data)
    .split(/\r?\n/)
    .find((l) => l.trim() !== '' && !l.trimStart().startsWith('#'));
}

const latin1Bytes = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));

/** The 'openssh' public key format: one line per key. */
export const opensshPublicFormat: PublicKeyFormat = {
  name: 'openssh',
  detect(data) {
    const line = firstKeyLine(data);
    return line !== undefined && /^\s*[a-z][\w.@-]*\s+AAAA/.test(line);
  },
  decode(data, backend) {
    const line = firstKeyLine(data);
    if (line === undefined) throw new KeyImportError('no public key line found');
    return parseLine(line, backend, latin1Bytes);
  },
  encode: encodeOpenSSHPublicLine,
};
