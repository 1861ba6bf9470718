import { execFile, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  acceptSessions,
  type SSHConnection,
  type SSHServerChannel,
  SSHServerSession,
  type X11Request,
} from '@ssh/channels';
import { generatePrivateKey } from '@ssh/crypto';
import { missingPeer, startFakeX } from '@ssh/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createX11Relay, parseXauthority, type X11Relay } from '../../src/index.js';
import { startOurServer } from '../our-server.js';

/** A session that accepts X11 forwarding and runs xdpyinfo on this machine against the relay's display. */
class XdpyinfoSession extends SSHServerSession {
  static authPath = '';
  static relays: X11Relay[] = [];
  private channel: SSHServerChannel | null = null;
  private x11: X11Request | null = null;
  constructor(private readonly conn: SSHConnection) {
    super();
  }
  override connectionMade(channel: unknown): void {
    this.channel = channel as SSHServerChannel;
  }
  override x11Requested(request: X11Request): boolean {
    this.x11 = request;
    return true;
  }
  override eofReceived(): boolean {
    return true;
  }
  override execRequested(): boolean {
    return true;
  }
  override sessionStarted(): void {
    void this.runXdpyinfo();
  }
  private async runXdpyinfo(): Promise<void> {
    const channel = this.channel as SSHServerChannel;
    if (!this.x11) {
      channel.write('no X11 asked\n');
      channel.exit(3);
      return;
    }
    const relay = await createX11Relay(this.conn, this.x11, { authPath: XdpyinfoSession.authPath });
    XdpyinfoSession.relays.push(relay);
    const env = { ...process.env, DISPLAY: relay.display, XAUTHORITY: relay.authPath };
    const out = await new Promise<string>((resolve) => {
      execFile('xdpyinfo', [], { env }, (_e, stdout, stderr) =>
        resolve(`${relay.display}\n${stdout}${stderr}`),
      );
    });
    await relay[Symbol.asyncDispose]();
    channel.write(out);
    channel.exit(0);
  }
}

function ssh(port: number, knownHosts: string, identity: string, env: NodeJS.ProcessEnv, args: string[]) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(
      'ssh',
      [
        '-F',
        '/dev/null',
        '-p',
        String(port),
        '-i',
        identity,
        '-o',
        'BatchMode=yes',
        '-o',
        'IdentitiesOnly=yes',
        '-o',
        'StrictHostKeyChecking=yes',
        '-o',
        `UserKnownHostsFile=${knownHosts}`,
        ...args,
        'tester@127.0.0.1',
        'xdpyinfo',
      ],
      { env, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

const skip =
  existsSync('/usr/bin/ssh') && existsSync('/usr/bin/xauth') && existsSync('/usr/bin/xdpyinfo')
    ? false
    : missingPeer('OpenSSH ssh, xauth and xdpyinfo', 'apt-get install openssh-client xauth x11-utils').skip;

describe.skipIf(skip)('createX11Relay: our server relays X clients to OpenSSH `ssh -Y`', () => {
  let dir: string;
  let server: Awaited<ReturnType<typeof startOurServer>>;
  let fakeX: Awaited<ReturnType<typeof startFakeX>>;
  const cookie = new Uint8Array(randomBytes(16));
  let knownHosts: string;
  let identity: string;
  let clientEnv: NodeJS.ProcessEnv;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'fwd-x11-relay-'));
    fakeX = await startFakeX({ name: 'MIT-MAGIC-COOKIE-1', data: cookie });
    const clientAuth = path.join(dir, 'client.Xauthority');
    execFileSync('xauth', [
      '-f',
      clientAuth,
      'add',
      fakeX.display,
      'MIT-MAGIC-COOKIE-1',
      Buffer.from(cookie).toString('hex'),
    ]);
    clientEnv = { ...process.env, DISPLAY: fakeX.display, XAUTHORITY: clientAuth };
    XdpyinfoSession.authPath = path.join(dir, 'server.Xauthority');
    server = await startOurServer((conn) =>
      acceptSessions(conn, { sessionRequested: () => new XdpyinfoSession(conn) }),
    );
    knownHosts = path.join(dir, 'known_hosts');
    writeFileSync(knownHosts, server.knownHosts);
    identity = path.join(dir, 'id');
    writeFileSync(identity, generatePrivateKey('ssh-ed25519').exportPrivateKey('openssh'), { mode: 0o600 });
  });
  afterAll(async () => {
    server?.close();
    await fakeX?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('ssh -Y: xdpyinfo on our server reaches the X server on the client side with its real cookie', async () => {
    const r = await ssh(server.port, knownHosts, identity, clientEnv, ['-Y']);
    expect(r.stdout, r.stderr).toContain('fake-x: cookie accepted');
    expect(r.stdout).toMatch(/^localhost:\d+\.0/);
    expect(fakeX.seen.at(-1)?.data.equals(Buffer.from(cookie))).toBe(true);
    // The relay removed its cookie from the server's Xauthority when it closed.
    const relay = XdpyinfoSession.relays.at(-1) as X11Relay;
    const left = parseXauthority(readFileSync(XdpyinfoSession.authPath));
    expect(left.some((e) => e.number === String(relay.displayNumber))).toBe(false);
  });

  it('without -Y the session has no X11', async () => {
    const r = await ssh(server.port, knownHosts, identity, clientEnv, ['-x']);
    expect(r.stdout).toContain('no X11 asked');
    expect(r.code).toBe(3);
  });
});
