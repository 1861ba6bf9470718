import { matchWildcard } from '@ssh/wire';

export { matchWildcard };

/**
 * Match against a comma-separated pattern list where `!pattern` negates: returns
 * -1 if a negated pattern matches, 1 if a positive pattern matches, 0 otherwise.
 * With `fold`, the text is lowercased first (host names).
 */
export function matchPatternList(text: string, list: string, fold = false): -1 | 0 | 1 {
  const subject = fold ? text.toLowerCase() : text;
  let got: 0 | 1 = 0;
  for (const entry of list.split(',')) {
    const negated = entry.startsWith('!');
    const pattern = negated ? entry.slice(1) : entry;
    if (matchWildcard(subject, fold ? pattern.toLowerCase() : pattern)) {
      if (negated) return -1;
      got = 1;
    }
  }
  return got;
}

/** Parse an IPv4 or IPv6 address into bytes, or undefined. */
export function parseAddress(text: string): Uint8Array | undefined {
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (v4 !== null) {
    const bytes = v4.slice(1).map(Number);
    return bytes.every((b) => b <= 255) ? Uint8Array.from(bytes) : undefined;
  }
  if (!text.includes(':') || !/^[0-9a-fA-F:.]+$/.test(text)) return undefined;
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groups = (part: string): number[] | undefined => {
    if (part === '') return [];
    const out: number[] = [];
    for (const g of part.split(':')) {
      if (g.includes('.')) {
        const tail = parseAddress(g);
        if (tail === undefined || tail.length !== 4) return undefined;
        out.push(
          ((tail[0] as number) << 8) | (tail[1] as number),
          ((tail[2] as number) << 8) | (tail[3] as number),
        );
      } else if (/^[0-9a-fA-F]{1,4}$/.test(g)) {
        out.push(Number.parseInt(g, 16));
      } else {
        return undefined;
      }
    }
    return out;
  };
  const head = groups(halves[0] as string);
  const tail = halves.length === 2 ? groups(halves[1] as string) : [];
  if (head === undefined || tail === undefined) return undefined;
  const fill = 8 - head.length - tail.length;
  if ((halves.length === 2 && fill < 1) || (halves.length === 1 && fill !== 0)) return undefined;
  const words = [...head, ...new Array<number>(halves.length === 2 ? fill : 0).fill(0), ...tail];
  const bytes = new Uint8Array(16);
  words.forEach((w, i) => {
    bytes[i * 2] = w >> 8;
    bytes[i * 2 + 1] = w & 0xff;
  });
  return bytes;
}

/** True when `addr` lies in `network/prefix` (or equals `network` when no prefix is given). */
export function matchCidr(addr: string, cidr: string): boolean | undefined {
  const slash = cidr.indexOf('/');
  const net = parseAddress(slash < 0 ? cidr : cidr.slice(0, slash));
  if (net === undefined) return undefined;
  const bits = slash < 0 ? net.length * 8 : Number(cidr.slice(slash + 1));
  if (!/^\d+$/.test(slash < 0 ? '0' : cidr.slice(slash + 1)) || bits > net.length * 8) return undefined;
  const a = parseAddress(addr);
  if (a === undefined || a.length !== net.length) return false;
  for (let i = 0; i < bits; i++) {
    const byte = i >> 3;
    const mask = 0x80 >> (i & 7);
    if (((a[byte] as number) & mask) !== ((net[byte] as number) & mask)) return false;
  }
  return true;
}

/**
 * Match an address against a comma-separated list of addresses, CIDR networks and
 * wildcard patterns, each optionally negated with `!`. Returns -1, 0 or 1 like
 * matchPatternList; undefined when a CIDR entry is malformed.
 */
export function matchAddressList(addr: string, list: string): -1 | 0 | 1 | undefined {
  let got: 0 | 1 = 0;
  for (const entry of list.split(',')) {
    const negated = entry.startsWith('!');
    const pattern = negated ? entry.slice(1) : entry;
    let hit: boolean | undefined;
    if (pattern.includes('/')) {
      hit = matchCidr(addr, pattern);
      if (hit === undefined) return undefined;
    } else {
      hit = matchWildcard(addr, pattern);
    }
    if (hit) {
      if (negated) return -1;
      got = 1;
    }
  }
  return got;
}
