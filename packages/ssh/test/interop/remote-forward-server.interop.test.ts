import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generatePrivateKey } from '@ssh/crypto';
import { freePort, GENERATIONS, missingPeer, peerHost, runOpenSshClient } from '@ssh/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen, type SSHAcceptor, SSHServer, type SSHServerProcess } from '../../src/index.js';

// The server side of remote forwarding: OpenSSH's `ssh -R` asks our server to
// listen (SSHServer.serverRequested / unixServerRequested); a process on our
// server then connects to that listener, and ssh carries the connection back
// to a service on its side.

const dec = (b: Uint8Array) => new TextDecoder().decode(b);
const hostKey = generatePrivateKey('ssh-ed25519');
const userKey = generatePrivateKey('ssh-ed25519');
const dir = mkdtempSync(path.join(tmpdir(), 'ssh-remote-fwd-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Connect to a TCP port or UNIX path, send `text`, read until the peer closes. */
async function exchange(to: net.NetConnectOpts, text: string): Promise<string> {
  const s = net.connect(to);
  await once(s, 'connect');
  const chunks: Buffer[] = [];
  s.on('data', (d: Buffer) => chunks.push(d));
  s.end(text);
  await once(s, 'close');
  return Buffer.concat(chunks).toString();
}

const requested: string[] = [];
class ForwardingServer extends SSHServer {
  override serverRequested(listenHost: string, listenPort: number): boolean {
    requested.push(`${listenHost}:${listenPort}`);
    return true;
  }
  override unixServerRequested(listenPath: string): boolean {
    requested.push(listenPath);
    return true;
  }
}

/** `probe <port>` / `probe-unix <path>`: connect to what ssh -R asked us to listen on. */
async function probe(proc: SSHServerProcess): Promise<void> {
  const [what, where = ''] = (proc.command ?? '').split(' ');
  try {
    const to = what === 'probe-unix' ? { path: where } : { host: '127.0.0.1', port: Number(where) };
    proc.stdout.write(`${await exchange(to, `${what} through ssh -R`)}\n`);
    proc.exit(0);
  } catch (err) {
    proc.stderr.write(`${(err as Error).message}\n`);
    proc.exit(1);
  }
}

let upper: net.Server;
let upperPort: number;
let forwarding: SSHAcceptor;
let refusing: SSHAcceptor;

beforeAll(async () => {
  upper = net.createServer((s) => {
    const chunks: Buffer[] = [];
    s.on('data', (d: Buffer) => chunks.push(d));
    s.on('end', () => s.end(Buffer.concat(chunks).toString().toUpperCase()));
  });
  await new Promise<void>((r) => upper.listen(0, '127.0.0.1', r));
  upperPort = (upper.address() as net.AddressInfo).port;
  const base = {
    host: '127.0.0.1',
    port: 0,
    serverHostKeys: [hostKey],
    authorizedClientKeys: dec(userKey.exportPublicKey('openssh')),
    processFactory: probe,
  };
  forwarding = await listen({ ...base, serverFactory: () => new ForwardingServer() });
  refusing = await listen(base);
});
afterAll(() => {
  forwarding?.close();
  refusing?.close();
  upper?.close();
});

for (const generation of GENERATIONS) {
  const present = peerHost(generation)?.has('/usr/bin/ssh');
  const skip = present
    ? false
    : missingPeer(`OpenSSH ssh (${generation})`, 'apt-get install openssh-client; pnpm peers').skip;
  describe.skipIf(skip)(`OpenSSH ssh -R (${generation}) against our server`, () => {
    const ssh = (acc: SSHAcceptor, forward: string, command: string) =>
      runOpenSshClient({
        generation,
        port: acc.getPort(),
        knownHosts: `[127.0.0.1]:${acc.getPort()} ${dec(hostKey.exportPublicKey('openssh')).trim()}\n`,
        identity: dec(userKey.exportPrivateKey('openssh')),
        options: ['ExitOnForwardFailure=yes', 'LogLevel=INFO'],
        extraArgs: ['-R', forward],
        command,
      });

    it('serverRequested: true listens on the port ssh names; a connection there reaches ssh’s side', async () => {
      const port = await freePort();
      const run = await ssh(forwarding, `127.0.0.1:${port}:127.0.0.1:${upperPort}`, `probe ${port}`);
      expect(run.stderr).not.toMatch(/forwarding failed/);
      expect(run.stdout).toBe('PROBE THROUGH SSH -R\n');
      expect(run.code).toBe(0);
      expect(requested).toContain(`127.0.0.1:${port}`);
    });

    it('port 0: our server picks the port and tells ssh which', async () => {
      const run = await ssh(forwarding, `127.0.0.1:0:127.0.0.1:${upperPort}`, 'probe 0');
      const allocated = /Allocated port (\d+) for remote forward/.exec(run.stderr);
      expect(allocated, run.stderr).not.toBeNull();
      expect(Number(allocated?.[1])).toBeGreaterThan(0);
    });

    it('unixServerRequested: ssh -R with a socket path', async () => {
      const sock = path.join(dir, `fwd-${generation}.sock`);
      const run = await ssh(forwarding, `${sock}:127.0.0.1:${upperPort}`, `probe-unix ${sock}`);
      expect(run.stdout).toBe('PROBE-UNIX THROUGH SSH -R\n');
      expect(run.code).toBe(0);
    });

    it('the default SSHServer refuses, and ssh with ExitOnForwardFailure gives up', async () => {
      const port = await freePort();
      const run = await ssh(refusing, `127.0.0.1:${port}:127.0.0.1:${upperPort}`, `probe ${port}`);
      expect(run.stderr).toMatch(/remote port forwarding failed/);
      expect(run.code).toBe(255);
    });
  });
}
