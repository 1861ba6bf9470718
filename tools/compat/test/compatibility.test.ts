import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  checkFeatureList,
  checkStatus,
  loadSurfaces,
  MARKDOWN_FILE,
  readFeatures,
  readStatus,
  renderMarkdown,
  STATUSES,
  type StatusEntry,
  type Surface,
} from '../compat.mjs';

// docs/compatibility.md must stay true: what it says works is exported and tested (against the
// peers it names), what it says is absent is really missing. `node tools/compat/check.mjs` prints
// the same problems; `node tools/compat/check.mjs --propose` rewrites the status file.

const entries = readStatus();
let surfaces: Map<string, Surface>;

beforeAll(async () => {
  surfaces = await loadSurfaces();
}, 120_000);

function problemsOf(status: StatusEntry['status']): string[] {
  return entries.filter((e) => e.status === status).flatMap((e) => checkStatus(e, surfaces));
}

describe('docs/compatibility', () => {
  it('has one entry per item of the feature checklist, in its order', () => {
    expect(new Set(entries.map((e) => e.id)).size).toBe(entries.length);
    expect(entries.every((e) => STATUSES.includes(e.status))).toBe(true);
    expect(checkFeatureList(entries, readFeatures())).toEqual([]);
  });

  it('every item marked works is exported by its package and @ssh/ssh, and named by its tests', () => {
    expect(surfaces.get('@ssh/ssh')?.has('connect')).toBe(true);
    expect(problemsOf('works')).toEqual([]);
  });

  it('every item marked not yet tested is exported', () => {
    expect(problemsOf('untested')).toEqual([]);
  });

  it('every item marked absent is really not exported', () => {
    expect(problemsOf('absent')).toEqual([]);
  });

  it('the markdown is what tools/compat/generate.mjs renders from the status file', () => {
    expect(readFileSync(MARKDOWN_FILE, 'utf8')).toBe(`${renderMarkdown(entries)}\n`);
  });
});
