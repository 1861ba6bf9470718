import type { SFTPAttrs } from '../codec/attrs.js';
import { FILEXFER_TYPE_DIRECTORY } from '../codec/constants.js';
import { SFTPNoSuchFile } from '../codec/errors.js';
import { joinBytes, splitBytes } from './paths.js';

/** What glob needs from a file system (remote or local), over byte paths. */
export interface GlobFS {
  /** Entries of a directory (without '.' and '..'), with attributes (lstat-like). */
  scandir(dir: Uint8Array): Promise<Array<[Uint8Array, SFTPAttrs]>>;
  /** Attributes following links, or null when the path does not exist. */
  statOrNull(path: Uint8Array): Promise<SFTPAttrs | null>;
}

/** One glob match: the path and its attributes. */
export type GlobMatch = [path: Uint8Array, attrs: SFTPAttrs];

const latin = new TextDecoder('latin1');

function hasMagic(comp: Uint8Array): boolean {
  return comp.some((b) => b === 0x2a || b === 0x3f || b === 0x5b);
}

/** A regular expression for one fnmatch-style component ('*', '?', '[...]' with '!' or '^' negation). */
export function componentRegExp(comp: Uint8Array): RegExp {
  const s = latin.decode(comp);
  let re = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i] as string;
    if (c === '*') re += '.*';
    else if (c === '?') re += '.';
    else if (c === '[') {
      const close = s.indexOf(']', i + 2);
      if (close < 0) {
        re += '\\[';
        continue;
      }
      let body = s.slice(i + 1, close);
      let neg = false;
      if (body[0] === '!' || body[0] === '^') {
        neg = true;
        body = body.slice(1);
      }
      re += `[${neg ? '^' : ''}${body.replace(/[\\\]^]/g, (m) => `\\${m}`)}]`;
      i = close;
    } else re += c.replace(/[.*+?^${}()|[\]\\/]/g, (m) => `\\${m}`);
  }
  return new RegExp(`^${re}$`, 's');
}

function isDir(a: SFTPAttrs): boolean {
  return a.type === FILEXFER_TYPE_DIRECTORY;
}

async function walk(fs: GlobFS, base: GlobMatch, out: GlobMatch[], dirsOnly: boolean): Promise<void> {
  let entries: Array<[Uint8Array, SFTPAttrs]>;
  try {
    entries = await fs.scandir(base[0].length ? base[0] : Uint8Array.of(0x2e));
  } catch {
    return;
  }
  for (const [name, attrs] of entries) {
    const p = joinBytes(base[0], name);
    if (isDir(attrs)) {
      out.push([p, attrs]);
      await walk(fs, [p, attrs], out, dirsOnly);
    } else if (!dirsOnly) out.push([p, attrs]);
  }
}

/**
 * Match one pattern: '*', '?', '[...]' within a component, '**' for any
 * number of directories, a trailing '/' for directories only. Throws
 * SFTPNoSuchFile when nothing matches.
 */
export async function globPattern(fs: GlobFS, pattern: Uint8Array): Promise<GlobMatch[]> {
  const dirsOnly = pattern.length > 1 && pattern[pattern.length - 1] === 0x2f;
  const comps = splitBytes(pattern);
  const root = pattern[0] === 0x2f ? Uint8Array.of(0x2f) : new Uint8Array(0);
  // Candidates so far; attrs null means "not yet checked".
  let current: Array<[Uint8Array, SFTPAttrs | null]> = [[root, null]];
  for (let i = 0; i < comps.length; i++) {
    const comp = comps[i] as Uint8Array;
    const last = i === comps.length - 1;
    const next: Array<[Uint8Array, SFTPAttrs | null]> = [];
    if (comp.length === 2 && comp[0] === 0x2a && comp[1] === 0x2a) {
      for (const [p, a] of current) {
        next.push([p, a]);
        const found: GlobMatch[] = [];
        await walk(fs, [p, a as SFTPAttrs], found, !last);
        next.push(...found);
      }
    } else if (hasMagic(comp)) {
      const re = componentRegExp(comp);
      for (const [p] of current) {
        let entries: Array<[Uint8Array, SFTPAttrs]>;
        try {
          entries = await fs.scandir(p.length ? p : Uint8Array.of(0x2e));
        } catch {
          continue;
        }
        for (const [name, attrs] of entries) {
          if (!re.test(latin.decode(name))) continue;
          if (!last && !isDir(attrs)) continue;
          next.push([joinBytes(p, name), attrs]);
        }
      }
    } else {
      for (const [p] of current) next.push([joinBytes(p, comp), null]);
    }
    current = next;
  }
  const out: GlobMatch[] = [];
  for (const [p, a] of current) {
    const attrs = a ?? (await fs.statOrNull(p.length ? p : Uint8Array.of(0x2e)));
    if (!attrs) continue;
    if (dirsOnly && !isDir(attrs)) continue;
    out.push([p.length ? p : Uint8Array.of(0x2e), attrs]);
  }
  if (out.length === 0) throw new SFTPNoSuchFile(`No matches found for ${new TextDecoder().decode(pattern)}`);
  return out;
}
