import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generatePrivateKey } from '@ssh/crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { KnownHostsError } from '../errors.js';
import { matchKnownHosts, readKnownHosts } from '../node.js';

const dir = mkdtempSync(path.join(tmpdir(), 'auth-read-kh-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const key = (c: string) => generatePrivateKey('ssh-ed25519', { comment: c }).convertToPublic();
const line = (host: string, c: string) => `${host} ${new TextDecoder().decode(key(c).exportPublicKey())}`;

describe('readKnownHosts and matchKnownHosts with files', () => {
  const f1 = path.join(dir, 'one');
  const f2 = path.join(dir, 'two');
  writeFileSync(f1, line('h', 'first'));
  writeFileSync(f2, line('h', 'second') + line('[h]:2022', 'third'));

  it('reads one file or several', () => {
    expect(readKnownHosts(f1).entries).toHaveLength(1);
    const both = readKnownHosts([f1, f2]);
    expect(both.match('h', '', 22).hostKeys.map((k) => k.getComment())).toEqual(['first', 'second']);
  });

  it('matchKnownHosts reads file names and keeps the neutral forms', () => {
    expect(matchKnownHosts(f2, 'h', '', 2022).hostKeys.map((k) => k.getComment())).toEqual(['third']);
    expect(matchKnownHosts([f1, f2], 'h', '', null).hostKeys).toHaveLength(2);
    const bytes = new TextEncoder().encode(line('z', 'bytes'));
    expect(matchKnownHosts(bytes, 'z', '', 22).hostKeys.map((k) => k.getComment())).toEqual(['bytes']);
  });

  it('throws the file system error for a missing file and KnownHostsError for a bad one', () => {
    expect(() => readKnownHosts(path.join(dir, 'missing'))).toThrow(/ENOENT/);
    const bad = path.join(dir, 'bad');
    writeFileSync(bad, '@nope h x y\n');
    expect(() => readKnownHosts(bad)).toThrow(KnownHostsError);
  });
});
