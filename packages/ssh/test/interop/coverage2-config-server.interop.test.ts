import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { missingPeer, peerHost, runOpenSshClient, sshKeygen } from '@ssh/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { listen, SSHServer } from '../../src/index.js';

// sshd_config keywords and Match criteria read by listen, as OpenSSH's `ssh -vvv` sees them:
// the authentication methods our server offers after each config.

const skip = peerHost('debian12')?.has('/usr/bin/ssh')
  ? false
  : missingPeer('OpenSSH ssh', 'apt-get install openssh-client').skip;
const dir = mkdtempSync(path.join(tmpdir(), 'ssh-cov2-srvcfg-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const hostKey = sshKeygen('ed25519', path.join(dir, 'host_key'));

/** Offers password, keyboard-interactive and publickey unless the config turns them off. */
class AllMethods extends SSHServer {
  override passwordAuthSupported(): boolean {
    return true;
  }
  override kbdintAuthSupported(): boolean {
    return true;
  }
  override publicKeyAuthSupported(): boolean {
    return true;
  }
}

let n = 0;
async function offered(lines: string[]): Promise<string[] | undefined> {
  n += 1;
  const cfg = path.join(dir, `sshd_config_${n}`);
  writeFileSync(cfg, `HostKey ${hostKey.path}\n${lines.join('\n')}\n`);
  await using acceptor = await listen({
    host: '127.0.0.1',
    port: 0,
    config: cfg,
    serverFactory: () => new AllMethods(),
    processFactory: (p) => {
      p.stdout.write('in\n');
      p.exit(0);
    },
  });
  const port = acceptor.getPort();
  const r = await runOpenSshClient({
    port,
    knownHosts: `[127.0.0.1]:${port} ${hostKey.publicLine.split(' ').slice(0, 2).join(' ')}\n`,
    options: ['PreferredAuthentications=none', 'NumberOfPasswordPrompts=0'],
    command: 'x',
  });
  return /Authentications that can continue: ([\w,-]+)/.exec(r.stderr)?.[1]?.split(',').sort();
}

describe.skipIf(skip)('listen config keywords and Match criteria, with OpenSSH ssh', () => {
  it('ChallengeResponseAuthentication turns keyboard-interactive on and off', async () => {
    expect(await offered(['ChallengeResponseAuthentication yes'])).toEqual([
      'keyboard-interactive',
      'password',
      'publickey',
    ]);
    expect(await offered(['ChallengeResponseAuthentication no'])).toEqual(['password', 'publickey']);
  });

  it('Match all, Match canonical and Match final blocks apply to every connection', async () => {
    expect(await offered(['Match all', '  PasswordAuthentication no'])).toEqual([
      'keyboard-interactive',
      'publickey',
    ]);
    expect(await offered(['Match canonical', '  PubkeyAuthentication no'])).toEqual([
      'keyboard-interactive',
      'password',
    ]);
    expect(await offered(['Match final', '  KbdInteractiveAuthentication no'])).toEqual([
      'password',
      'publickey',
    ]);
  });

  it('Match exec applies its block when the command succeeds', async () => {
    expect(await offered(['Match exec "true"', '  PasswordAuthentication no'])).toEqual([
      'keyboard-interactive',
      'publickey',
    ]);
    expect(await offered(['Match exec "false"', '  PasswordAuthentication no'])).toEqual([
      'keyboard-interactive',
      'password',
      'publickey',
    ]);
  });
});
