import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { run, type SSHConnection } from '@ssh/channels';
import {
  makePeerWorkdir,
  missingPeer,
  type PeerWorkdir,
  peerHost,
  type RunningServer,
  startFakeX,
  startOpenSshd,
} from '@ssh/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDisplay, parseXauthority, startX11Forwarding } from '../../src/index.js';
import { loginTo } from '../connect.js';

const host = peerHost('debian12');
const skip =
  host?.has('/usr/sbin/sshd') && existsSync('/usr/bin/xauth') && existsSync('/usr/bin/xdpyinfo')
    ? false
    : missingPeer('OpenSSH sshd, xauth and xdpyinfo', 'apt-get install openssh-server xauth x11-utils').skip;

describe.skipIf(skip)(
  'X11 forwarding through OpenSSH sshd to a local X server, with xauth and xdpyinfo',
  () => {
    let wd: PeerWorkdir;
    let server: RunningServer;
    let conn: SSHConnection;
    let fakeX: Awaited<ReturnType<typeof startFakeX>>;
    const cookie = new Uint8Array(randomBytes(16));
    let localAuth: string;

    beforeAll(async () => {
      if (!host) return;
      wd = makePeerWorkdir(host, 'fwd-x11');
      fakeX = await startFakeX({ name: 'MIT-MAGIC-COOKIE-1', data: cookie });
      // The real cookie of our local display, written by the real xauth.
      localAuth = wd.file('local.Xauthority').local;
      execFileSync('xauth', [
        '-f',
        localAuth,
        'add',
        fakeX.display,
        'MIT-MAGIC-COOKIE-1',
        Buffer.from(cookie).toString('hex'),
      ]);
      server = await startOpenSshd({
        generation: 'debian12',
        config: [
          'X11Forwarding yes',
          'X11UseLocalhost yes',
          'XAuthLocation /usr/bin/xauth',
          // sshd's xauth and the remote X client use this file, not root's own.
          `SetEnv XAUTHORITY=${wd.file('remote.Xauthority').peer}`,
        ],
      });
      conn = await loginTo(server);
    });
    afterAll(async () => {
      conn?.close();
      await server?.stop();
      await fakeX?.close();
      wd?.remove();
    });

    it('parseXauthority reads what xauth wrote; parseDisplay rejects bad values', () => {
      const entries = parseXauthority(readFileSync(localAuth));
      const mine = entries.find((e) => e.number === String(fakeX.displayNumber));
      expect(mine?.name).toBe('MIT-MAGIC-COOKIE-1');
      expect(Buffer.from(mine?.data ?? []).equals(Buffer.from(cookie))).toBe(true);
      expect(parseXauthority(readFileSync(localAuth).subarray(0, 7))).toEqual([]);
      expect(parseDisplay('localhost:10.2')).toEqual({ host: 'localhost', display: 10, screen: 2 });
      expect(parseDisplay('unix:0')).toEqual({ host: '', display: 0, screen: 0 });
      expect(() => parseDisplay('nodisplay')).toThrow(/invalid X11 display/);
      expect(() => parseDisplay(':x')).toThrow(/bad display number/);
    });

    it('xdpyinfo on the server reaches our X server with the real cookie, never the fake one', async () => {
      const x11 = await startX11Forwarding(conn, { display: fakeX.display, authPath: localAuth });
      try {
        expect(x11.request.authProtocol).toBe('MIT-MAGIC-COOKIE-1');
        expect(x11.request.authCookie).not.toBe(Buffer.from(cookie).toString('hex'));
        const result = await run(conn, 'echo "DISPLAY=$DISPLAY"; xdpyinfo', { x11: x11.request });
        expect(String(result.stdout)).toMatch(/DISPLAY=localhost:\d+\.0/);
        expect(String(result.stderr)).toContain('fake-x: cookie accepted');
        expect(fakeX.seen.length).toBeGreaterThan(0);
        for (const s of fakeX.seen) expect(s.data.equals(Buffer.from(cookie))).toBe(true);
      } finally {
        x11.close();
      }
    });

    it('an X client with a wrong cookie is cut off before it reaches the X server', async () => {
      const x11 = await startX11Forwarding(conn, { display: fakeX.display, authPath: localAuth });
      const before = fakeX.seen.length;
      try {
        const wrong = randomBytes(16).toString('hex');
        const result = await run(
          conn,
          `xauth add "$DISPLAY" MIT-MAGIC-COOKIE-1 ${wrong}; xdpyinfo; echo exit=$?`,
          { x11: x11.request },
        );
        expect(String(result.stdout)).toContain('exit=1');
        expect(String(result.stderr)).not.toContain('fake-x');
        expect(fakeX.seen.length).toBe(before);
      } finally {
        x11.close();
      }
    });

    it('singleConnection: a second X11 connection is refused', async () => {
      const x11 = await startX11Forwarding(conn, {
        display: fakeX.display,
        authPath: localAuth,
        singleConnection: true,
      });
      try {
        const result = await run(conn, 'xdpyinfo; xdpyinfo; echo done', { x11: x11.request });
        const stderr = String(result.stderr);
        expect(stderr.split('fake-x: cookie accepted').length - 1).toBe(1);
        expect(String(result.stdout)).toContain('done');
      } finally {
        x11.close();
      }
      await expect(startX11Forwarding(conn, { display: '' })).rejects.toThrow(/display/);
    });
  },
);
