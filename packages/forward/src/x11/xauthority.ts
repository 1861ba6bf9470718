import { readFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import { homedir, hostname } from 'node:os';
import path from 'node:path';
import { isLocalDisplay, type X11Display } from './display.js';

// Xauthority address families (Xau library, Xauth.h).
const FAMILY_INTERNET = 0;
const FAMILY_INTERNET6 = 6;
const FAMILY_LOCAL = 256;
const FAMILY_WILD = 65535;

/** One Xauthority entry. */
export interface XauthEntry {
  family: number;
  address: Uint8Array;
  number: string;
  name: string;
  data: Uint8Array;
}

/** The Xauthority file to read: `authPath`, else $XAUTHORITY, else ~/.Xauthority. */
export function xauthorityPath(authPath?: string): string {
  return authPath ?? process.env.XAUTHORITY ?? path.join(homedir(), '.Xauthority');
}

/** Decode an Xauthority file: records of family (uint16) then address, number, name and data (uint16 length + bytes, big-endian). A truncated tail is ignored. */
export function parseXauthority(bytes: Uint8Array): XauthEntry[] {
  const out: XauthEntry[] = [];
  let at = 0;
  const u16 = (): number | undefined => {
    if (at + 2 > bytes.length) return undefined;
    const v = ((bytes[at] as number) << 8) | (bytes[at + 1] as number);
    at += 2;
    return v;
  };
  const field = (): Uint8Array | undefined => {
    const n = u16();
    if (n === undefined || at + n > bytes.length) return undefined;
    const v = bytes.subarray(at, at + n);
    at += n;
    return v;
  };
  const text = new TextDecoder();
  for (;;) {
    const family = u16();
    const address = field();
    const number = field();
    const name = field();
    const data = field();
    if (family === undefined || !address || !number || !name || !data) return out;
    out.push({ family, address, number: text.decode(number), name: text.decode(name), data: data.slice() });
  }
}

function addressMatches(e: XauthEntry, d: X11Display): boolean {
  if (e.family === FAMILY_WILD) return true;
  // Like Xlib, a loopback display uses the machine's own (FamilyLocal) entry.
  const local = isLocalDisplay(d) || d.host === 'localhost' || d.host === '::1' || d.host.startsWith('127.');
  if (e.family === FAMILY_LOCAL) return local && new TextDecoder().decode(e.address) === hostname();
  if (e.family === FAMILY_INTERNET && e.address.length === 4 && isIP(d.host) === 4) {
    return e.address.join('.') === d.host;
  }
  if (e.family === FAMILY_INTERNET6 && e.address.length === 16 && isIP(d.host) === 6) {
    const groups: string[] = [];
    for (let i = 0; i < 16; i += 2) {
      groups.push((((e.address[i] as number) << 8) | (e.address[i + 1] as number)).toString(16));
    }
    const canonical = (h: string) => new URL(`http://[${h}]`).hostname;
    return canonical(groups.join(':')) === canonical(d.host);
  }
  return false;
}

/** The MIT-MAGIC-COOKIE-1 (or first) entry for display `d`, or null when the file has none or can't be read. */
export async function lookupXauth(
  d: X11Display,
  authPath?: string,
): Promise<{ name: string; data: Uint8Array } | null> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(xauthorityPath(authPath));
  } catch {
    return null;
  }
  const matches = parseXauthority(bytes).filter(
    (e) => (e.number === String(d.display) || e.number === '') && addressMatches(e, d),
  );
  const best = matches.find((e) => e.name === 'MIT-MAGIC-COOKIE-1') ?? matches[0];
  return best ? { name: best.name, data: best.data } : null;
}
