import { KeyImportError } from '../errors.js';
import { decodePublicBlob, encodePublicBlob } from '../keys/blob.js';
import type { KeyBackend } from '../keys/types.js';
import { fromBase64, toBase64 } from './base64.js';
import type { DecodedKey, PublicKeyFormat } from './types.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Parse one `type base64 [comment]` line (the .pub / authorized_keys key form). */
export function parseOpenSSHPublicLine(line: string, backend: KeyBackend): DecodedKey {
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
  return { impl, comment: comment ? new TextEncoder().encode(comment) : null };
}

/** Encode `type base64 comment\n`. */
export function encodeOpenSSHPublicLine(key: DecodedKey): Uint8Array {
  const blob = encodePublicBlob(key.impl);
  let line = `${key.impl.keyType} ${toBase64(blob)}`;
  if (key.comment && key.comment.length > 0) line += ` ${new TextDecoder().decode(key.comment)}`;
  return new TextEncoder().encode(`${line}\n`);
}

function firstKeyLine(data: Uint8Array): string | undefined {
  let text: string;
  try {
    text = utf8.decode(data);
  } catch {
    return undefined;
  }
  return text.split(/\r?\n/).find((l) => l.trim() !== '' && !l.trimStart().startsWith('#'));
}

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
    return parseOpenSSHPublicLine(line, backend);
  },
  encode: encodeOpenSSHPublicLine,
};
