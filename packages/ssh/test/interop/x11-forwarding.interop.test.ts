import { execFile, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generatePrivateKey } from '@ssh/crypto';
import {
  missingPeer,
  peerHost,
  type RunningServer,
  runOpenSshClient,
  startFakeX,
  startOpenSshd,
} from '@ssh/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ChannelOpenError,
  connect,
  listen,
  type SSHAcceptor,
  type SSHServerProcess,
} from '../../src/index.js';

// X11 forwarding through the umbrella options, both roles: the X server is a
// small fake on 127.0.0.1 that tells whether the cookie it got was right, and
// the X client is the real xdpyinfo, with xauth writing the cookies.

const host = peerHost('debian12');
const skip =
  host?.has('/usr/sbin/sshd') && existsSync('/usr/bin/xauth') && existsSync('/usr/bin/xdpyinfo')
    ? false
    : missingPeer('OpenSSH sshd/ssh, xauth and xdpyinfo', 'apt-get install openssh-server xauth x11-utils')
        .skip;

const dec = (b: Uint8Array) => new TextDecoder().decode(b);
const dir = mkdtempSync(path.join(tmpdir(), 'ssh-x11-umbrella-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const accepted = (text: string) => text.split('fake-x: cookie accepted').length - 1;

describe.skipIf(skip)('X11 forwarding options with xauth and xdpyinfo', () => {
  const cookie = new Uint8Array(randomBytes(16));
  const localAuth = path.join(dir, 'local.Xauthority');
  let fakeX: Awaited<ReturnType<typeof startFakeX>>;
  beforeAll(async () => {
    fakeX = await startFakeX({ name: 'MIT-MAGIC-COOKIE-1', data: cookie });
    execFileSync('xauth', [
      '-f',
      localAuth,
      'add',
      fakeX.display,
      'MIT-MAGIC-COOKIE-1',
      Buffer.from(cookie).toString('hex'),
    ]);
  });
  afterAll(async () => {
    await fakeX?.close();
  });

  describe('client: connect({ x11Forwarding }) through sshd', () => {
    let sshd: RunningServer;
    let noX11: RunningServer;
    const options = (server: RunningServer) => ({
      port: server.port,
      username: server.user,
      clientKeys: [server.clientKey.path],
      knownHosts: server.knownHostsPath,
      config: null,
      x11Display: fakeX.display,
      x11AuthPath: localAuth,
    });
    beforeAll(async () => {
      sshd = await startOpenSshd({
        generation: 'debian12',
        config: [
          'X11Forwarding yes',
          'X11UseLocalhost yes',
          'XAuthLocation /usr/bin/xauth',
          `SetEnv XAUTHORITY=${path.join(dir, 'remote.Xauthority')}`,
        ],
      });
      noX11 = await startOpenSshd({ generation: 'debian12', config: ['X11Forwarding no'] });
    });
    afterAll(async () => {
      await sshd?.stop();
      await noX11?.stop();
    });

    it('xdpyinfo on the server reaches the X server of x11Display with the cookie from x11AuthPath', async () => {
      await using conn = await connect('127.0.0.1', { ...options(sshd), x11Forwarding: true });
      const r = await conn.run('echo "DISPLAY=$DISPLAY"; xdpyinfo');
      expect(String(r.stdout)).toMatch(/DISPLAY=localhost:\d+\.0/);
      expect(accepted(String(r.stderr))).toBe(1);
    });

    it('x11SingleConnection: only the first X client gets through', async () => {
      await using conn = await connect('127.0.0.1', {
        ...options(sshd),
        x11Forwarding: true,
        x11SingleConnection: true,
      });
      const r = await conn.run('xdpyinfo; xdpyinfo; echo done');
      expect(accepted(String(r.stderr))).toBe(1);
      expect(String(r.stdout)).toContain('done');
    });

    it("a server that refuses X11: x11Forwarding true fails the session, 'ignore_failure' runs it", async () => {
      {
        await using conn = await connect('127.0.0.1', { ...options(noX11), x11Forwarding: true });
        await expect(conn.run('true')).rejects.toBeInstanceOf(ChannelOpenError);
      }
      await using conn = await connect('127.0.0.1', { ...options(noX11), x11Forwarding: 'ignore_failure' });
      expect(String((await conn.run('echo "[$DISPLAY]"')).stdout)).toBe('[]\n');
      await expect(
        connect('127.0.0.1', { ...options(noX11), x11Forwarding: 'yes' as never }),
      ).rejects.toThrow(/option "x11Forwarding"/);
    });
  });

  describe('server: ssh -Y against listen({ x11Forwarding })', () => {
    const hostKey = generatePrivateKey('ssh-ed25519');
    const userKey = generatePrivateKey('ssh-ed25519');
    const serverAuth = path.join(dir, 'server.Xauthority');
    let on: SSHAcceptor;
    let off: SSHAcceptor;
    const xdpyinfo = async (proc: SSHServerProcess) => {
      const display = proc.channel.getX11Display();
      if (display === null) {
        proc.stdout.write('no X11\n');
        proc.exit(0);
        return;
      }
      const out = await new Promise<string>((resolve) =>
        execFile(
          'xdpyinfo',
          [],
          { env: { ...process.env, DISPLAY: display, XAUTHORITY: serverAuth } },
          (_e, o, e) => resolve(`${o}${e}`),
        ),
      );
      proc.stdout.write(`${display}\n${out}`);
      proc.exit(0);
    };
    beforeAll(async () => {
      const base = {
        host: '127.0.0.1',
        port: 0,
        serverHostKeys: [hostKey],
        authorizedClientKeys: dec(userKey.exportPublicKey('openssh')),
        processFactory: xdpyinfo,
      };
      on = await listen({ ...base, x11Forwarding: true, x11AuthPath: serverAuth });
      off = await listen(base);
    });
    afterAll(() => {
      on?.close();
      off?.close();
    });
    const sshY = (acc: SSHAcceptor) =>
      runOpenSshClient({
        port: acc.getPort(),
        knownHosts: `[127.0.0.1]:${acc.getPort()} ${dec(hostKey.exportPublicKey('openssh')).trim()}\n`,
        identity: dec(userKey.exportPrivateKey('openssh')),
        extraArgs: ['-Y'],
        env: { DISPLAY: fakeX.display, XAUTHORITY: localAuth },
        command: 'xdpyinfo',
      });

    it("getX11Display() names a display whose X clients reach ssh's X server with its real cookie", async () => {
      const run = await sshY(on);
      expect(run.stdout).toMatch(/^[\w.-]*:\d+(\.\d+)?\n/);
      expect(accepted(run.stdout)).toBe(1);
    });

    it('x11Forwarding off (the default) refuses the request', async () => {
      const run = await sshY(off);
      expect(run.stdout).toBe('no X11\n');
    });
  });
});
