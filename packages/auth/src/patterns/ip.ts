/** IPv4 / IPv6 address parsing and CIDR matching for `from=` patterns. */

/** Parse a dotted IPv4 address into 4 bytes, or undefined. */
export function parseIPv4(text: string): Uint8Array | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  const out = new Uint8Array(4);
  for (let i = 0; i < 4; i++) {
    const part = parts[i] as string;
    if (!/^\d{1,3}$/.test(part)) return undefined;
    const v = Number(part);
    if (v > 255) return undefined;
    out[i] = v;
  }
  return out;
}

function parseGroups(text: string): number[] | undefined {
  if (text === '') return [];
  const groups: number[] = [];
  for (const g of text.split(':')) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
    groups.push(Number.parseInt(g, 16));
  }
  return groups;
}

/** Parse an IPv6 address (with `::` and an embedded IPv4 tail; no zone) into 16 bytes, or undefined. */
export function parseIPv6(text: string): Uint8Array | undefined {
  if (!text.includes(':')) return undefined;
  let body = text;
  const lastColon = body.lastIndexOf(':');
  if (body.slice(lastColon + 1).includes('.')) {
    const tail = parseIPv4(body.slice(lastColon + 1));
    if (!tail) return undefined;
    const hi = (((tail[0] as number) << 8) | (tail[1] as number)).toString(16);
    const lo = (((tail[2] as number) << 8) | (tail[3] as number)).toString(16);
    body = `${body.slice(0, lastColon + 1)}${hi}:${lo}`;
  }
  const halves = body.split('::');
  if (halves.length > 2) return undefined;
  const head = parseGroups(halves[0] as string);
  const rest = halves.length === 2 ? parseGroups(halves[1] as string) : [];
  if (!head || !rest) return undefined;
  const total = head.length + rest.length;
  if (halves.length === 1 ? total !== 8 : total > 7) return undefined;
  const groups = [...head, ...new Array<number>(8 - total).fill(0), ...rest];
  const out = new Uint8Array(16);
  groups.forEach((g, i) => {
    out[2 * i] = g >> 8;
    out[2 * i + 1] = g & 0xff;
  });
  return out;
}

/** Parse an IPv4 or IPv6 address, or undefined when `text` is neither. */
export function parseIP(text: string): Uint8Array | undefined {
  return parseIPv4(text) ?? parseIPv6(text);
}

/** A parsed `addr/bits` network. */
export interface Cidr {
  readonly network: Uint8Array;
  readonly bits: number;
}

/** Parse `addr/bits`; undefined when malformed, when bits are out of range or host bits are set. */
export function parseCidr(text: string): Cidr | undefined {
  const slash = text.indexOf('/');
  if (slash < 0) return undefined;
  const network = parseIP(text.slice(0, slash));
  const bitsText = text.slice(slash + 1);
  if (!network || !/^\d{1,3}$/.test(bitsText)) return undefined;
  const bits = Number(bitsText);
  if (bits > network.length * 8) return undefined;
  for (let i = 0; i < network.length; i++) {
    const keep = Math.max(0, Math.min(8, bits - i * 8));
    const mask = (0xff << (8 - keep)) & 0xff;
    if (((network[i] as number) & ~mask & 0xff) !== 0) return undefined;
  }
  return { network, bits };
}

/** Whether `addr` (already parsed) falls in `cidr`; IPv4 and IPv6 never match each other. */
export function cidrContains(cidr: Cidr, addr: Uint8Array): boolean {
  if (addr.length !== cidr.network.length) return false;
  let bits = cidr.bits;
  for (let i = 0; bits > 0; i++, bits -= 8) {
    const mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
    if ((((addr[i] as number) ^ (cidr.network[i] as number)) & mask) !== 0) return false;
  }
  return true;
}
