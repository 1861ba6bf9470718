import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { missingPeer, peerHost, runOpenSshClient, sshKeygen } from '@ssh/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { generatePrivateKey, listen, SSHServer, type SSHServerConnection } from '../../src/index.js';

// What the login key's authorized_keys options and the user certificate allow, as our
// server reports them (getKeyOption, checkKeyPermission, getCertificateOption,
// checkCertificatePermission) and as OpenSSH's `ssh` meets them (`ssh -W` refused).

const dec = (b: Uint8Array) => new TextDecoder().decode(b);
const skip = peerHost('debian12')?.has('/usr/bin/ssh')
  ? false
  : missingPeer('OpenSSH ssh', 'apt-get install openssh-client').skip;
const dir = mkdtempSync(path.join(tmpdir(), 'ssh-cov-keyopts-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const hostKey = generatePrivateKey('ssh-ed25519');
const knownHosts = (port: number) =>
  `[127.0.0.1]:${port} ${dec(hostKey.exportPublicKey('openssh')).trim()}\n`;

/** Lets direct-tcpip through to a greeting served here, when the login allows forwarding. */
class Forwarding extends SSHServer {
  override connectionRequested(host: string, port: number) {
    return async (_r: unknown, writer: { write(d: Uint8Array): void; close(): void }) => {
      writer.write(new TextEncoder().encode(`tunnel to ${host}:${port}\n`));
      writer.close();
    };
  }
}

async function serve(authorizedClientKeys: string, accepted: SSHServerConnection[]) {
  return listen({
    host: '127.0.0.1',
    port: 0,
    serverHostKeys: [hostKey],
    authorizedClientKeys,
    serverFactory: () => new Forwarding(),
    acceptor: (c) => {
      accepted.push(c);
    },
    processFactory: (p) => {
      p.stdout.write(`ran ${p.command}\n`);
      p.exit(0);
    },
  });
}

describe.skipIf(skip)('key and certificate restrictions, with OpenSSH ssh', () => {
  it("authorized_keys no-port-forwarding refuses ssh -W; no-agent-, no-X11-forwarding and no-user-rc are the key's permissions", async () => {
    const plain = sshKeygen('ed25519', path.join(dir, 'id_plain'));
    const limited = sshKeygen('ed25519', path.join(dir, 'id_limited'));
    const restrictions = ['no-port-forwarding', 'no-agent-forwarding', 'no-x11-forwarding', 'no-user-rc'];
    const accepted: SSHServerConnection[] = [];
    await using acceptor = await serve(
      `${plain.publicLine}\n${restrictions.join(',')} ${limited.publicLine}\n`,
      accepted,
    );
    const port = acceptor.getPort();
    const tunnel = (key: string) =>
      runOpenSshClient({
        port,
        knownHosts: knownHosts(port),
        identity: readFileSync(key, 'utf8'),
        extraArgs: ['-W', 'inside.example:7'],
      });
    const open = await tunnel(plain.path);
    expect(open.stdout, open.stderr.slice(-1500)).toBe('tunnel to inside.example:7\n');
    const refused = await tunnel(limited.path);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toMatch(/open failed: administratively prohibited/);
    expect(refused.code).not.toBe(0);

    const [free, bound] = accepted as [SSHServerConnection, SSHServerConnection];
    for (const permission of ['port-forwarding', 'agent-forwarding', 'X11-forwarding', 'user-rc']) {
      expect(free.checkKeyPermission(permission)).toBe(true);
      expect(bound.checkKeyPermission(permission)).toBe(false);
    }
    expect(bound.checkKeyPermission('pty')).toBe(true);
    // setExtraInfo on the server connection, read back with the values the login set.
    bound.setExtraInfo({ note: 'restricted' });
    expect(bound.getExtraInfo('note')).toBe('restricted');
    expect(bound.getExtraInfo('username')).toBe('root');
  });

  it("a user certificate's critical options and permissions: getCertificateOption, checkCertificatePermission", async () => {
    const ca = sshKeygen('ed25519', path.join(dir, 'user_ca'));
    const user = sshKeygen('ed25519', path.join(dir, 'id_certified'));
    execFileSync('ssh-keygen', [
      '-q',
      '-s',
      ca.path,
      '-I',
      'coverage-user',
      '-n',
      'root',
      '-O',
      'clear',
      '-O',
      'permit-pty',
      '-O',
      'permit-X11-forwarding',
      '-O',
      'force-command=forced command',
      '-O',
      'source-address=127.0.0.1/32',
      `${user.path}.pub`,
    ]);
    const accepted: SSHServerConnection[] = [];
    await using acceptor = await serve(`cert-authority ${ca.publicLine}\n`, accepted);
    const port = acceptor.getPort();
    const login = (extraArgs: string[], command?: string) =>
      runOpenSshClient({
        port,
        knownHosts: knownHosts(port),
        identity: readFileSync(user.path, 'utf8'),
        options: [`CertificateFile=${user.path}-cert.pub`],
        extraArgs,
        ...(command ? { command } : {}),
      });
    const r = await login([], 'what I asked');
    expect(r.stdout, r.stderr.slice(-1500)).toBe('ran forced command\n');
    const tunnel = await login(['-W', 'inside.example:7']);
    expect(tunnel.stderr).toMatch(/open failed: administratively prohibited/);

    const conn = accepted[0] as SSHServerConnection;
    expect(conn.getCertificateOption('force-command')).toBe('forced command');
    expect(conn.getCertificateOption('source-address')).toEqual(['127.0.0.1/32']);
    expect(conn.getCertificateOption('verify-required', 'unset')).toBe('unset');
    expect(conn.checkCertificatePermission('pty')).toBe(true);
    expect(conn.checkCertificatePermission('port-forwarding')).toBe(false);
    expect(conn.checkCertificatePermission('agent-forwarding')).toBe(false);
    expect(conn.checkCertificatePermission('X11-forwarding')).toBe(true);
    expect(conn.checkCertificatePermission('user-rc')).toBe(false);
  });
});
