import { fromBase64, toBase64 } from '../formats/base64.js';

/** RFC 4716 and PEM (RFC 7468) armor for certificate export and import. */

const RFC4716_BEGIN = '---- BEGIN SSH2 PUBLIC KEY ----';
const RFC4716_END = '---- END SSH2 PUBLIC KEY ----';

function wrap(b64: string, width: number): string[] {
  const lines: string[] = [];
  for (let i = 0; i < b64.length; i += width) lines.push(b64.slice(i, i + width));
  return lines;
}

/** Encode a blob in RFC 4716 form, with a Comment header when a comment is given. */
export function encodeRfc4716(blob: Uint8Array, comment: string | null): string {
  const lines = [RFC4716_BEGIN];
  if (comment) {
    const header = `Comment: "${comment.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
    // Header lines are at most 72 bytes; longer ones continue with a backslash.
    const parts = wrap(header, 71);
    parts.forEach((p, i) => {
      lines.push(i < parts.length - 1 ? `${p}\\` : p);
    });
  }
  lines.push(...wrap(toBase64(blob), 70), RFC4716_END);
  return `${lines.join('\n')}\n`;
}

/** One block of RFC 4716 text: the blob and the Comment header, if any. */
export interface Rfc4716Block {
  readonly blob: Uint8Array;
  readonly comment: string | null;
}

/** Decode every RFC 4716 block in `text`; throws RangeError on broken armor or base64. */
export function decodeRfc4716All(text: string): Rfc4716Block[] {
  const out: Rfc4716Block[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    if ((lines[i] as string).trim() !== RFC4716_BEGIN) continue;
    let comment: string | null = null;
    let body = '';
    let j = i + 1;
    for (; j < lines.length && (lines[j] as string).trim() !== RFC4716_END; j++) {
      let line = (lines[j] as string).trim();
      if (/^[\x21-\x39\x3b-\x7e]+:/.test(line)) {
        while (line.endsWith('\\') && j + 1 < lines.length)
          line = line.slice(0, -1) + (lines[++j] as string).trim();
        const m = /^Comment:\s*(.*)$/i.exec(line);
        if (m) {
          const v = (m[1] as string).trim();
          comment =
            v.startsWith('"') && v.endsWith('"') && v.length >= 2
              ? v.slice(1, -1).replace(/\\(.)/g, '$1')
              : v;
        }
      } else body += line;
    }
    if (j >= lines.length) throw new RangeError('RFC 4716 block has no end line');
    out.push({ blob: fromBase64(body), comment });
    i = j;
  }
  return out;
}

/** True when the text holds RFC 4716 armor. */
export const isRfc4716 = (text: string): boolean => text.includes(RFC4716_BEGIN);

/** Encode DER bytes as PEM with the given label ('CERTIFICATE'). */
export function encodePem(label: string, der: Uint8Array): string {
  return `-----BEGIN ${label}-----\n${wrap(toBase64(der), 64).join('\n')}\n-----END ${label}-----\n`;
}

/** Decode every PEM block with `label` in `text`; throws RangeError on broken armor or base64. */
export function decodePemAll(text: string, label: string): Uint8Array[] {
  const out: Uint8Array[] = [];
  const begin = `-----BEGIN ${label}-----`;
  const end = `-----END ${label}-----`;
  let at = text.indexOf(begin);
  while (at >= 0) {
    const stop = text.indexOf(end, at);
    if (stop < 0) throw new RangeError(`PEM ${label} block has no end line`);
    out.push(fromBase64(text.slice(at + begin.length, stop)));
    at = text.indexOf(begin, stop);
  }
  return out;
}
