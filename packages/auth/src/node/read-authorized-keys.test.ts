import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generatePrivateKey } from '@ssh/crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { AuthorizedKeysError } from '../errors.js';
import { readAuthorizedKeys } from '../node.js';

const dir = mkdtempSync(path.join(tmpdir(), 'auth-read-ak-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const pub = (c: string) =>
  new TextDecoder().decode(
    generatePrivateKey('ssh-ed25519', { comment: c }).convertToPublic().exportPublicKey(),
  );

describe('readAuthorizedKeys', () => {
  it('reads one file or several, in order', () => {
    const a = path.join(dir, 'a');
    const b = path.join(dir, 'b');
    writeFileSync(a, `no-pty ${pub('one')}`);
    writeFileSync(b, `${pub('two')}command="x" ${pub('three')}`);
    expect(readAuthorizedKeys(a).entries).toHaveLength(1);
    const both = readAuthorizedKeys([a, b]);
    expect(both.entries.map((e) => e.key.getComment())).toEqual(['one', 'two', 'three']);
    expect(both.entries[2]?.options.command).toBe('x');
  });

  it('throws the file system error or AuthorizedKeysError', () => {
    expect(() => readAuthorizedKeys(path.join(dir, 'missing'))).toThrow(/ENOENT/);
    const bad = path.join(dir, 'bad');
    writeFileSync(bad, `command="open ${pub('x')}`);
    expect(() => readAuthorizedKeys(bad)).toThrow(AuthorizedKeysError);
  });
});
