import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { hasAsyncSsh, missingPeer } from '@ssh/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { connect, generatePrivateKey, listen, SSHServer } from '../../src/index.js';

const dec = (b: Uint8Array) => new TextDecoder().decode(b);
const dir = mkdtempSync(path.join(tmpdir(), 'ssh-hostbased-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const hostKey = generatePrivateKey('ssh-ed25519');
const clientHostKey = generatePrivateKey('ecdsa-sha2-nistp256');
const otherHostKey = generatePrivateKey('ssh-ed25519');
const knownClientHosts = `client.example,127.0.0.1 ${dec(clientHostKey.exportPublicKey('openssh')).trim()}\n`;

async function server(extra: Record<string, unknown> = {}) {
  return listen({
    host: '127.0.0.1',
    port: 0,
    serverHostKeys: [hostKey],
    knownClientHosts,
    trustClientHost: true,
    processFactory: (proc) => {
      proc.stdout.write(`hello ${proc.getExtraInfo('username')}\n`);
      proc.exit(0);
    },
    ...extra,
  });
}

describe('hostbased auth through connect() and listen()', () => {
  it('our client logs in with a client host key listed in knownClientHosts, and not with another', async () => {
    await using acceptor = await server();
    const base = {
      port: acceptor.getPort(),
      username: 'alice',
      clientUsername: 'alice',
      clientHost: 'client.example',
      knownHosts: null,
      config: null,
      clientKeys: null,
      agentPath: null,
    } as const;
    await using conn = await connect('127.0.0.1', { ...base, clientHostKeys: [clientHostKey] });
    expect((await conn.run('x')).stdout).toBe('hello alice\n');
    await expect(connect('127.0.0.1', { ...base, clientHostKeys: [otherHostKey] })).rejects.toThrow(
      /permission denied|no more authentication/i,
    );
    await expect(
      connect('127.0.0.1', { ...base, clientUsername: 'mallory', clientHostKeys: [clientHostKey] }),
    ).rejects.toThrow(/permission denied|no more authentication/i);
  });

  it('an SSHServer subclass decides on hostbased logins itself', async () => {
    const seen: string[] = [];
    class Server extends SSHServer {
      override hostBasedAuthSupported() {
        return true;
      }
      override validateHostPublicKey(clientHost: string) {
        seen.push(clientHost);
        return clientHost === 'trusted.example';
      }
      override validateHostBasedUser(username: string, _host: string, clientUsername: string) {
        return clientUsername === `local-${username}`;
      }
    }
    await using acceptor = await listen({
      host: '127.0.0.1',
      port: 0,
      serverHostKeys: [hostKey],
      serverFactory: () => new Server(),
      trustClientHost: true,
      processFactory: (proc) => {
        proc.stdout.write('in\n');
        proc.exit(0);
      },
    });
    await using conn = await connect('127.0.0.1', {
      port: acceptor.getPort(),
      username: 'bob',
      clientUsername: 'local-bob',
      clientHost: 'trusted.example',
      clientHostKeys: [otherHostKey],
      knownHosts: null,
      config: null,
      clientKeys: null,
      agentPath: null,
    });
    expect((await conn.run('x')).stdout).toBe('in\n');
    expect(seen[0]).toMatch(/^trusted\.example\.?$/);
  });

  const skip = hasAsyncSsh('debian12')
    ? false
    : missingPeer('AsyncSSH', 'apt-get install python3-asyncssh').skip;
  it.skipIf(skip)("AsyncSSH's client logs in to listen() with hostbased auth", async () => {
    await using acceptor = await server();
    const keyFile = path.join(dir, 'client_host_key');
    writeFileSync(keyFile, clientHostKey.exportPrivateKey('openssh'), { mode: 0o600 });
    const script = `
import asyncio, sys, asyncssh
async def main():
    async with asyncssh.connect('127.0.0.1', ${acceptor.getPort()}, username='carol', known_hosts=None,
                                client_keys=None, agent_path=None, client_host_keys=[sys.argv[1]],
                                client_host='client.example', client_username='carol',
                                preferred_auth='hostbased') as conn:
        r = await conn.run('x')
        print(r.stdout, end='')
asyncio.run(main())
`;
    const file = path.join(dir, 'hb.py');
    writeFileSync(file, script);
    // Asynchronously: the server under test runs in this process.
    const r = await new Promise<{ stdout: string; stderr: string }>((resolve) =>
      execFile(
        '/usr/bin/python3',
        ['-W', 'ignore', file, keyFile],
        { timeout: 25_000 },
        (_e, stdout, stderr) => resolve({ stdout, stderr }),
      ),
    );
    expect(r.stdout, r.stderr).toBe('hello carol\n');
  });
});
