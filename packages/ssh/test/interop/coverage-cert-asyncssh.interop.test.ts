import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { hasAsyncSsh, missingPeer } from '@ssh/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { generatePrivateKey, listen, type SSHServerConnection } from '../../src/index.js';

// User certificates OpenSSH has no key type for: ssh-ed448-cert-v01@openssh.com and
// ecdsa-sha2-1.3.132.0.10-cert-v01@openssh.com (secp256k1). We make the keys and certificates,
// AsyncSSH's client loads them and logs in to our server, which checks them.

const dec = (b: Uint8Array) => new TextDecoder().decode(b);
const skip = hasAsyncSsh('debian12')
  ? false
  : missingPeer('AsyncSSH (debian12)', 'apt-get install python3-asyncssh').skip;
const dir = mkdtempSync(path.join(tmpdir(), 'ssh-cov-cert-asyncssh-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(skip)("certificates of AsyncSSH-only key types, AsyncSSH's client against listen", () => {
  it('ssh-ed448-cert-v01@openssh.com and ecdsa-sha2-1.3.132.0.10-cert-v01@openssh.com log in; a plain key alone does not', async () => {
    const hostKey = generatePrivateKey('ssh-ed25519');
    const ca = generatePrivateKey('ssh-ed25519');
    const accepted: SSHServerConnection[] = [];
    await using acceptor = await listen({
      host: '127.0.0.1',
      port: 0,
      serverHostKeys: [hostKey],
      authorizedClientKeys: `cert-authority ${dec(ca.exportPublicKey('openssh')).trim()}\n`,
      acceptor: (c) => {
        accepted.push(c);
      },
      processFactory: (p) => {
        p.stdout.write(`in as ${p.getExtraInfo('username')}\n`);
        p.exit(0);
      },
    });
    const script = `
import asyncio, sys, asyncssh
async def main(port, key, cert):
    try:
        async with asyncssh.connect('127.0.0.1', port, username='carol', known_hosts=None,
                                    client_keys=[(key, cert)] if cert else [key], agent_path=None,
                                    preferred_auth='publickey') as conn:
            r = await conn.run('x')
            print(r.stdout, end='')
    except asyncssh.PermissionDenied:
        print('denied')
asyncio.run(main(int(sys.argv[1]), sys.argv[2], sys.argv[3] if len(sys.argv) > 3 else None))
`;
    writeFileSync(path.join(dir, 'login.py'), script);
    const login = (args: string[]) =>
      new Promise<string>((resolve) =>
        execFile(
          '/usr/bin/python3',
          ['-W', 'ignore', path.join(dir, 'login.py'), String(acceptor.getPort()), ...args],
          { timeout: 25_000 },
          (_e, stdout, stderr) => resolve(stdout || stderr),
        ),
      );
    const results: string[] = [];
    for (const [alg, type] of [
      ['ssh-ed448-cert-v01@openssh.com', 'ssh-ed448'],
      ['ecdsa-sha2-1.3.132.0.10-cert-v01@openssh.com', 'ecdsa-sha2-1.3.132.0.10'],
    ] as const) {
      const key = generatePrivateKey(type);
      const cert = ca.generateUserCertificate(key, `id-${type}`, { principals: ['carol'] });
      expect(cert.algorithm).toBe(alg);
      const keyFile = path.join(dir, `${type}.key`);
      const certFile = path.join(dir, `${type}-cert.pub`);
      writeFileSync(keyFile, key.exportPrivateKey('openssh'), { mode: 0o600 });
      writeFileSync(certFile, cert.exportCertificate('openssh'));
      results.push(`${type} cert: ${(await login([keyFile, certFile])).trim()}`);
      results.push(`${type} alone: ${(await login([keyFile])).trim()}`);
    }
    expect(results).toEqual([
      'ssh-ed448 cert: in as carol',
      'ssh-ed448 alone: denied',
      'ecdsa-sha2-1.3.132.0.10 cert: in as carol',
      'ecdsa-sha2-1.3.132.0.10 alone: denied',
    ]);
    expect(accepted).toHaveLength(2);
  });
});
