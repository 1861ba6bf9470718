import { copyFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  hasAsyncSsh,
  makePeerWorkdir,
  missingPeer,
  type PeerProcess,
  type PeerWorkdir,
  peerHost,
  type RunningServer,
  SYSTEM_PYTHON,
  sshKeygen,
  startProcess,
} from '@ssh/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ChannelData, createSession, SSHClientSession, type SSHConnection } from '../../src/index.js';
import { connectTo } from './connect.js';

// SSHClientSession.xonXoffRequested: our client told by an AsyncSSH server
// (asyncssh/coverage2_xon_server.py, which calls set_xon_xoff) whether to handle Ctrl-S/Ctrl-Q.

const SCRIPT = fileURLToPath(new URL('./asyncssh/coverage2_xon_server.py', import.meta.url));

class XonRecorder extends SSHClientSession {
  text = '';
  events: string[] = [];
  override dataReceived(data: ChannelData): void {
    this.text += typeof data === 'string' ? data : new TextDecoder().decode(data);
  }
  override xonXoffRequested(clientCanDo: boolean): void {
    this.events.push(`xon-xoff ${clientCanDo}`);
  }
  override exitStatusReceived(status: number): void {
    this.events.push(`exit ${status}`);
  }
}

const skip = hasAsyncSsh('debian12')
  ? false
  : missingPeer('AsyncSSH (debian12)', 'apt-get install python3-asyncssh').skip;

describe.skipIf(skip)('SSHClientSession.xonXoffRequested, from an AsyncSSH server', () => {
  let wd: PeerWorkdir;
  let proc: PeerProcess;
  let conn: SSHConnection;
  beforeAll(async () => {
    const host = peerHost('debian12');
    if (!host) throw new Error('debian12 peers are not installed');
    wd = makePeerWorkdir(host, 'asyncssh-cov2-xon');
    copyFileSync(SCRIPT, wd.file('server.py').local);
    const clientKey = sshKeygen('ed25519', wd.file('id_ed25519').local);
    writeFileSync(wd.file('authorized_keys').local, `${clientKey.publicLine}\n`);
    const cmd = host.command([
      SYSTEM_PYTHON,
      '-W',
      'ignore',
      wd.file('server.py').peer,
      wd.file('authorized_keys').peer,
    ]);
    proc = startProcess(cmd.file, cmd.args, 'asyncssh xon server');
    let m: RegExpExecArray | null = null;
    for (let i = 0; i < 500 && !m; i++) {
      m = /PORT (\d+) (\S+ \S+)/.exec(proc.output());
      if (!m) await new Promise((r) => setTimeout(r, 20));
    }
    if (!m) throw new Error(`AsyncSSH server did not start: ${proc.output()}`);
    // connectTo needs only the address, the host key and the client key of a RunningServer.
    const server = {
      port: Number(m[1]),
      user: 'root',
      hostKeys: [{ publicLine: m[2] }],
      clientKey,
    } as unknown as RunningServer;
    conn = await connectTo(server);
  }, 30_000);
  afterAll(async () => {
    conn?.close();
    await proc?.stop();
    wd?.remove();
  });

  it('gets the flag the server sent, before the exit status', async () => {
    for (const flag of [true, false]) {
      const [chan, session] = await createSession(conn, () => new XonRecorder(), {
        command: `xon ${flag ? 1 : 0}`,
      });
      await chan.waitClosed();
      expect(session.text).toBe('sent\n');
      expect(session.events).toEqual([`xon-xoff ${flag}`, 'exit 0']);
    }
  });
});
