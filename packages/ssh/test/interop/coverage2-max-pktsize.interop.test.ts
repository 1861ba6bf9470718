import {
  missingPeer,
  peerHost,
  type RunningServer,
  runOpenSshClient,
  startOpenSshd,
  waitForLog,
} from '@ssh/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, generatePrivateKey, listen } from '../../src/index.js';

// The maxPktsize option: the maximum packet size our end announces when it opens or accepts a
// channel, as sshd logs it (our client) and as `ssh -vvv` prints it (our server).

const dec = (b: Uint8Array) => new TextDecoder().decode(b);
const skip = peerHost('debian12')?.has('/usr/sbin/sshd')
  ? false
  : missingPeer('OpenSSH (debian12)', 'apt-get install openssh-server openssh-client').skip;

describe.skipIf(skip)('maxPktsize, with OpenSSH', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startOpenSshd({ config: ['LogLevel DEBUG1'] });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('connect maxPktsize: sshd logs the max of our session channel; output larger than it arrives whole', async () => {
    await using conn = await connect('127.0.0.1', {
      port: server.port,
      username: server.user,
      clientKeys: [server.clientKey.path],
      knownHosts: server.knownHostsPath,
      config: null,
      agentPath: null,
      maxPktsize: 4096,
    });
    const r = await conn.run('head -c 100000 /dev/zero | tr "\\0" d');
    expect(String(r.stdout)).toBe('d'.repeat(100000));
    await waitForLog(server, /server_input_channel_open: ctype session rchan \d+ win \d+ max 4096\b/);
  });

  it('listen maxPktsize: ssh -vvv sees it as the rmax of the confirmed channel', async () => {
    const hostKey = generatePrivateKey('ssh-ed25519');
    const user = generatePrivateKey('ssh-ed25519');
    const serveWith = async (pkt: number | undefined) => {
      await using acceptor = await listen({
        host: '127.0.0.1',
        port: 0,
        serverHostKeys: [hostKey],
        authorizedClientKeys: dec(user.exportPublicKey('openssh')),
        ...(pkt === undefined ? {} : { maxPktsize: pkt }),
        processFactory: (p) => {
          p.stdout.write('in\n');
          p.exit(0);
        },
      });
      const port = acceptor.getPort();
      return await runOpenSshClient({
        port,
        knownHosts: `[127.0.0.1]:${port} ${dec(hostKey.exportPublicKey('openssh')).trim()}\n`,
        identity: dec(user.exportPrivateKey('openssh')),
        command: 'x',
      });
    };
    const small = await serveWith(8192);
    expect(small.stdout, small.stderr.slice(-1500)).toBe('in\n');
    expect(small.stderr).toMatch(/channel 0: open confirm rwindow \d+ rmax 8192\b/);
    const usual = await serveWith(undefined);
    expect(usual.stdout).toBe('in\n');
    expect(usual.stderr).not.toMatch(/rmax 8192\b/);
  });
});
