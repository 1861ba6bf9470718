import { WireError } from './errors.js';

/**
 * Check an algorithm or method name (RFC 4251 §6): printable US-ASCII, no
 * comma, not empty. Returns the name. (The 64-character limit of §6 is not
 * enforced: real peers are trusted to send their own names.)
 */
export function checkName(name: string, field: string, offset: number, inList: boolean): string {
  if (name.length === 0) {
    throw new WireError(field, offset, inList ? 'contains an empty name' : 'is an empty name');
  }
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c === 0x2c) throw new WireError(field, offset, `name "${name}" contains a comma`);
    if (c < 0x21 || c > 0x7e) {
      throw new WireError(
        field,
        offset,
        `name contains a character (code ${c}) that is not printable US-ASCII`,
      );
    }
  }
  return name;
}
