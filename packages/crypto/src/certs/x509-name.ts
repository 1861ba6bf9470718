import { derElement, derOid, derSequence } from '../formats/der.js';
import { type Asn1, at, children, encodeText, oidText, TAG, text } from './asn1.js';

/** One attribute of a distinguished name: its short name (or dotted OID) and value. */
export interface NameAttribute {
  readonly type: string;
  readonly value: string;
}

/** A distinguished name: relative distinguished names in encoding order, each one or more attributes. */
export type X509Name = readonly (readonly NameAttribute[])[];

const SHORT_NAMES: Readonly<Record<string, string>> = {
  '2.5.4.3': 'CN',
  '2.5.4.4': 'SN',
  '2.5.4.5': 'serialNumber',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.9': 'street',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.12': 'title',
  '2.5.4.42': 'GN',
  '0.9.2342.19200300.100.1.1': 'UID',
  '0.9.2342.19200300.100.1.25': 'DC',
  '1.2.840.113549.1.9.1': 'emailAddress',
};
const OIDS: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(SHORT_NAMES).map(([oid, short]) => [short.toLowerCase(), oid]),
);

/** Decode a Name (RFC 5280 §4.1.2.4). */
export function decodeName(e: Asn1): X509Name {
  return children(e, TAG.SEQUENCE).map((rdn) =>
    children(rdn, TAG.SET).map((atv) => {
      const parts = children(atv, TAG.SEQUENCE);
      const oid = oidText(at(parts, 0, 'attribute type', TAG.OID));
      return { type: SHORT_NAMES[oid] ?? oid, value: text(at(parts, 1, 'attribute value')) };
    }),
  );
}

const escapeValue = (v: string) => v.replace(/([,+"\\<>;=])/g, '\\$1');

/** Format a name as 'CN=host, O=Example' (encoding order, as AsyncSSH and PKIX-SSH write them). */
export function formatName(name: X509Name): string {
  return name.map((rdn) => rdn.map((a) => `${a.type}=${escapeValue(a.value)}`).join('+')).join(', ');
}

/** Split on an unescaped separator character. */
function splitUnescaped(s: string, sep: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i] as string;
    if (c === '\\' && i + 1 < s.length) {
      cur += c + (s[++i] as string);
    } else if (c === sep) {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

/** Parse 'CN=host, O=Example' (also '/'-free, '+' for multi-valued RDNs); throws RangeError when malformed. */
export function parseName(s: string): X509Name {
  if (s.trim() === '') return [];
  return splitUnescaped(s, ',').map((rdn) =>
    splitUnescaped(rdn, '+').map((pair) => {
      const eq = pair.indexOf('=');
      if (eq <= 0) throw new RangeError(`invalid name component '${pair.trim()}'`);
      const type = pair.slice(0, eq).trim();
      const value = pair
        .slice(eq + 1)
        .trim()
        .replace(/\\(.)/g, '$1');
      const known = OIDS[type.toLowerCase()];
      if (!known && !/^\d+(\.\d+)+$/.test(type)) throw new RangeError(`unknown name attribute '${type}'`);
      return { type: known ? (SHORT_NAMES[known] as string) : type, value };
    }),
  );
}

/** Encode a name as DER. */
export function encodeName(name: X509Name): Uint8Array {
  return derSequence(
    ...name.map((rdn) =>
      derElement(
        TAG.SET,
        ...rdn.map((a) => {
          const oid = OIDS[a.type.toLowerCase()] ?? a.type;
          const value =
            oid === '2.5.4.6' || oid === '1.2.840.113549.1.9.1' || oid === '0.9.2342.19200300.100.1.25'
              ? derElement(oid === '2.5.4.6' ? TAG.PRINTABLE : TAG.IA5, new TextEncoder().encode(a.value))
              : encodeText(a.value);
          return derSequence(derOid(oid), value);
        }),
      ),
    ),
  );
}

const canon = (a: NameAttribute) =>
  `${a.type.toLowerCase()}=${a.value.trim().toLowerCase().replace(/\s+/g, ' ')}`;

/** True when two names are the same (attribute types and case-insensitive values, in order). */
export function namesEqual(a: X509Name, b: X509Name): boolean {
  return (
    a.length === b.length &&
    a.every((rdn, i) => rdn.map(canon).sort().join('+') === (b[i] ?? []).map(canon).sort().join('+'))
  );
}

/**
 * An X.509 subject name pattern (AsyncSSH / PKIX-SSH, "Specifying X.509
 * subject names"): the RDNs after 'Subject:' must equal the subject's; a
 * trailing ',*' matches any subject that starts with the RDNs before it.
 */
export class X509NamePattern {
  private readonly name: X509Name;
  private readonly prefix: boolean;

  /** Parse a pattern: 'CN=alice, O=Example' or 'CN=alice,*' (a leading 'Subject:' is allowed). */
  constructor(pattern: string) {
    let p = pattern.trim().replace(/^subject:\s*/i, '');
    this.prefix = /,\s*\*$/.test(p);
    if (this.prefix) p = p.replace(/,\s*\*$/, '');
    this.name = parseName(p);
  }

  /** True when `subject` matches. */
  matches(subject: X509Name): boolean {
    if (this.prefix ? subject.length < this.name.length : subject.length !== this.name.length) return false;
    return namesEqual(this.name, subject.slice(0, this.name.length));
  }
}
