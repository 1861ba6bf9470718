import { AuthorizedKeysError } from '../errors.js';

/**
 * Parse an `expiry-time` timespec (sshd(8)): `YYYYMMDD[Z]` or
 * `YYYYMMDDHHMM[SS][Z]`; local time unless suffixed with `Z` (UTC).
 * Returns the time as a Date; throws AuthorizedKeysError when malformed.
 */
export function parseExpiryTime(spec: string, lineNumber = 0): Date {
  const m = /^(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(\d{2})?)?([Zz])?$/.exec(spec);
  if (!m) throw new AuthorizedKeysError(`invalid expiry-time '${spec}'`, lineNumber);
  const [year, month, day, hour, minute, second] = m
    .slice(1, 7)
    .map((v) => (v === undefined ? 0 : Number(v))) as [number, number, number, number, number, number];
  const utc = m[7] !== undefined;
  const date = utc
    ? new Date(Date.UTC(year, month - 1, day, hour, minute, second))
    : new Date(year, month - 1, day, hour, minute, second);
  const fields = utc
    ? [
        date.getUTCFullYear(),
        date.getUTCMonth() + 1,
        date.getUTCDate(),
        date.getUTCHours(),
        date.getUTCMinutes(),
      ]
    : [date.getFullYear(), date.getMonth() + 1, date.getDate(), date.getHours(), date.getMinutes()];
  const wanted = [year, month, day, hour, minute];
  if (second > 59 || fields.some((f, i) => f !== wanted[i])) {
    throw new AuthorizedKeysError(`invalid expiry-time '${spec}': no such date or time`, lineNumber);
  }
  return date;
}
