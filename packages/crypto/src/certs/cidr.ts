/**
 * IPv4 / IPv6 addresses and CIDR lists, as the `source-address` critical
 * option of OpenSSH certificates carries them ("192.0.2.0/24,2001:db8::/32").
 */

/** One network: its address bytes (4 or 16) and prefix length. */
export interface CidrNetwork {
  readonly bytes: Uint8Array;
  readonly prefix: number;
}

function parseIPv4(text: string): Uint8Array | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  const out = new Uint8Array(4);
  for (let i = 0; i < 4; i++) {
    const p = parts[i] as string;
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return undefined;
    out[i] = Number(p);
  }
  return out;
}

function parseIPv6(text: string): Uint8Array | undefined {
  let words: number[];
  let tail = text;
  let v4: Uint8Array | undefined;
  if (tail.includes('.')) {
    const lastColon = tail.lastIndexOf(':');
    v4 = parseIPv4(tail.slice(lastColon + 1));
    if (!v4) return undefined;
    tail = tail.slice(0, lastColon + 1);
    if (!tail.endsWith('::')) tail = tail.slice(0, -1);
  }
  const want = v4 ? 6 : 8;
  const halves = tail.split('::');
  if (halves.length > 2) return undefined;
  const parse = (s: string): number[] | undefined => {
    if (s === '') return [];
    const out: number[] = [];
    for (const w of s.split(':')) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(w)) return undefined;
      out.push(Number.parseInt(w, 16));
    }
    return out;
  };
  const head = parse(halves[0] as string);
  const rest = halves.length === 2 ? parse(halves[1] as string) : [];
  if (!head || !rest) return undefined;
  if (halves.length === 2) {
    const gap = want - head.length - rest.length;
    if (gap < 1) return undefined;
    words = [...head, ...new Array<number>(gap).fill(0), ...rest];
  } else {
    words = head;
  }
  if (words.length !== want) return undefined;
  const out = new Uint8Array(16);
  words.forEach((w, i) => {
    out[2 * i] = w >> 8;
    out[2 * i + 1] = w & 0xff;
  });
  if (v4) out.set(v4, 12);
  return out;
}

/** Parse an IPv4 or IPv6 address (an IPv6 zone suffix is dropped); undefined when invalid. */
export function parseIpAddress(text: string): Uint8Array | undefined {
  const t = text.trim();
  if (t.includes(':')) return parseIPv6(t.replace(/%.*$/, ''));
  return parseIPv4(t);
}

/**
 * An address as text: IPv4 dotted, IPv6 in RFC 5952 form (lower case, the
 * first longest run of two or more zero groups as '::'), as Python's
 * ipaddress writes them. RangeError unless 4 or 16 bytes.
 */
export function formatIpAddress(bytes: Uint8Array): string {
  if (bytes.length === 4) return Array.from(bytes).join('.');
  if (bytes.length !== 16) throw new RangeError(`an IP address has 4 or 16 bytes, not ${bytes.length}`);
  const words = Array.from(
    { length: 8 },
    (_, i) => ((bytes[2 * i] as number) << 8) | (bytes[2 * i + 1] as number),
  );
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (words[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && words[j] === 0) j++;
    if (j - i > bestLen) {
      best = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = words.map((w) => w.toString(16));
  if (best < 0) return hex.join(':');
  return `${hex.slice(0, best).join(':')}::${hex.slice(best + bestLen).join(':')}`;
}

/** Parse `addr[/prefix]`; undefined when invalid. */
export function parseCidr(text: string): CidrNetwork | undefined {
  const [addr, len, extra] = text.trim().split('/');
  if (addr === undefined || extra !== undefined) return undefined;
  const bytes = parseIpAddress(addr);
  if (!bytes) return undefined;
  const max = bytes.length * 8;
  if (len === undefined) return { bytes, prefix: max };
  if (!/^\d{1,3}$/.test(len) || Number(len) > max) return undefined;
  return { bytes, prefix: Number(len) };
}

/** Parse a comma-separated CIDR list; throws RangeError naming the first bad entry. */
export function parseCidrList(text: string): CidrNetwork[] {
  return text.split(',').map((entry) => {
    const net = parseCidr(entry);
    if (!net) throw new RangeError(`invalid address or network '${entry}'`);
    return net;
  });
}

/** IPv4-mapped IPv6 (::ffff:a.b.c.d) as its IPv4 address. */
function unmapped(b: Uint8Array): Uint8Array {
  if (b.length !== 16) return b;
  for (let i = 0; i < 10; i++) if (b[i] !== 0) return b;
  return b[10] === 0xff && b[11] === 0xff ? b.subarray(12) : b;
}

/** True when `address` lies in `net`. */
export function cidrContains(net: CidrNetwork, address: Uint8Array): boolean {
  const a = unmapped(address);
  if (a.length !== net.bytes.length) return false;
  let bits = net.prefix;
  for (let i = 0; bits > 0; i++, bits -= 8) {
    const mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
    if (((a[i] as number) & mask) !== ((net.bytes[i] as number) & mask)) return false;
  }
  return true;
}

/** True when the address text lies in any network of the list. */
export function addressInCidrList(list: readonly CidrNetwork[], address: string): boolean {
  const a = parseIpAddress(address);
  return a !== undefined && list.some((n) => cidrContains(n, a));
}
