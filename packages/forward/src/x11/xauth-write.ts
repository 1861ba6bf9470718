import { readFile, rename, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { parseXauthority, type XauthEntry } from './xauthority.js';

const FAMILY_LOCAL = 256;

function encodeEntry(e: XauthEntry): Uint8Array {
  const enc = new TextEncoder();
  const parts = [e.address, enc.encode(e.number), enc.encode(e.name), e.data];
  const out = new Uint8Array(2 + parts.reduce((n, p) => n + 2 + p.length, 0));
  out[0] = e.family >> 8;
  out[1] = e.family & 255;
  let at = 2;
  for (const p of parts) {
    out[at] = p.length >> 8;
    out[at + 1] = p.length & 255;
    out.set(p, at + 2);
    at += 2 + p.length;
  }
  return out;
}

async function rewrite(file: string, change: (entries: XauthEntry[]) => XauthEntry[]): Promise<void> {
  let entries: XauthEntry[] = [];
  try {
    entries = parseXauthority(await readFile(file));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const next = change(entries).map(encodeEntry);
  const bytes = new Uint8Array(next.reduce((n, e) => n + e.length, 0));
  let at = 0;
  for (const e of next) {
    bytes.set(e, at);
    at += e.length;
  }
  const tmp = `${file}.${process.pid}-${Date.now()}.tmp`;
  await writeFile(tmp, bytes, { mode: 0o600 });
  await rename(tmp, file);
}

const mine = (display: number) => (e: XauthEntry) =>
  e.family === FAMILY_LOCAL &&
  new TextDecoder().decode(e.address) === hostname() &&
  e.number === String(display);

/** Set the cookie of local display `display` in the Xauthority file `file` (replacing an older one). */
export function addXauthEntry(file: string, display: number, name: string, data: Uint8Array): Promise<void> {
  const entry: XauthEntry = {
    family: FAMILY_LOCAL,
    address: new TextEncoder().encode(hostname()),
    number: String(display),
    name,
    data,
  };
  return rewrite(file, (entries) => [...entries.filter((e) => !mine(display)(e)), entry]);
}

/** Remove the entries of local display `display` from `file`. */
export function removeXauthEntry(file: string, display: number): Promise<void> {
  return rewrite(file, (entries) => entries.filter((e) => !mine(display)(e)));
}
