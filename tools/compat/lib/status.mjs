// The compatibility status file: docs/compatibility.jsonl (JSON Lines), one entry per feature of
// ../shared/reference/features.md, in the same order.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './entries.mjs';

export const STATUS_FILE = join(ROOT, 'docs', 'compatibility.jsonl');
export const MARKDOWN_FILE = join(ROOT, 'docs', 'compatibility.md');
/** The checklist the status file follows, when the shared reference folder sits beside the repo. */
export const FEATURES_FILE = join(ROOT, '..', 'shared', 'reference', 'features.json');

/** Fields copied from features.json, then the status fields, in the order they are written. */
export const FEATURE_FIELDS = ['id', 'package', 'kind', 'owner', 'asyncssh', 'ts'];
export const STATUS_FIELDS = ['status', 'peers', 'tests', 'probes', 'umbrella', 'note'];

/** The status entries, in file order. */
export function readStatus(file = STATUS_FILE) {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, i) => {
      try {
        return JSON.parse(line);
      } catch (err) {
        throw new Error(`${file}:${i + 1}: ${err.message}`);
      }
    });
}

export function readFeatures(file = FEATURES_FILE) {
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined;
}

/** Keep each entry's fields in one order so diffs stay small. */
export function normalise(entry) {
  const out = {};
  for (const k of [...FEATURE_FIELDS, ...STATUS_FIELDS]) if (entry[k] !== undefined) out[k] = entry[k];
  return out;
}

/** Write the status file, one feature per line. */
export function writeStatus(entries, file = STATUS_FILE) {
  writeFileSync(file, entries.map((e) => `${JSON.stringify(normalise(e))}\n`).join(''));
}

/** A test reference `path` or `path#token`, split. */
export function splitTest(ref) {
  const i = ref.indexOf('#');
  return i < 0 ? { path: ref, token: undefined } : { path: ref.slice(0, i), token: ref.slice(i + 1) };
}
