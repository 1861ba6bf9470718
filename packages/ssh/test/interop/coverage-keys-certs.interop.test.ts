import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  type KeyFiles,
  missingPeer,
  peerHost,
  type RunningServer,
  sshKeygen,
  startOpenSshd,
  waitForLog,
} from '@ssh/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CertificateRef,
  connect,
  importCertificate,
  importPrivateKey,
  importPublicKey,
  loadCertificates,
  loadKeypairs,
  loadPublicKeys,
  type PrivateKeyRef,
  type PublicKeyRef,
  type SSHKey,
} from '../../src/index.js';

// User certificates of the key types not tried elsewhere (ECDSA P-384 and P-521, DSA), and
// keys, public keys and certificates given by reference (file name, bytes, loaded object),
// all logging our client in to OpenSSH sshd, whose debug log names the algorithm it checked.

const skip = peerHost('debian12')?.has('/usr/sbin/sshd')
  ? false
  : missingPeer('OpenSSH sshd (debian12)', 'apt-get install openssh-server').skip;

const same = (a: SSHKey, b: SSHKey) =>
  Buffer.compare(Buffer.from(a.publicData), Buffer.from(b.publicData)) === 0;

describe.skipIf(skip)('user certificates and key references against OpenSSH sshd', () => {
  let server: RunningServer;
  let dir: string;
  let ca: KeyFiles;
  const certified = (type: 'ecdsa' | 'dsa', bits: number, id: string): KeyFiles => {
    const key = sshKeygen(type, path.join(dir, `id_${id}`), { bits });
    execFileSync('ssh-keygen', ['-q', '-s', ca.path, '-I', id, '-n', 'root', `${key.path}.pub`]);
    return key;
  };
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'ssh-cov-certs-'));
    ca = sshKeygen('ed25519', path.join(dir, 'user_ca'));
    server = await startOpenSshd({
      config: [
        'LogLevel DEBUG1',
        `TrustedUserCAKeys ${ca.path}.pub`,
        'PubkeyAcceptedAlgorithms +ssh-dss,ssh-dss-cert-v01@openssh.com',
      ],
    });
  });
  afterAll(async () => {
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const options = () => ({
    port: server.port,
    username: 'root',
    knownHosts: server.knownHostsPath,
    config: null,
    agentPath: null,
  });

  it('ecdsa-sha2-nistp384-cert-v01@openssh.com, ecdsa-sha2-nistp521-cert-v01@openssh.com and ssh-dss-cert-v01@openssh.com log in', async () => {
    const cases: [string, KeyFiles][] = [
      ['ecdsa-sha2-nistp384-cert-v01@openssh.com', certified('ecdsa', 384, 'cert-p384')],
      ['ecdsa-sha2-nistp521-cert-v01@openssh.com', certified('ecdsa', 521, 'cert-p521')],
      ['ssh-dss-cert-v01@openssh.com', certified('dsa', 1024, 'cert-dsa')],
    ];
    for (const [alg, key] of cases) {
      const id = path.basename(key.path).slice(3);
      // Only the certificate is trusted (the plain key is in no authorized_keys). DSA signatures
      // are off by default, as in OpenSSH: signatureAlgs turns ssh-dss on.
      await using conn = await connect('127.0.0.1', {
        ...options(),
        clientKeys: [key.path],
        ...(alg.startsWith('ssh-dss') ? { signatureAlgs: ['ssh-dss'] } : {}),
      });
      expect((await conn.run('echo certified')).stdout).toBe('certified\n');
      await waitForLog(server, new RegExp(`pkalg ${alg.replace(/[.@]/g, '\\$&')}`));
      await waitForLog(server, new RegExp(`Accepted publickey for root .* ID ${id} `));
    }
  });

  it('PrivateKeyRef, PublicKeyRef and CertificateRef: a file name, bytes, or a loaded object', async () => {
    const user = certified('ecdsa', 384, 'refs');
    const certPath = `${user.path}-cert.pub`;
    const privateRefs: PrivateKeyRef[] = [
      user.path,
      new Uint8Array(readFileSync(user.path)),
      importPrivateKey(readFileSync(user.path)),
    ];
    const hostPub = `${server.hostKeys[0]?.path}.pub`;
    const publicRefs: PublicKeyRef[] = [
      hostPub,
      new Uint8Array(readFileSync(hostPub)),
      importPublicKey(readFileSync(hostPub)),
    ];
    const certRefs: CertificateRef[] = [
      certPath,
      new Uint8Array(readFileSync(certPath)),
      importCertificate(readFileSync(certPath)),
    ];
    const logins: string[] = [];
    for (let i = 0; i < 3; i++) {
      const [pair] = await loadKeypairs([privateRefs[i] as PrivateKeyRef]);
      const trusted = await loadPublicKeys([publicRefs[i] as PublicKeyRef]);
      const certs = await loadCertificates([certRefs[i] as CertificateRef]);
      expect(certs).toHaveLength(1);
      await using conn = await connect('127.0.0.1', {
        ...options(),
        clientKeys: [(pair as { key: SSHKey }).key ?? pair],
        clientCerts: certs,
        knownHosts: (key: SSHKey) => trusted.some((k) => same(k, key)),
      });
      logins.push(String((await conn.run(`echo ${i}`)).stdout).trim());
    }
    expect(logins).toEqual(['0', '1', '2']);
  });
});
