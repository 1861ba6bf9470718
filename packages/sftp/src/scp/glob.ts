import type { ScpFileSystem } from './fs.js';

const WILDCARD = /[*?[]/;

/** Whether a path has '*', '?' or '[...]' wildcards. */
export function hasWildcards(path: string): boolean {
  return WILDCARD.test(path);
}

/** A RegExp for one path component pattern: '*', '?', '[...]' (with '!' or '^' negation). */
export function componentPattern(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const end = pattern.indexOf(']', i + 2);
      if (end < 0) re += '\\[';
      else {
        let body = pattern.slice(i + 1, end);
        const negate = body[0] === '!' || body[0] === '^';
        if (negate) body = body.slice(1);
        re += `[${negate ? '^' : ''}${body.replace(/[\\\]^]/g, (m) => `\\${m}`)}]`;
        i = end;
      }
    } else re += c.replace(/[.+^${}()|\\\]]/g, (m) => `\\${m}`);
  }
  return new RegExp(`^${re}$`, 's');
}

function join(dir: string, name: string): string {
  if (dir === '') return name;
  return dir.endsWith('/') ? dir + name : `${dir}/${name}`;
}

/**
 * Expand the wildcards of `pattern` against `fs`, component by component
 * (names starting with '.' only match a pattern starting with '.'). A path
 * without wildcards comes back as it is; a pattern matching nothing gives [].
 */
export async function expandGlob(fs: ScpFileSystem, pattern: string): Promise<string[]> {
  if (!hasWildcards(pattern)) return [pattern];
  const absolute = pattern.startsWith('/');
  const parts = pattern.split('/').filter((p) => p.length > 0);
  let current: string[] = [absolute ? '/' : ''];
  for (const part of parts) {
    const next: string[] = [];
    if (!hasWildcards(part)) {
      for (const dir of current) next.push(join(dir, part));
    } else {
      const re = componentPattern(part);
      for (const dir of current) {
        let names: string[];
        try {
          names = await fs.listdir(dir === '' ? '.' : dir);
        } catch {
          continue;
        }
        for (const name of names.sort()) {
          if (name.startsWith('.') && !part.startsWith('.')) continue;
          if (re.test(name)) next.push(join(dir, name));
        }
      }
    }
    current = next;
  }
  const found: string[] = [];
  for (const p of current) if (await fs.exists(p)) found.push(p);
  return found;
}
