import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { hasAsyncSsh, missingPeer, type RunningServer, sshKeygen, startAsyncSshServer } from '@ssh/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, generatePrivateKey, listen, type SSHKey, SSHServer } from '../../src/index.js';

// Hostbased auth switches and the CA callback, with AsyncSSH in both roles: its server
// checks our client's host key (hostBasedAuth on connect); its client signs with a host
// certificate our server's validateHostCaKey decides on (hostBasedAuth on listen).

const dec = (b: Uint8Array) => new TextDecoder().decode(b);
const skip = hasAsyncSsh('debian12')
  ? false
  : missingPeer('AsyncSSH (debian12)', 'apt-get install python3-asyncssh').skip;
const dir = mkdtempSync(path.join(tmpdir(), 'ssh-cov-hostbased-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(skip)("hostBasedAuth on connect, against AsyncSSH's server", () => {
  const clientHostKey = generatePrivateKey('ecdsa-sha2-nistp256');
  let server: RunningServer;
  beforeAll(async () => {
    const known = path.join(dir, 'known_client_hosts');
    writeFileSync(
      known,
      `client.example,127.0.0.1 ${dec(clientHostKey.exportPublicKey('openssh')).trim()}\n`,
    );
    server = await startAsyncSshServer({
      listenOptions: { known_client_hosts: JSON.stringify(known), trust_client_host: 'True' },
    });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('logs in with the client host key; hostBasedAuth: false does not try it', async () => {
    const base = {
      port: server.port,
      username: 'root',
      clientUsername: 'root',
      clientHost: 'client.example',
      clientHostKeys: [clientHostKey],
      clientKeys: [],
      knownHosts: server.knownHostsPath,
      config: null,
      agentPath: null,
    };
    await using conn = await connect('127.0.0.1', { ...base, hostBasedAuth: true });
    expect((await conn.run('echo host-based')).stdout).toBe('host-based\n');
    await expect(connect('127.0.0.1', { ...base, hostBasedAuth: false })).rejects.toThrow(
      /permission denied|no more authentication/i,
    );
  });
});

describe.skipIf(skip)("validateHostCaKey and hostBasedAuth on listen, with AsyncSSH's client", () => {
  const hostKey = generatePrivateKey('ssh-ed25519');

  /** Run AsyncSSH's client with a host key and its certificate; its output or its error. */
  async function asyncsshHostbased(port: number, keyPath: string, certPath: string): Promise<string> {
    const script = `
import asyncio, sys, asyncssh
async def main():
    try:
        async with asyncssh.connect('127.0.0.1', ${port}, username='carol', known_hosts=None,
                                    client_keys=None, agent_path=None, client_host_keys=[sys.argv[1]],
                                    client_host_certs=[sys.argv[2]], client_host='cert-client.example',
                                    client_username='carol', preferred_auth='hostbased') as conn:
            r = await conn.run('x')
            print(r.stdout, end='')
    except asyncssh.PermissionDenied:
        print('denied')
asyncio.run(main())
`;
    const file = path.join(dir, 'hb-cert.py');
    writeFileSync(file, script);
    return new Promise((resolve) =>
      execFile(
        '/usr/bin/python3',
        ['-W', 'ignore', file, keyPath, certPath],
        { timeout: 25_000 },
        (_e, stdout, stderr) => resolve(stdout || stderr),
      ),
    );
  }

  it('a host certificate is accepted through validateHostCaKey; hostBasedAuth: false refuses it', async () => {
    const ca = sshKeygen('ed25519', path.join(dir, 'host_ca'));
    const clientHost = sshKeygen('ecdsa', path.join(dir, 'client_host'));
    execFileSync('ssh-keygen', [
      '-q',
      '-s',
      ca.path,
      '-h',
      '-I',
      'cert-client',
      '-n',
      'cert-client.example',
      `${clientHost.path}.pub`,
    ]);
    const caBlob = ca.publicLine.split(' ')[1];
    const seen: string[] = [];
    class Server extends SSHServer {
      override hostBasedAuthSupported(): boolean {
        return true;
      }
      override validateHostCaKey(host: string, _addr: string, _port: number, key: SSHKey): boolean {
        const blob = dec(key.exportPublicKey('openssh')).trim().split(' ')[1];
        seen.push(`${host.replace(/\.$/, '')} ${blob === caBlob}`);
        return blob === caBlob;
      }
      override validateHostBasedUser(username: string, _host: string, clientUsername: string): boolean {
        return username === clientUsername;
      }
    }
    const cert = `${clientHost.path}-cert.pub`;
    for (const hostBasedAuth of [true, false]) {
      await using acceptor = await listen({
        host: '127.0.0.1',
        port: 0,
        serverHostKeys: [hostKey],
        serverFactory: () => new Server(),
        trustClientHost: true,
        hostBasedAuth,
        processFactory: (p) => {
          p.stdout.write(`hello ${p.getExtraInfo('username')}\n`);
          p.exit(0);
        },
      });
      const out = await asyncsshHostbased(acceptor.getPort(), clientHost.path, cert);
      expect(out).toBe(hostBasedAuth ? 'hello carol\n' : 'denied\n');
    }
    // Asked once, for the login that was offered hostbased auth.
    expect(seen).toEqual(['cert-client.example true']);
  });
});
