import { kexFail, randomBytes } from './bytes.js';
import { DH_GROUP14, DH_GROUP15, DH_GROUP16, DH_GROUP17, DH_GROUP18 } from './dh-groups.js';
import type { DHGroup } from './types.js';

/** One group of an OpenSSH moduli file (moduli(5)). */
export interface ModuliEntry extends DHGroup {
  /** Size of p in bits (the file stores size - 1). */
  readonly bits: number;
  /** Generation timestamp, YYYYMMDDHHMMSS. */
  readonly timestamp: string;
  /** Type of prime: 2 = safe prime. */
  readonly type: number;
  /** Bit mask of the tests passed (0x04 = Miller-Rabin). */
  readonly tests: number;
  /** Number of rounds of the primality tests. */
  readonly tries: number;
}

/** Smallest and largest group sizes accepted in group exchange (as OpenSSH). */
export const GEX_MIN_BITS = 2048;
/** Largest group size accepted in group exchange. */
export const GEX_MAX_BITS = 8192;

/**
 * Parse the text of an OpenSSH moduli file: one group per line as
 * `timestamp type tests tries size generator modulus` (hex modulus), with
 * `#` comments. Lines that are malformed, not safe primes (type 2), untested
 * or whose size does not match the modulus are skipped, as sshd does.
 */
export function parseModuli(text: string): ModuliEntry[] {
  const out: ModuliEntry[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const f = line.split(/\s+/);
    if (f.length !== 7) continue;
    const [timestamp, type, tests, tries, size, gen, mod] = f as [
      string,
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    if (!/^[0-9]+$/.test(type + tests + tries + size) || !/^[0-9a-fA-F]+$/.test(gen + mod)) continue;
    const t = Number(type);
    const tst = Number(tests);
    if (t !== 2 || (tst & 1) !== 0 || tst === 0) continue;
    const p = BigInt(`0x${mod}`);
    const g = BigInt(`0x${gen}`);
    const bits = p.toString(2).length;
    if (bits !== Number(size) + 1 || g < 2n || g > p - 2n) continue;
    out.push({ p, g, bits, timestamp, type: t, tests: tst, tries: Number(tries) });
  }
  return out;
}

const BUILT_IN: readonly ModuliEntry[] = [DH_GROUP14, DH_GROUP15, DH_GROUP16, DH_GROUP17, DH_GROUP18].map(
  (grp) => ({
    ...grp,
    bits: grp.p.toString(2).length,
    timestamp: '',
    type: 2,
    tests: 4,
    tries: 100,
  }),
);

function randomIndex(n: number): number {
  const b = randomBytes(4);
  return (
    ((((b[0] as number) << 24) | ((b[1] as number) << 16) | ((b[2] as number) << 8) | (b[3] as number)) >>>
      0) %
    n
  );
}

/**
 * Server side of group exchange: pick a group for a client's request
 * (min, n, max in bits) the way sshd does. The request is clamped to
 * [GEX_MIN_BITS, GEX_MAX_BITS]; among the groups within [min, max] the size
 * closest to n from above (else the largest below n) wins, and one group of
 * that size is drawn at random. With no moduli or no match, the built-in
 * RFC 3526 groups are used the same way; if even they do not fit, the
 * largest built-in group not above max (else group 14), as OpenSSH falls back.
 * Throws KeyExchangeFailed on an inconsistent request.
 */
export function chooseGexGroup(
  min: number,
  n: number,
  max: number,
  moduli: readonly ModuliEntry[] = [],
): ModuliEntry {
  const lo = Math.max(GEX_MIN_BITS, min);
  const hi = Math.min(GEX_MAX_BITS, max);
  const want = Math.min(GEX_MAX_BITS, Math.max(GEX_MIN_BITS, n));
  if (hi < lo || want < lo || want > hi)
    kexFail('dh-gex', `bad group request: min ${min}, n ${n}, max ${max}`);
  const pick = (list: readonly ModuliEntry[]): ModuliEntry | undefined => {
    let best = -1;
    for (const e of list) {
      if (e.bits < lo || e.bits > hi) continue;
      if ((e.bits >= want && (best < want || e.bits < best)) || (e.bits > best && best < want)) best = e.bits;
    }
    const same = list.filter((e) => e.bits === best);
    return same.length > 0 ? same[randomIndex(same.length)] : undefined;
  };
  const chosen = pick(moduli) ?? pick(BUILT_IN);
  if (chosen) return chosen;
  const below = BUILT_IN.filter((e) => e.bits <= hi);
  return below[below.length - 1] ?? (BUILT_IN[0] as ModuliEntry);
}

/**
 * Client side of group exchange: check the group the server sent against
 * the request (size within [min, max], generator in [2, p-2], p odd).
 * Throws KeyExchangeFailed otherwise.
 */
export function checkGexGroup(group: DHGroup, min: number, max: number): void {
  const bits = group.p.toString(2).length;
  if (bits < min || bits > max) kexFail('dh-gex', `server sent a ${bits}-bit group outside [${min}, ${max}]`);
  if ((group.p & 1n) === 0n) kexFail('dh-gex', 'server sent an even modulus');
  if (group.g < 2n || group.g > group.p - 2n) kexFail('dh-gex', 'server sent a generator outside [2, p-2]');
}
