import { KeyImportError } from '../errors.js';
import { fromBase64, toBase64 } from './base64.js';
import { latin1 } from './types.js';

/** One PEM block (RFC 7468, with RFC 1421 style headers as OpenSSL writes them). */
export interface PemBlock {
  /** The label between BEGIN and END ('RSA PRIVATE KEY', 'PUBLIC KEY', ...). */
  readonly label: string;
  /** Header lines before the base64 body ('Proc-Type', 'DEK-Info'), by name. */
  readonly headers: ReadonlyMap<string, string>;
  /** The decoded body. */
  readonly body: Uint8Array;
}

const BEGIN_RE = /-----BEGIN ([A-Z0-9 ]+)-----/g;

/** Labels of every PEM block in `data` (cheap: no decoding). */
export function pemLabels(data: Uint8Array): string[] {
  const text = latin1(data.subarray(0, 1 << 20));
  return [...text.matchAll(BEGIN_RE)].map((m) => m[1] as string);
}

/** True when a PEM block in `data` has one of `labels` (a file may hold a certificate beside its key). */
export function hasPemLabel(data: Uint8Array, labels: readonly string[]): boolean {
  return pemLabels(data).some((l) => labels.includes(l));
}

/** Decode the first PEM block whose label is one of `labels`; KeyImportError when absent or broken. */
export function pemDecode(data: Uint8Array, labels: readonly string[]): PemBlock {
  const text = latin1(data);
  for (const m of text.matchAll(BEGIN_RE)) {
    const label = m[1] as string;
    if (!labels.includes(label)) continue;
    const start = (m.index as number) + m[0].length;
    const endMark = `-----END ${label}-----`;
    const end = text.indexOf(endMark, start);
    if (end < 0) throw new KeyImportError(`PEM block '${label}' has no END line`);
    const lines = text.slice(start, end).split(/\r?\n|\r/);
    const headers = new Map<string, string>();
    let i = 0;
    while (i < lines.length && (lines[i] as string).trim() === '') i++;
    for (; i < lines.length; i++) {
      const line = lines[i] as string;
      const h = /^([A-Za-z0-9-]+):\s*(.*)$/.exec(line);
      if (!h) break;
      headers.set(h[1] as string, (h[2] as string).trim());
    }
    let body: Uint8Array;
    try {
      body = fromBase64(lines.slice(i).join(''));
    } catch {
      throw new KeyImportError(`PEM block '${label}' has invalid base64`);
    }
    if (body.length === 0) throw new KeyImportError(`PEM block '${label}' is empty`);
    return { label, headers, body };
  }
  throw new KeyImportError(`no PEM block labelled ${labels.map((l) => `'${l}'`).join(' or ')}`);
}

/** Encode a PEM block with 64-column base64 lines and optional headers. */
export function pemEncode(
  label: string,
  body: Uint8Array,
  headers: readonly [string, string][] = [],
): Uint8Array {
  const b64 = toBase64(body);
  const lines: string[] = [`-----BEGIN ${label}-----`];
  for (const [k, v] of headers) lines.push(`${k}: ${v}`);
  if (headers.length > 0) lines.push('');
  for (let i = 0; i < b64.length; i += 64) lines.push(b64.slice(i, i + 64));
  lines.push(`-----END ${label}-----`, '');
  return new TextEncoder().encode(lines.join('\n'));
}
