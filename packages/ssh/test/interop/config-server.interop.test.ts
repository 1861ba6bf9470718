import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { missingPeer, peerHost, runOpenSshClient, sshKeygen } from '@ssh/testing';
import { afterAll, describe, expect, it } from 'vitest';
import {
  generatePrivateKey,
  listen,
  type ServerOptionFields,
  type SSHKey,
  SSHServer,
} from '../../src/index.js';

// OpenSSH's `ssh` logs in to our listen() server whose settings come from an
// sshd_config file: per-user AuthorizedKeysFile (with %u %U %h and Match User),
// the auth method switches, and HostCertificate.

const dec = (b: Uint8Array) => new TextDecoder().decode(b);
const skip = peerHost('debian12')?.has('/usr/bin/ssh')
  ? false
  : missingPeer('OpenSSH ssh', 'apt-get install openssh-client').skip;

const dir = mkdtempSync(path.join(tmpdir(), 'ssh-config-server-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const hostKey = sshKeygen('ed25519', path.join(dir, 'host_key'));
const pubOf = (k: SSHKey) => dec(k.exportPublicKey('openssh')).trim();
const privOf = (k: SSHKey) => dec(k.exportPrivateKey('openssh'));
const knownHosts = (port: number) =>
  `[127.0.0.1]:${port} ${hostKey.publicLine.split(' ').slice(0, 2).join(' ')}\n`;
const passwdEntry = (user: string) => {
  try {
    const [, , uid, , , home] = execFileSync('getent', ['passwd', user], { encoding: 'utf8' })
      .trim()
      .split(':');
    return { uid: Number(uid), home: home ?? '' };
  } catch {
    return undefined;
  }
};

function sshdConfig(name: string, lines: readonly string[]): string {
  const file = path.join(dir, name);
  writeFileSync(file, `HostKey ${hostKey.path}\n${lines.join('\n')}\n`);
  return file;
}

const echoUser: Pick<ServerOptionFields, 'processFactory'> = {
  processFactory: (proc) => {
    proc.stdout.write('in\n');
    proc.exit(0);
  },
};

/** The methods `ssh -vvv` says the server lets it continue with, first time asked. */
const methods = (stderr: string) =>
  /Authentications that can continue: ([\w,-]+)/.exec(stderr)?.[1]?.split(',');

describe.skipIf(skip)('listen with an sshd_config file, against OpenSSH ssh', () => {
  it('AuthorizedKeysFile names each user’s keys: %u %U %h expanded from /etc/passwd, Match User wins', async () => {
    const root = passwdEntry('root');
    const other = passwdEntry('sshtest');
    expect(root).toBeDefined();
    const a = generatePrivateKey('ssh-ed25519');
    const b = generatePrivateKey('ecdsa-sha2-nistp256');
    const c = generatePrivateKey('ssh-ed25519');
    mkdirSync(path.join(dir, 'ak'), { recursive: true });
    mkdirSync(path.join(dir, `homes${root?.home}`), { recursive: true });
    // A line sshd would reject (unterminated option) is skipped, as sshd does.
    writeFileSync(path.join(dir, 'ak', `root.${root?.uid}`), `command="oops ${pubOf(c)}\n${pubOf(a)}\n`);
    writeFileSync(path.join(dir, `homes${root?.home}`, 'keys'), `${pubOf(b)}\n`);
    if (other) {
      writeFileSync(path.join(dir, 'ak', `sshtest.${other.uid}`), `${pubOf(a)}\n`);
      writeFileSync(path.join(dir, 'ak', 'special-sshtest'), `${pubOf(c)}\n`);
    }
    const cfg = sshdConfig('sshd_ak', [
      `AuthorizedKeysFile ${dir}/ak/%u.%U ${dir}/homes%h/keys`,
      'Match User sshtest',
      `  AuthorizedKeysFile ${dir}/ak/special-%u`,
    ]);
    await using acceptor = await listen({ host: '127.0.0.1', port: 0, config: cfg, ...echoUser });
    const port = acceptor.getPort();
    const login = async (key: SSHKey, user: string) => {
      const r = await runOpenSshClient({
        port,
        user,
        knownHosts: knownHosts(port),
        identity: privOf(key),
        command: 'x',
      });
      return r.code === 0 && r.stdout === 'in\n' ? 'in' : `refused ${r.code}`;
    };
    expect(await login(a, 'root')).toBe('in');
    expect(await login(b, 'root')).toBe('in');
    expect(await login(c, 'root')).toBe('refused 255');
    if (other) {
      expect(await login(c, 'sshtest')).toBe('in');
      expect(await login(a, 'sshtest')).toBe('refused 255');
    }
    expect(await login(a, 'no-such-user-here')).toBe('refused 255');
  });

  it('UseDNS decides whether Match Host sees the name 127.0.0.1 resolves back to or the address', async () => {
    const byName = generatePrivateKey('ssh-ed25519');
    const byAddr = generatePrivateKey('ssh-ed25519');
    writeFileSync(path.join(dir, 'by_name'), `${pubOf(byName)}\n`);
    writeFileSync(path.join(dir, 'by_addr'), `${pubOf(byAddr)}\n`);
    const tail = [
      'Match Host localhost',
      `  AuthorizedKeysFile ${dir}/by_name`,
      'Match Host 127.0.0.1',
      `  AuthorizedKeysFile ${dir}/by_addr`,
    ];
    const tryBoth = async (useDns: string) => {
      await using acceptor = await listen({
        host: '127.0.0.1',
        port: 0,
        config: sshdConfig(`sshd_dns_${useDns}`, [`UseDNS ${useDns}`, ...tail]),
        ...echoUser,
      });
      const port = acceptor.getPort();
      const login = async (key: SSHKey) =>
        (await runOpenSshClient({ port, knownHosts: knownHosts(port), identity: privOf(key), command: 'x' }))
          .stdout;
      return { byName: await login(byName), byAddr: await login(byAddr) };
    };
    expect(await tryBoth('yes')).toEqual({ byName: 'in\n', byAddr: '' });
    expect(await tryBoth('no')).toEqual({ byName: '', byAddr: 'in\n' });
  });

  it('explicit authorizedClientKeys win over AuthorizedKeysFile', async () => {
    const a = generatePrivateKey('ssh-ed25519');
    const b = generatePrivateKey('ssh-ed25519');
    writeFileSync(path.join(dir, 'only_a'), `${pubOf(a)}\n`);
    const cfg = sshdConfig('sshd_explicit', [`AuthorizedKeysFile ${dir}/only_a`]);
    await using acceptor = await listen({
      host: '127.0.0.1',
      port: 0,
      config: cfg,
      authorizedClientKeys: `${pubOf(b)}\n`,
      ...echoUser,
    });
    const port = acceptor.getPort();
    const run = (key: SSHKey) =>
      runOpenSshClient({ port, knownHosts: knownHosts(port), identity: privOf(key), command: 'x' });
    expect((await run(b)).stdout).toBe('in\n');
    expect((await run(a)).code).toBe(255);
  });

  it('PubkeyAuthentication, PasswordAuthentication, KbdInteractiveAuthentication and HostbasedAuthentication choose the methods offered', async () => {
    const key = generatePrivateKey('ssh-ed25519');
    class Both extends SSHServer {
      override passwordAuthSupported() {
        return true;
      }
      override validatePassword(_u: string, p: string) {
        return p === 'right';
      }
      override publicKeyAuthSupported() {
        return true;
      }
      override validatePublicKey() {
        return true;
      }
    }
    const knownClients = path.join(dir, 'known_clients');
    writeFileSync(knownClients, `localhost ${pubOf(generatePrivateKey('ssh-ed25519'))}\n`);
    const offered = async (lines: string[]) => {
      await using acceptor = await listen({
        host: '127.0.0.1',
        port: 0,
        config: sshdConfig(`sshd_methods_${lines.join('_').replace(/\W+/g, '')}`, lines),
        serverFactory: () => new Both(),
        knownClientHosts: knownClients,
        ...echoUser,
      });
      const port = acceptor.getPort();
      const r = await runOpenSshClient({
        port,
        knownHosts: knownHosts(port),
        options: ['PreferredAuthentications=none', 'NumberOfPasswordPrompts=0'],
        command: 'x',
      });
      return methods(r.stderr)?.sort();
    };
    expect(await offered([])).toEqual(['hostbased', 'keyboard-interactive', 'password', 'publickey']);
    expect(await offered(['PubkeyAuthentication no', 'HostbasedAuthentication no'])).toEqual([
      'keyboard-interactive',
      'password',
    ]);
    expect(await offered(['KbdInteractiveAuthentication no'])).toEqual([
      'hostbased',
      'password',
      'publickey',
    ]);
    expect(await offered(['PasswordAuthentication no', 'KbdInteractiveAuthentication no'])).toEqual([
      'hostbased',
      'publickey',
    ]);
    // The switch really stops the method: a right password is refused when password auth is off.
    await using acceptor = await listen({
      host: '127.0.0.1',
      port: 0,
      config: sshdConfig('sshd_nopw', ['PasswordAuthentication no', 'KbdInteractiveAuthentication no']),
      serverFactory: () => new Both(),
      ...echoUser,
    });
    const port = acceptor.getPort();
    const withPassword = await runOpenSshClient({
      port,
      knownHosts: knownHosts(port),
      password: 'right',
      options: ['PreferredAuthentications=password,keyboard-interactive'],
      command: 'x',
    });
    expect(withPassword.code).toBe(255);
    const withKey = await runOpenSshClient({
      port,
      knownHosts: knownHosts(port),
      identity: privOf(key),
      command: 'x',
    });
    expect(withKey.stdout).toBe('in\n');
  });

  it('HostCertificate offers the host certificate, which ssh checks against an @cert-authority line', async () => {
    const ca = sshKeygen('ed25519', path.join(dir, 'host_ca'));
    const certHost = sshKeygen('ecdsa', path.join(dir, 'cert_host_key'));
    execFileSync(
      'ssh-keygen',
      ['-q', '-s', ca.path, '-I', 'host', '-h', '-n', '127.0.0.1', `${certHost.path}.pub`],
      {
        stdio: 'pipe',
      },
    );
    const user = generatePrivateKey('ssh-ed25519');
    const cfg = path.join(dir, 'sshd_cert');
    writeFileSync(cfg, `HostKey ${certHost.path}\nHostCertificate ${certHost.path}-cert.pub\n`);
    await using acceptor = await listen({
      host: '127.0.0.1',
      port: 0,
      config: cfg,
      authorizedClientKeys: `${pubOf(user)}\n`,
      ...echoUser,
    });
    const port = acceptor.getPort();
    const caLine = ca.publicLine.split(' ').slice(0, 2).join(' ');
    const r = await runOpenSshClient({
      port,
      knownHosts: `@cert-authority [127.0.0.1]:${port} ${caLine}\n`,
      identity: privOf(user),
      command: 'x',
    });
    expect(r.stdout, r.stderr.slice(-1500)).toBe('in\n');
    expect(r.stderr).toMatch(/Server host certificate: ecdsa-sha2-nistp256-cert-v01@openssh.com/);
  });
});
