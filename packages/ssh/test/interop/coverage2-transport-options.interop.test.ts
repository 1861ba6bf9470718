import { missingPeer, peerHost, type RunningServer, runOpenSshClient, startOpenSshd } from '@ssh/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, generatePrivateKey, listen } from '../../src/index.js';

// compressionAlgs and rekeyBytes of connect (sshd's debug log says what it negotiated and how
// often it re-keyed) and of listen (OpenSSH ssh's -vvv output says the same).

const dec = (b: Uint8Array) => new TextDecoder().decode(b);
const count = (text: string, needle: string) => text.split(needle).length - 1;
const skip = peerHost('debian12')?.has('/usr/sbin/sshd')
  ? false
  : missingPeer('OpenSSH (debian12)', 'apt-get install openssh-server openssh-client').skip;

describe.skipIf(skip)('connect compressionAlgs and rekeyBytes, as sshd sees them', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startOpenSshd({ config: ['LogLevel DEBUG1'] });
  });
  afterAll(async () => {
    await server?.stop();
  });

  const open = (extra: { compressionAlgs?: string[]; rekeyBytes?: number }) =>
    connect('127.0.0.1', {
      port: server.port,
      username: server.user,
      clientKeys: [server.clientKey.path],
      knownHosts: server.knownHostsPath,
      config: null,
      agentPath: null,
      ...extra,
    });

  it('compressionAlgs picks zlib@openssh.com or none, and data survives compression', async () => {
    for (const alg of ['zlib@openssh.com', 'none']) {
      const mark = server.log().length;
      await using conn = await open({ compressionAlgs: [alg] });
      const r = await conn.run('head -c 200000 /dev/zero | tr "\\0" a');
      expect(String(r.stdout)).toBe('a'.repeat(200000));
      const log = server.log().slice(mark);
      expect(log).toContain(`compression: ${alg}`);
      expect(log).not.toContain(`compression: ${alg === 'none' ? 'zlib@openssh.com' : 'none'}`);
    }
  });

  it('rekeyBytes: sshd sees another key exchange once data passes the limit, and none without it', async () => {
    const exchanges = async (extra: { rekeyBytes?: number }) => {
      const mark = server.log().length;
      const conn = await open(extra);
      // Upload: our own outgoing bytes pass the limit, whatever the load does to the timing.
      const r = await conn.run('wc -c', { input: 'b'.repeat(600000) });
      expect(String(r.stdout).trim()).toBe('600000');
      conn.close();
      await conn.waitClosed();
      // sshd's log arrives through a pipe: wait until it reports this connection's end.
      const ended = /Disconnected from|Connection closed by|Received disconnect/;
      for (let i = 0; i < 200 && !ended.test(server.log().slice(mark)); i++)
        await new Promise((res) => setTimeout(res, 25));
      return count(server.log().slice(mark), 'SSH2_MSG_NEWKEYS received');
    };
    expect(await exchanges({})).toBe(1);
    expect(await exchanges({ rekeyBytes: 64 * 1024 })).toBeGreaterThanOrEqual(2);
  });
});

describe.skipIf(skip)('listen compressionAlgs and rekeyBytes, as OpenSSH ssh sees them', () => {
  const hostKey = generatePrivateKey('ssh-ed25519');
  const user = generatePrivateKey('ssh-ed25519');

  async function run(extra: { compressionAlgs?: string[]; rekeyBytes?: number }, sshArgs: string[]) {
    await using acceptor = await listen({
      host: '127.0.0.1',
      port: 0,
      serverHostKeys: [hostKey],
      authorizedClientKeys: dec(user.exportPublicKey('openssh')),
      processFactory: (p) => {
        p.stdout.write('c'.repeat(600000));
        p.exit(0);
      },
      ...extra,
    });
    const port = acceptor.getPort();
    return await runOpenSshClient({
      port,
      knownHosts: `[127.0.0.1]:${port} ${dec(hostKey.exportPublicKey('openssh')).trim()}\n`,
      identity: dec(user.exportPrivateKey('openssh')),
      extraArgs: sshArgs,
      command: 'x',
    });
  }

  it('compressionAlgs: ssh -C gets zlib@openssh.com when we offer it, none when we offer only none', async () => {
    const zlib = await run({ compressionAlgs: ['zlib@openssh.com'] }, ['-C']);
    expect(zlib.stdout.length, zlib.stderr.slice(-1500)).toBe(600000);
    expect(zlib.stderr).toMatch(/kex: server->client cipher: \S+ MAC: \S+ compression: zlib@openssh\.com/);
    const none = await run({ compressionAlgs: ['none'] }, ['-C']);
    expect(none.stdout.length).toBe(600000);
    expect(none.stderr).toMatch(/kex: server->client cipher: \S+ MAC: \S+ compression: none/);
  });

  it('rekeyBytes: ssh sees our server start more key exchanges as data passes the limit', async () => {
    const small = await run({ rekeyBytes: 64 * 1024 }, []);
    expect(small.stdout.length, small.stderr.slice(-1500)).toBe(600000);
    expect(count(small.stderr, 'SSH2_MSG_KEXINIT received')).toBeGreaterThanOrEqual(3);
    const large = await run({}, []);
    expect(large.stdout.length).toBe(600000);
    expect(count(large.stderr, 'SSH2_MSG_KEXINIT received')).toBe(1);
  });
});
