/**
 * Path helpers for the SFTP server's chroot: paths are handled as latin1
 * strings, one character per byte, so any bytes a client sends survive the
 * round trip to the file system unchanged.
 */

/** Bytes as a latin1 string (one character per byte). */
export function bytesToLatin1(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 8192) {
    s += String.fromCharCode(...bytes.subarray(i, i + 8192));
  }
  return s;
}

/** A latin1 string back to its bytes. */
export function latin1ToBytes(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i) & 0xff;
  return out;
}

/** Resolve '.', '..' and repeated slashes; '..' stops at the root of an absolute path. */
export function normalizePosix(path: string): string {
  const absolute = path.startsWith('/');
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!absolute) out.push('..');
    } else out.push(part);
  }
  const joined = out.join('/');
  if (absolute) return `/${joined}`;
  return joined === '' ? '.' : joined;
}

/** The directory part of a path ('/' for entries of the root, '.' for bare names). */
export function dirnamePosix(path: string): string {
  const i = path.replace(/\/+$/, '').lastIndexOf('/');
  if (i < 0) return '.';
  return i === 0 ? '/' : path.slice(0, i);
}

/** The local path of a client path under `root`: the client sees `root` as '/', and '..' cannot leave it. */
export function chrootMap(root: string, clientPath: string): string {
  const virtual = normalizePosix(`/${clientPath}`);
  const base = root.replace(/\/+$/, '');
  if (virtual === '/') return base === '' ? '/' : base;
  return base + virtual;
}

/** The client's view of a local path under `root`, or null when it lies outside. */
export function chrootReverse(root: string, localPath: string): string | null {
  const base = root.replace(/\/+$/, '');
  if (localPath === base || localPath === `${base}/`) return '/';
  if (base === '') return localPath;
  if (localPath.startsWith(`${base}/`)) return localPath.slice(base.length);
  return null;
}

/** Whether `path` is `root` or below it (both normalized absolute paths). */
export function isInside(root: string, path: string): boolean {
  const base = root.replace(/\/+$/, '');
  return base === '' || path === base || path.startsWith(`${base}/`);
}
