import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { missingPeer, peerHost, runOpenSshClient, sshKeygen } from '@ssh/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { generatePrivateKey, listen, readAuthorizedKeys } from '../../src/index.js';

// authorized_keys options read with readAuthorizedKeys by our server (listen), and the
// allowPty server option, as OpenSSH's `ssh` meets them: the environment its command sees
// and whether its PTY request is granted.

const dec = (b: Uint8Array) => new TextDecoder().decode(b);
const skip = peerHost('debian12')?.has('/usr/bin/ssh')
  ? false
  : missingPeer('OpenSSH ssh', 'apt-get install openssh-client').skip;
const dir = mkdtempSync(path.join(tmpdir(), 'ssh-cov2-ak-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const hostKey = generatePrivateKey('ssh-ed25519');
const knownHosts = (port: number) =>
  `[127.0.0.1]:${port} ${dec(hostKey.exportPublicKey('openssh')).trim()}\n`;

describe.skipIf(skip)('authorized_keys options and allowPty, with OpenSSH ssh', () => {
  const plain = sshKeygen('ed25519', path.join(dir, 'id_plain'));
  const limited = sshKeygen('ed25519', path.join(dir, 'id_limited'));
  const akFile = path.join(dir, 'authorized_keys');
  writeFileSync(
    akFile,
    `${plain.publicLine}\n${[`${'environment'}="COV2_VAR=from-key"`, 'no-pty'].join(',')} ${limited.publicLine}\n`,
  );

  async function serve(allowPty: boolean) {
    return listen({
      host: '127.0.0.1',
      port: 0,
      serverHostKeys: [hostKey],
      authorizedClientKeys: readAuthorizedKeys(akFile),
      allowPty,
      processFactory: (p) => {
        p.stdout.write(`var=${p.env.COV2_VAR ?? 'unset'} pty=${p.termType === null ? 'no' : 'yes'}\n`);
        p.exit(0);
      },
    });
  }

  const login = (port: number, key: string, tty: boolean) =>
    runOpenSshClient({
      port,
      knownHosts: knownHosts(port),
      identity: readFileSync(key, 'utf8'),
      extraArgs: tty ? ['-tt'] : ['-T'],
      command: 'report',
    });

  it('environment= sets the variable for that key only; no-pty refuses the PTY ssh -tt asks for', async () => {
    await using acceptor = await serve(true);
    const port = acceptor.getPort();
    const free = await login(port, plain.path, true);
    expect(free.stdout.replace(/\r/g, ''), free.stderr.slice(-1500)).toBe('var=unset pty=yes\n');
    expect(free.stderr).not.toMatch(/PTY allocation request failed/);
    expect((await login(port, limited.path, false)).stdout).toBe('var=from-key pty=no\n');
    // With -tt (RequestTTY force) ssh gives up when the PTY is refused.
    const bound = await login(port, limited.path, true);
    expect(bound.stdout).toBe('');
    expect(bound.stderr).toMatch(/PTY allocation request failed/);
    expect(bound.code).not.toBe(0);
  });

  it('allowPty: false refuses every PTY request', async () => {
    await using acceptor = await serve(false);
    const port = acceptor.getPort();
    const r = await login(port, plain.path, true);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/PTY allocation request failed/);
    expect(r.code).not.toBe(0);
    expect((await login(port, plain.path, false)).stdout).toBe('var=unset pty=no\n');
  });
});
