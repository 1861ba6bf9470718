import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { missingPeer, peerHost, runOpenSshClient, sshKeygen } from '@ssh/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { connect, generatePrivateKey, listen } from '../../src/index.js';

const dec = (b: Uint8Array) => new TextDecoder().decode(b);
const skip = peerHost('debian12')?.has('/usr/bin/ssh')
  ? false
  : missingPeer('OpenSSH ssh', 'apt-get install openssh-client; pnpm peers').skip;

const dir = mkdtempSync(path.join(tmpdir(), 'ssh-host-cert-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(skip)('a server offering host certificates', () => {
  const ca = sshKeygen('ed25519', path.join(dir, 'ca'));
  const userKey = generatePrivateKey('ssh-ed25519');
  const caLine = ca.publicLine.split(' ').slice(0, 2).join(' ');

  for (const type of ['ed25519', 'rsa', 'ecdsa'] as const) {
    it(`OpenSSH ssh and our client accept a ${type} host certificate signed by a @cert-authority CA`, async () => {
      const host = sshKeygen(type, path.join(dir, `host_${type}`), type === 'rsa' ? { bits: 2048 } : {});
      execFileSync(
        'ssh-keygen',
        ['-q', '-s', ca.path, '-I', `host-${type}`, '-h', '-n', '127.0.0.1', `${host.path}.pub`],
        {
          stdio: 'pipe',
        },
      );
      await using acceptor = await listen({
        host: '127.0.0.1',
        port: 0,
        serverHostKeys: [host.path],
        serverHostCerts: [`${host.path}-cert.pub`],
        authorizedClientKeys: dec(userKey.exportPublicKey('openssh')),
        processFactory: (proc) => {
          proc.stdout.write('certified\n');
          proc.exit(0);
        },
      });
      const port = acceptor.getPort();
      const run = await runOpenSshClient({
        generation: 'debian12',
        port,
        knownHosts: `@cert-authority [127.0.0.1]:${port} ${caLine}\n`,
        identity: dec(userKey.exportPrivateKey('openssh')),
        command: 'x',
      });
      expect(run.stdout, run.stderr.slice(-2000)).toBe('certified\n');
      expect(run.stderr).toMatch(/Server host certificate: .*-cert-v01@openssh\.com/);
      const kh = path.join(dir, `kh_${type}`);
      writeFileSync(kh, `@cert-authority [127.0.0.1]:${port} ${caLine}\n`);
      await using conn = await connect('127.0.0.1', {
        port,
        config: null,
        knownHosts: kh,
        clientKeys: [userKey],
        username: 'u',
      });
      expect((await conn.run('x')).stdout).toBe('certified\n');
      // caSignatureAlgs (CASignatureAlgorithms) without the CA's algorithm refuses the certificate.
      await expect(
        connect('127.0.0.1', {
          port,
          config: null,
          knownHosts: kh,
          clientKeys: [userKey],
          username: 'u',
          caSignatureAlgs: 'rsa-sha2-512',
        }),
      ).rejects.toThrow(/CA signature algorithm ssh-ed25519 is not allowed/);
      expect(readFileSync(`${host.path}-cert.pub`, 'utf8')).toContain('-cert-v01@openssh.com');
    });
  }

  it('a host key without a certificate is still offered plain, after the certificates', async () => {
    const host = sshKeygen('ed25519', path.join(dir, 'host_plain'));
    const certified = sshKeygen('ecdsa', path.join(dir, 'host_cert2'));
    execFileSync(
      'ssh-keygen',
      ['-q', '-s', ca.path, '-I', 'h', '-h', '-n', '127.0.0.1', `${certified.path}.pub`],
      {
        stdio: 'pipe',
      },
    );
    await using acceptor = await listen({
      host: '127.0.0.1',
      port: 0,
      serverHostKeys: [host.path, certified.path],
      serverHostCerts: [`${certified.path}-cert.pub`],
      authorizedClientKeys: dec(userKey.exportPublicKey('openssh')),
      processFactory: (proc) => {
        proc.stdout.write('plain\n');
        proc.exit(0);
      },
    });
    const port = acceptor.getPort();
    const run = await runOpenSshClient({
      generation: 'debian12',
      port,
      knownHosts: `[127.0.0.1]:${port} ${host.publicLine.split(' ').slice(0, 2).join(' ')}\n`,
      identity: dec(userKey.exportPrivateKey('openssh')),
      options: ['HostKeyAlgorithms=ssh-ed25519'],
      command: 'x',
    });
    expect(run.stdout, run.stderr.slice(-1500)).toBe('plain\n');
  });
});
