import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// The API reference builds from the sources with no TypeDoc warning (broken {@link}s, exported
// signatures that name unexported types, unknown tags ...): tools/compat/typedoc.json sets
// treatWarningsAsErrors, so any warning fails the build.

const script = join(import.meta.dirname, '..', 'build-api-docs.mjs');
const out = mkdtempSync(join(tmpdir(), 'ssh-api-test-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('TypeDoc API reference', () => {
  it('builds every package entry point without a warning', { timeout: 170_000 }, () => {
    const run = spawnSync(process.execPath, [script, '--out', out], {
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
    });
    const log = `${run.stdout}${run.stderr}`;
    const warnings = log.split('\n').filter((line) => /\[(warning|error)\]/.test(line));
    expect(warnings).toEqual([]);
    expect(run.status).toBe(0);
    for (const page of ['index.html', 'modules/_ssh_ssh.html', 'modules/_ssh_wire.html']) {
      expect(existsSync(join(out, page)), page).toBe(true);
    }
  });
});
