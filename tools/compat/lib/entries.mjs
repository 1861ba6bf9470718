// Where each @ssh package's public entry points live in the sources.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The repository root (two levels above this folder). */
export const ROOT = resolve(import.meta.dirname, '..', '..', '..');

/** The packages in dependency order (DESIGN.md), and the umbrella that re-exports them. */
export const PACKAGES = [
  'wire',
  'crypto',
  'transport',
  'auth',
  'channels',
  'forward',
  'sftp',
  'tuntap',
  'config',
  'ssh',
];
export const UMBRELLA = '@ssh/ssh';

/** Export conditions, in the order Node picks them when tests run on sources. */
const CONDITIONS = ['node', '@ssh/source'];

function pick(target, conditions) {
  if (typeof target === 'string') return target;
  if (target === null || typeof target !== 'object') return undefined;
  for (const [key, value] of Object.entries(target)) {
    if (!conditions.includes(key)) continue;
    const found = pick(value, conditions);
    if (found) return found;
  }
  return undefined;
}

/**
 * Every entry point of `@ssh/<dir>` as `{ specifier, file }` (absolute source file), one per subpath
 * export (`.` and e.g. `./node`), resolved with the `node` and `@ssh/source` conditions.
 */
export function packageEntries(dir) {
  const manifest = JSON.parse(readFileSync(join(ROOT, 'packages', dir, 'package.json'), 'utf8'));
  const entries = [];
  for (const [subpath, target] of Object.entries(manifest.exports ?? {})) {
    if (subpath.endsWith('.json')) continue;
    const file = pick(target, CONDITIONS);
    if (!file?.endsWith('.ts')) continue;
    entries.push({ specifier: manifest.name + subpath.slice(1), file: join(ROOT, 'packages', dir, file) });
  }
  return entries;
}

/** `@ssh/crypto` → `crypto`. */
export function packageDir(name) {
  return name.replace(/^@ssh\//, '');
}
