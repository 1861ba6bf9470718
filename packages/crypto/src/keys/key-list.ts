/** Split a file holding several keys into one chunk per key (for the *List readers). */

const latin1 = (data: Uint8Array): string => {
  let s = '';
  for (let i = 0; i < data.length; i += 0x8000) s += String.fromCharCode(...data.subarray(i, i + 0x8000));
  return s;
};
const bytes = (text: string): Uint8Array => Uint8Array.from(text, (c) => c.charCodeAt(0));

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----[\s\S]*?-----END \1-----/g;
const RFC4716_BLOCK = /---- BEGIN SSH2 PUBLIC KEY ----[\s\S]*?---- END SSH2 PUBLIC KEY ----/g;
const PPK_BLOCK = /PuTTY-User-Key-File-\d+:[\s\S]*?Private-MAC:[^\r\n]*/g;

/**
 * Each armored private key (PEM, OpenSSH, PPK) in `data`, in file order,
 * skipping other PEM blocks (certificates); the whole data when none is armored.
 */
export function splitPrivateKeys(data: Uint8Array): Uint8Array[] {
  const text = latin1(data);
  const keyBlocks = [...text.matchAll(PEM_BLOCK)].filter((m) => (m[1] as string).endsWith('PRIVATE KEY'));
  const found = [...keyBlocks, ...text.matchAll(PPK_BLOCK)].sort(
    (a, b) => (a.index as number) - (b.index as number),
  );
  return found.length > 0 ? found.map((m) => bytes(m[0])) : [data];
}

/**
 * Each public key in `data`: RFC 4716 and PEM blocks, and OpenSSH key lines
 * (blank lines and # comments skipped); the whole data when it is not text.
 */
export function splitPublicKeys(data: Uint8Array): Uint8Array[] {
  const text = latin1(data);
  const found: { at: number; text: string }[] = [];
  let rest = text;
  for (const re of [RFC4716_BLOCK, PEM_BLOCK]) {
    for (const m of text.matchAll(re)) {
      found.push({ at: m.index as number, text: m[0] });
      rest = rest.replace(m[0], (s) => ' '.repeat(s.length));
    }
  }
  let at = 0;
  for (const line of rest.split('\n')) {
    const t = line.trim();
    if (t !== '' && !t.startsWith('#')) found.push({ at, text: line });
    at += line.length + 1;
  }
  if (found.length === 0 || /^\x30/.test(text)) return [data];
  return found.sort((a, b) => a.at - b.at).map((f) => bytes(f.text));
}
