import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { missingPeer, peerHost, type RunningServer, startOpenSshd, waitForLog } from '@ssh/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  readCertificate,
  readCertificateList,
  readPrivateKey,
  readPrivateKeyList,
  readPublicKey,
  readPublicKeyList,
} from '../../../crypto/src/index.node.js';
import { connect, KeyImportError, type SSHKey, SSHKeyPair } from '../../src/index.js';

// Key, key list and certificate files written by ssh-keygen, read with the read* functions,
// and the keys used to log in to OpenSSH sshd (which trusts a user CA made by ssh-keygen).

const enc = (s: string) => new TextEncoder().encode(s);
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const skip = peerHost('debian12')?.has('/usr/sbin/sshd')
  ? false
  : missingPeer('OpenSSH (debian12)', 'apt-get install openssh-server openssh-client').skip;

describe.skipIf(skip)('key files from ssh-keygen, read by us, accepted by OpenSSH sshd', () => {
  let server: RunningServer;
  let dir: string;
  const file = (name: string) => path.join(dir, name);
  const keygen = (...args: string[]) => execFileSync('ssh-keygen', ['-q', ...args], { stdio: 'ignore' });

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'ssh-cov2-keyfiles-'));
    keygen('-t', 'ed25519', '-N', '', '-C', 'cov2 user ca', '-f', file('ca'));
    // An encrypted key (bcrypt KDF), two plain ones for the lists, and certificates for two keys.
    keygen('-t', 'ed25519', '-N', 'sesame', '-C', 'cov2 secret key', '-f', file('id_secret'));
    keygen('-t', 'ecdsa', '-b', '256', '-N', '', '-C', 'cov2 list one', '-f', file('id_one'));
    keygen('-t', 'ed25519', '-N', '', '-C', 'cov2 list two', '-f', file('id_two'));
    keygen('-t', 'ed25519', '-N', '', '-C', 'cov2 cert a', '-f', file('id_cert_a'));
    keygen('-t', 'ecdsa', '-b', '256', '-N', '', '-C', 'cov2 cert b', '-f', file('id_cert_b'));
    for (const [key, id] of [
      ['id_cert_a', 'cov2-id-a'],
      ['id_cert_b', 'cov2-id-b'],
    ] as const)
      keygen('-s', file('ca'), '-I', id, '-n', 'root', '-V', '-5m:+1h', `${file(key)}.pub`);
    writeFileSync(file('trusted'), readFileSync(`${file('ca')}.pub`));
    const cat = (names: string[]) => names.map((n) => readFileSync(file(n), 'utf8')).join('');
    writeFileSync(file('private_list'), cat(['id_one', 'id_two']));
    writeFileSync(file('public_list'), cat(['id_one.pub', 'id_two.pub']));
    writeFileSync(file('cert_list'), cat(['id_cert_a-cert.pub', 'id_cert_b-cert.pub']));
    server = await startOpenSshd({ config: [`TrustedUserCAKeys ${file('trusted')}`] });
    appendFileSync(
      path.join(server.workdir.local, 'authorized_keys'),
      cat(['id_secret.pub', 'id_one.pub', 'id_two.pub']),
    );
  });
  afterAll(async () => {
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const login = async (clientKeys: (SSHKey | SSHKeyPair)[]) => {
    try {
      await using conn = await connect('127.0.0.1', {
        port: server.port,
        username: server.user,
        knownHosts: server.knownHostsPath,
        clientKeys,
        config: null,
        agentPath: null,
      });
      return String((await conn.run('echo in')).stdout);
    } catch (e) {
      return (e as Error).name;
    }
  };

  it('readPrivateKey decrypts a passphrase-protected ssh-keygen key; getCommentBytes has its comment', async () => {
    await expect(readPrivateKey(file('id_secret'), 'wrong')).rejects.toThrow();
    const key = await readPrivateKey(file('id_secret'), 'sesame');
    expect(key.getCommentBytes()).toEqual(enc('cov2 secret key'));
    const pub = await readPublicKey(`${file('id_secret')}.pub`);
    expect(hex(pub.publicData)).toBe(hex(key.publicData));
    expect(await login([key])).toBe('in\n');
    await waitForLog(
      server,
      new RegExp(`Accepted publickey for root .* ${key.getFingerprint().replace(/[+/]/g, '.')}`),
    );
  });

  it('readPrivateKeyList and readPublicKeyList read every key of a file, in order', async () => {
    const privates = await readPrivateKeyList(file('private_list'));
    const publics = await readPublicKeyList(file('public_list'));
    expect(privates.map((k) => k.algorithm)).toEqual(['ecdsa-sha2-nistp256', 'ssh-ed25519']);
    expect(publics.map((k) => hex(k.publicData))).toEqual(privates.map((k) => hex(k.publicData)));
    expect(publics.map((k) => new TextDecoder().decode(k.getCommentBytes() ?? new Uint8Array()))).toEqual([
      'cov2 list one',
      'cov2 list two',
    ]);
    // Each key of the list logs in on its own.
    for (const key of privates) expect(await login([key])).toBe('in\n');
  });

  it('readCertificate and SSHKeyPair.setCertificate: sshd accepts the CA-signed key only with its certificate', async () => {
    const key = await readPrivateKey(file('id_cert_a'));
    const cert = await readCertificate(`${file('id_cert_a')}-cert.pub`);
    expect(cert.getCommentBytes()).toEqual(enc('cov2 cert a'));
    const pair = new SSHKeyPair(key);
    expect(pair.getKeyType()).toBe('local');
    expect(pair.getCommentBytes()).toEqual(enc('cov2 cert a'));
    expect(await login([pair])).toBe('PermissionDenied');
    pair.setCertificate(cert);
    expect(pair.algorithm).toBe('ssh-ed25519-cert-v01@openssh.com');
    expect(await login([pair])).toBe('in\n');
    await waitForLog(server, /Accepted publickey for root .* ID cov2-id-a/);
    const other = await readCertificate(`${file('id_cert_b')}-cert.pub`);
    expect(() => pair.setCertificate(other)).toThrow(KeyImportError);
  });

  it('readCertificateList: each certificate of the file pairs with its key and logs in', async () => {
    const certs = await readCertificateList(file('cert_list'));
    expect(certs).toHaveLength(2);
    const keys = [await readPrivateKey(file('id_cert_a')), await readPrivateKey(file('id_cert_b'))];
    for (const [i, cert] of certs.entries()) {
      const pair = new SSHKeyPair(keys[i] as (typeof keys)[number], cert);
      expect(await login([pair])).toBe('in\n');
    }
    await waitForLog(server, /Accepted publickey for root .* ID cov2-id-b/);
  });
});
