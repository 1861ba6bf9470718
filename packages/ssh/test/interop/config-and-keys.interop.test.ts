import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigParseError } from '@ssh/config';
import {
  missingPeer,
  peerHost,
  type RunningServer,
  runOpenSshClient,
  sshKeygen,
  startOpenSshd,
} from '@ssh/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, generatePrivateKey, listen, PassphraseRequiredError } from '../../src/index.js';

const dec = (b: Uint8Array) => new TextDecoder().decode(b);
const skip = peerHost('debian12')?.has('/usr/sbin/sshd')
  ? false
  : missingPeer('OpenSSH sshd', 'apt-get install openssh-server; pnpm peers').skip;

const dir = mkdtempSync(path.join(tmpdir(), 'ssh-config-keys-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(skip)('keys, certificates and config through connect, against sshd', () => {
  const ca = sshKeygen('ed25519', path.join(dir, 'user_ca'));
  let server: RunningServer;
  beforeAll(async () => {
    server = await startOpenSshd({ generation: 'debian12', config: [`TrustedUserCAKeys ${ca.path}.pub`] });
  });
  afterAll(async () => {
    await server?.stop();
  });

  const target = () => ({
    port: server.port,
    username: server.user,
    knownHosts: server.knownHostsPath,
    config: null,
  });

  it('logs in with a user certificate: the -cert.pub file beside the key, or clientCerts', async () => {
    const key = sshKeygen('ecdsa', path.join(dir, 'id_cert_user'));
    execFileSync('ssh-keygen', ['-q', '-s', ca.path, '-I', 'user', '-n', server.user, `${key.path}.pub`], {
      stdio: 'pipe',
    });
    await using byFile = await connect('127.0.0.1', { ...target(), clientKeys: [key.path] });
    expect((await byFile.run('echo cert file')).stdout).toBe('cert file\n');
    const moved = path.join(dir, 'elsewhere-cert.pub');
    copyFileSync(`${key.path}-cert.pub`, moved);
    rmSync(`${key.path}-cert.pub`);
    await using byOption = await connect('127.0.0.1', {
      ...target(),
      clientKeys: [key.path],
      clientCerts: [moved],
    });
    expect((await byOption.run('echo cert option')).stdout).toBe('cert option\n');
    await expect(
      connect('127.0.0.1', { ...target(), clientKeys: [key.path], preferredAuth: 'publickey' }),
    ).rejects.toThrow(/permission denied/i);
  });

  it('an encrypted key without its passphrase is an error, or skipped with ignoreEncrypted', async () => {
    const locked = sshKeygen('ed25519', path.join(dir, 'id_locked'), { passphrase: 'secret words' });
    await expect(connect('127.0.0.1', { ...target(), clientKeys: [locked.path] })).rejects.toThrow(
      PassphraseRequiredError,
    );
    await using conn = await connect('127.0.0.1', {
      ...target(),
      clientKeys: [locked.path, server.clientKey.path],
      ignoreEncrypted: true,
    });
    expect((await conn.run('echo skipped')).stdout).toBe('skipped\n');
  });

  it('HostKeyAlias, IdentityFile and the rest come from the config file', async () => {
    const hostLine = server.hostKeys[0]?.publicLine.split(' ').slice(0, 2).join(' ');
    const kh = path.join(dir, 'alias_known_hosts');
    writeFileSync(kh, `my-alias ${hostLine}\n`);
    const cfg = path.join(dir, 'alias_config');
    writeFileSync(
      cfg,
      [
        'Host aliased',
        '  HostName 127.0.0.1',
        `  Port ${server.port}`,
        `  User ${server.user}`,
        `  IdentityFile ${server.clientKey.path}`,
        `  UserKnownHostsFile ${kh}`,
        '  HostKeyAlias my-alias',
        '  SetEnv NOT_ACCEPTED=1',
        '',
      ].join('\n'),
    );
    await using conn = await connect('aliased', { config: cfg });
    expect((await conn.run('echo aliased')).stdout).toBe('aliased\n');
    writeFileSync(kh, `other-alias ${hostLine}\n`);
    await expect(connect('aliased', { config: cfg })).rejects.toThrow(/not trusted/);
  });

  it('a broken config file is a ConfigParseError naming the file and line, before any connection', async () => {
    const cfg = path.join(dir, 'broken_config');
    writeFileSync(cfg, 'Host x\n  HostName "unterminated\n');
    const err = await connect('x', { config: cfg }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigParseError);
    expect(String((err as Error).message)).toMatch(/broken_config.*2|line 2/);
  });
});

describe.skipIf(skip)('listen with an sshd_config file, against OpenSSH ssh', () => {
  it('takes HostKey and Ciphers from the file', async () => {
    const host = sshKeygen('ed25519', path.join(dir, 'cfg_host_key'));
    const userKey = generatePrivateKey('ssh-ed25519');
    const cfg = path.join(dir, 'sshd_config');
    writeFileSync(cfg, `HostKey ${host.path}\nCiphers aes128-ctr\n`);
    await using acceptor = await listen({
      host: '127.0.0.1',
      port: 0,
      config: cfg,
      authorizedClientKeys: dec(userKey.exportPublicKey('openssh')),
      processFactory: (proc) => {
        proc.stdout.write('configured\n');
        proc.exit(0);
      },
    });
    const port = acceptor.getPort();
    const run = await runOpenSshClient({
      generation: 'debian12',
      port,
      knownHosts: `[127.0.0.1]:${port} ${host.publicLine.split(' ').slice(0, 2).join(' ')}\n`,
      identity: dec(userKey.exportPrivateKey('openssh')),
      command: 'x',
    });
    expect(run.stdout, run.stderr.slice(-1500)).toBe('configured\n');
    expect(run.stderr).toMatch(/cipher: aes128-ctr/);
  });
});
