import type { SFTPAttrs } from '../codec/attrs.js';
import * as C from '../codec/constants.js';

const TYPE_CHARS: Record<number, string> = {
  [C.FILEXFER_TYPE_REGULAR]: '-',
  [C.FILEXFER_TYPE_DIRECTORY]: 'd',
  [C.FILEXFER_TYPE_SYMLINK]: 'l',
  [C.FILEXFER_TYPE_SOCKET]: 's',
  [C.FILEXFER_TYPE_CHAR_DEVICE]: 'c',
  [C.FILEXFER_TYPE_BLOCK_DEVICE]: 'b',
  [C.FILEXFER_TYPE_FIFO]: 'p',
};

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The 'drwxr-xr-x' column of a long name. */
export function modeString(attrs: SFTPAttrs): string {
  const perms = attrs.permissions ?? 0;
  let s = TYPE_CHARS[attrs.type] ?? '?';
  const triplet = (shift: number, special: number, specialChar: string) => {
    const bits = (perms >> shift) & 7;
    const x = bits & 1;
    const sp = (perms & special) !== 0;
    return `${bits & 4 ? 'r' : '-'}${bits & 2 ? 'w' : '-'}${
      sp ? (x ? specialChar : specialChar.toUpperCase()) : x ? 'x' : '-'
    }`;
  };
  s += triplet(6, 0o4000, 's') + triplet(3, 0o2000, 's') + triplet(0, 0o1000, 't');
  return s;
}

/** The date column: 'Mon dd HH:MM' for the last six months, 'Mon dd  YYYY' otherwise. */
export function dateString(mtime: number | null, now = Date.now() / 1000): string {
  if (mtime === null) return '            ';
  const d = new Date(mtime * 1000);
  const head = `${MONTHS[d.getMonth()]} ${String(d.getDate()).padStart(2, ' ')}`;
  const recent = mtime <= now + 3600 && now - mtime < 182 * 86400;
  if (recent)
    return `${head} ${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
  return `${head}  ${d.getFullYear()}`;
}

/** An `ls -l` style line for a directory entry (as OpenSSH's sftp-server formats it). */
export function longnameOf(filename: string, attrs: SFTPAttrs, user: string, group: string): string {
  const nlink = String(attrs.nlink ?? 1).padStart(3, ' ');
  const size = String(attrs.size ?? 0).padStart(8, ' ');
  return `${modeString(attrs)} ${nlink} ${user.padEnd(8, ' ')} ${group.padEnd(8, ' ')} ${size} ${dateString(attrs.mtime)} ${filename}`;
}
