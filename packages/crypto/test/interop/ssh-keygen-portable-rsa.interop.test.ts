/**
 * The one key type `ssh-keygen.interop.test.ts` leaves out on the portable
 * path: RSA keys our portable backend generates (its prime search in bigint
 * is slow at 2048 bits, so 1024, the smallest size accepted) are read by
 * `ssh-keygen -y`, plain and encrypted, and sign SSHSIG messages that
 * `ssh-keygen -Y verify` accepts.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { missingPeer } from '@ssh/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sshsigSign } from '../../src/formats/sshsig.js';
import { makeKeyApi } from '../../src/keys/api.js';
import { portableBackend } from '../../src/keys/backend.js';

const KEYGEN = ['/usr/bin/ssh-keygen', '/usr/local/bin/ssh-keygen'].find((p) => existsSync(p));
const skip = KEYGEN ? { skip: false } : missingPeer('ssh-keygen', 'apt-get install openssh-client');
const PASS = 'correct horse battery';

describe.skipIf(skip.skip)('portable RSA keys with ssh-keygen', () => {
  const api = makeKeyApi(portableBackend);
  let dir = '';
  const keygen = (args: string[], input?: string) =>
    spawnSync(KEYGEN as string, args, { encoding: 'utf8', input });

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'portable-rsa-'));
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('a generated ssh-rsa key: ssh-keygen -y prints its public key (plain and encrypted), -Y verify accepts its signature', () => {
    const key = api.generatePrivateKey('ssh-rsa', { keySize: 1024, comment: 'portable rsa' });
    const line = new TextDecoder().decode(key.exportPublicKey()).trim();
    const expected = line.split(' ').slice(0, 2).join(' ');

    const plain = join(dir, 'rsa');
    writeFileSync(plain, key.exportPrivateKey(), { mode: 0o600 });
    const y = keygen(['-y', '-f', plain]);
    expect(y.status, y.stderr).toBe(0);
    expect(y.stdout.split(' ').slice(0, 2).join(' ').trim()).toBe(expected);

    const enc = join(dir, 'rsa-enc');
    writeFileSync(enc, key.exportPrivateKey('openssh', PASS, { cipherName: 'aes128-ctr', rounds: 4 }), {
      mode: 0o600,
    });
    const ye = keygen(['-y', '-P', PASS, '-f', enc]);
    expect(ye.status, ye.stderr).toBe(0);
    expect(ye.stdout.split(' ').slice(0, 2).join(' ').trim()).toBe(expected);
    expect(keygen(['-y', '-P', 'wrong', '-f', enc]).status).not.toBe(0);

    const fp = keygen(['-l', '-E', 'sha256', '-f', plain]);
    expect(fp.stdout.split(' ')[1]).toBe(key.getFingerprint());

    const message = 'signed by a portable RSA key\n';
    const sigFile = join(dir, 'msg.sig');
    writeFileSync(sigFile, sshsigSign(key, new TextEncoder().encode(message), 'file'));
    const signers = join(dir, 'allowed');
    writeFileSync(signers, `signer@example.com namespaces="file" ${line}\n`);
    const verify = (input: string) =>
      keygen(['-Y', 'verify', '-f', signers, '-I', 'signer@example.com', '-n', 'file', '-s', sigFile], input);
    const good = verify(message);
    expect(good.status, good.stderr).toBe(0);
    expect(verify(`${message}!`).status).not.toBe(0);
  });
});
