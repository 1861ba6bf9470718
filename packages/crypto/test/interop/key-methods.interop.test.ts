/**
 * Real-peer tests of the file and signing methods of SSHKey and
 * SSHCertificate (write / append, generate*Certificate, comments with an
 * encoding): what the methods write is read by ssh-keygen (-y, -i, -l, -L),
 * openssl (x509, verify), AsyncSSH 2.10 (Debian python3-asyncssh: key and
 * certificate lists, comment bytes, CA signatures) and sshpk.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { missingPeer } from '@ssh/testing';
import sshpk from 'sshpk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCertificates } from '../../src/certs/read.node.js';
import type { SSHX509Certificate } from '../../src/certs/x509-certificate.js';
import { makeKeyApi } from '../../src/keys/api.js';
import { nodeBackend } from '../../src/keys/backend.node.js';
import { loadKeypairs } from '../../src/keys/files.node.js';

const KEYGEN = ['/usr/bin/ssh-keygen', '/usr/local/bin/ssh-keygen'].find((p) => existsSync(p));
const OPENSSL = ['/usr/bin/openssl', '/usr/local/bin/openssl'].find((p) => existsSync(p));
const PYTHON = '/usr/bin/python3';
const hasAsyncSsh = (() => {
  try {
    execFileSync(PYTHON, ['-c', 'import asyncssh, OpenSSL'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
const skipKeygen = KEYGEN
  ? { skip: false, reason: '' }
  : missingPeer('ssh-keygen', 'apt-get install openssh-client');
const skipSsl = OPENSSL ? { skip: false, reason: '' } : missingPeer('openssl', 'apt-get install openssl');
const skipPy = hasAsyncSsh
  ? { skip: false, reason: '' }
  : missingPeer('AsyncSSH with pyOpenSSL', 'apt-get install python3-asyncssh python3-openssl');

const api = makeKeyApi(nodeBackend);
const PASS = 'key methods';
const text = (b: Uint8Array) => new TextDecoder().decode(b);
// Keys for every test: ssh-keygen and AsyncSSH see the same ones.
const ca = api.generatePrivateKey('ssh-ed25519', { comment: 'the ca' });
const ed = api.generatePrivateKey('ssh-ed25519', { comment: 'ed user' });
const ec = api.generatePrivateKey('ecdsa-sha2-nistp256', { comment: 'ec user' });
const rsa = api.generatePrivateKey('ssh-rsa', { keySize: 2048, comment: 'rsa user' });

let dir = '';
const f = (n: string) => join(dir, n);
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'key-methods-interop-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(skipKeygen.skip)(
  `key methods with ssh-keygen${skipKeygen.reason ? ` (skipped: ${skipKeygen.reason})` : ''}`,
  () => {
    const keygen = (args: string[]) =>
      execFileSync(KEYGEN as string, args, { encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } });
    const blobOf = (line: string) => line.trim().split(/\s+/).slice(0, 2).join(' ');

    it('writePrivateKey: an encrypted OpenSSH key, mode 0600, that ssh-keygen -y opens', async () => {
      await ec.writePrivateKey(f('id_ec'), 'openssh', PASS, { rounds: 4, ignoreFewRounds: true });
      expect(statSync(f('id_ec')).mode & 0o777).toBe(0o600);
      expect(blobOf(keygen(['-y', '-P', PASS, '-f', f('id_ec')]))).toBe(blobOf(text(ec.exportPublicKey())));
      await rsa.writePrivateKey(f('id_rsa'), 'pkcs1-pem');
      expect(blobOf(keygen(['-y', '-f', f('id_rsa')]))).toBe(blobOf(text(rsa.exportPublicKey())));
    });

    it('writePublicKey (RFC 4716) and appendPublicKey (three keys) are read by ssh-keygen -i and -l', async () => {
      await ec.writePublicKey(f('ec.rfc'), 'rfc4716');
      expect(blobOf(keygen(['-i', '-m', 'RFC4716', '-f', f('ec.rfc')]))).toBe(
        blobOf(text(ec.exportPublicKey())),
      );
      for (const k of [ed, ec, rsa]) await k.appendPublicKey(f('authorized'));
      const listed = keygen(['-l', '-f', f('authorized')])
        .trim()
        .split('\n');
      expect(listed.map((l) => l.split(' ')[1])).toEqual([ed, ec, rsa].map((k) => k.getFingerprint()));
      expect(listed.map((l) => / (\S+ user) \(/.exec(l)?.[1])).toEqual(['ed user', 'ec user', 'rsa user']);
    });

    it('loadKeypairs names a PKCS#8 key ssh-keygen made by the comment of the .pub beside it', async () => {
      keygen(['-q', '-t', 'ecdsa', '-m', 'PKCS8', '-N', '', '-C', 'peer comment', '-f', f('peer_pk8')]);
      const pairs = await loadKeypairs(f('peer_pk8'));
      expect(pairs.map((p) => p.getComment())).toEqual(['peer comment']);
      expect(pairs[0]?.key.getFingerprint()).toBe(keygen(['-l', '-f', f('peer_pk8.pub')]).split(' ')[1]);
    });

    it('generateUserCertificate + writeCertificate: ssh-keygen -L shows every field', async () => {
      const cert = ca.generateUserCertificate(ed, 'alice@example', {
        principals: ['alice', 'bob'],
        serial: 42,
        validAfter: 1735689600,
        validBefore: 1893456000,
        forceCommand: 'uptime',
        sourceAddress: ['192.0.2.0/24', '2001:db8::/32'],
        permitPty: false,
        permitX11Forwarding: false,
      });
      await cert.writeCertificate(f('id_ed-cert.pub'));
      const out = keygen(['-L', '-f', f('id_ed-cert.pub')]);
      expect(out).toContain('Type: ssh-ed25519-cert-v01@openssh.com user certificate');
      expect(out).toContain(`Public key: ED25519-CERT ${ed.getFingerprint()}`);
      expect(out).toContain(`Signing CA: ED25519 ${ca.getFingerprint()} (using ssh-ed25519)`);
      expect(out).toContain('Key ID: "alice@example"');
      expect(out).toContain('Serial: 42');
      expect(out).toContain('Valid: from 2025-01-01T00:00:00 to 2030-01-01T00:00:00');
      expect(out).toMatch(/Principals: \n\s+alice\n\s+bob\n/);
      expect(out).toMatch(
        /Critical Options: \n\s+force-command uptime\n\s+source-address 192\.0\.2\.0\/24,2001:db8::\/32\n/,
      );
      expect(out).toMatch(
        /Extensions: \n\s+permit-agent-forwarding\n\s+permit-port-forwarding\n\s+permit-user-rc\n/,
      );
    });

    it('generateHostCertificate with an RSA CA and rsa-sha2-512: ssh-keygen -L names the host certificate', async () => {
      const host = rsa.generateHostCertificate(ec, 'web', {
        principals: 'web.example,web',
        sigAlg: 'rsa-sha2-512',
      });
      await host.writeCertificate(f('host-cert.pub'));
      const out = keygen(['-L', '-f', f('host-cert.pub')]);
      expect(out).toContain('Type: ecdsa-sha2-nistp256-cert-v01@openssh.com host certificate');
      expect(out).toContain(`Signing CA: RSA ${rsa.getFingerprint()} (using rsa-sha2-512)`);
      expect(out).toMatch(/Principals: \n\s+web\.example\n\s+web\n/);
      expect(out).toContain('Valid: forever');
    });
  },
);

describe.skipIf(skipSsl.skip)(
  `X.509 certificate methods with openssl${skipSsl.reason ? ` (skipped: ${skipSsl.reason})` : ''}`,
  () => {
    const ssl = (args: string[]) =>
      execFileSync(OPENSSL as string, args, { encoding: 'utf8', stdio: 'pipe' });

    it('a root, an intermediate (caPathLen 0) and a user certificate written and appended: openssl verify accepts the chain', async () => {
      const root = api.generatePrivateKey('ecdsa-sha2-nistp384');
      const mid = api.generatePrivateKey('ssh-ed25519');
      const rootCert = root.generateX509CaCertificate(root, 'CN=Test Root, O=Example');
      const midCert = root.generateX509CaCertificate(mid, 'CN=Test Intermediate, O=Example', {
        issuer: 'CN=Test Root, O=Example',
        caPathLen: 0,
      });
      const userCert = mid.generateX509UserCertificate(rsa, 'CN=alice, O=Example', {
        issuer: 'CN=Test Intermediate, O=Example',
        principals: ['alice'],
      });
      const hostCert = mid.generateX509HostCertificate(ec, 'CN=web.example', {
        issuer: 'CN=Test Intermediate, O=Example',
      });
      await rootCert.writeCertificate(f('root.pem'), 'pem');
      await midCert.appendCertificate(f('bundle.pem'), 'pem');
      await rootCert.appendCertificate(f('bundle.pem'), 'pem');
      await userCert.writeCertificate(f('user.der'), 'der');
      await hostCert.writeCertificate(f('host.pem'), 'pem');
      ssl(['x509', '-inform', 'DER', '-in', f('user.der'), '-out', f('user.pem')]);
      expect(ssl(['x509', '-noout', '-subject', '-issuer', '-in', f('user.pem')])).toBe(
        'subject=CN = alice, O = Example\nissuer=CN = Test Intermediate, O = Example\n',
      );
      for (const leaf of ['user.pem', 'host.pem']) {
        expect(ssl(['verify', '-CAfile', f('root.pem'), '-untrusted', f('bundle.pem'), f(leaf)])).toBe(
          `${f(leaf)}: OK\n`,
        );
      }
      const midText = ssl(['x509', '-noout', '-text', '-in', f('bundle.pem')]);
      expect(midText).toMatch(/CA:TRUE, pathlen:0/);
      // sshpk, an independent parser, reads the same names and keys.
      const parsed = sshpk.parseCertificate(readFileSync(f('user.pem')), 'pem');
      expect(parsed.subjects[0]?.cn).toBe('alice');
      expect(parsed.subjectKey.fingerprint('sha256').toString()).toBe(rsa.getFingerprint());
      expect(parsed.isSignedByKey(sshpk.parseKey(text(mid.exportPublicKey()), 'ssh'))).toBe(true);
    });
  },
);

describe.skipIf(skipPy.skip)(
  `key methods with AsyncSSH${skipPy.reason ? ` (skipped: ${skipPy.reason})` : ''}`,
  () => {
    const SCRIPT = `
import sys, json, warnings
warnings.simplefilter('ignore')
import asyncssh
req = json.load(sys.stdin)
out = {}
out['privs'] = [k.get_fingerprint() for k in asyncssh.read_private_key_list(req['privs'], req['pass'])]
pub = asyncssh.read_public_key(req['latin1'])
out['commentHex'] = pub.get_comment_bytes().hex()
out['comment'] = pub.get_comment('latin-1')
out['certs'] = [[c.get_algorithm(), c._key_id, c._cert_type, list(c.principals), c.signing_key.get_fingerprint()]
                for c in asyncssh.read_certificate_list(req['certs'])]
out['x509'] = [[c.get_algorithm(), str(c.subject), str(c.issuer), c.key.get_fingerprint(), c.get_comment()]
               for c in asyncssh.read_certificate_list(req['x509'])]
# The other direction: AsyncSSH writes certificates in each text form for us to read.
k = asyncssh.generate_private_key('ecdsa-sha2-nistp256')
x = k.generate_x509_user_certificate(k, 'CN=py', comment='py x509')
o = k.generate_user_certificate(k, 'py-id', principals=['py'], comment='py cert')
with open(req['theirs'], 'wb') as f:
    f.write(x.export_certificate('openssh') + x.export_certificate('pem')
            + o.export_certificate('openssh') + o.export_certificate('rfc4716'))
out['theirKey'] = k.get_fingerprint()
print(json.dumps(out))
`;

    it('reads appended private keys, a latin-1 comment, appended OpenSSH and X.509 certificates', async () => {
      // Debian's AsyncSSH lacks python3-bcrypt: the OpenSSH key goes in unencrypted.
      await ed.appendPrivateKey(f('privs'));
      await ec.appendPrivateKey(f('privs'), 'pkcs8-pem', PASS);
      await rsa.appendPrivateKey(f('privs'), 'pkcs1-pem', PASS, { cipherName: 'aes128-cbc' });
      const commented = api.importPublicKey(ec.exportPublicKey());
      commented.setComment('café', 'latin-1');
      await commented.writePublicKey(f('latin1.pub'));
      await ca.generateUserCertificate(ec, 'one', { principals: 'u1' }).appendCertificate(f('certs'));
      await ca
        .generateHostCertificate(rsa, 'two', { principals: ['h1', 'h2'] })
        .appendCertificate(f('certs'), 'rfc4716');
      await ed.generateX509UserCertificate(ed, 'CN=self').appendCertificate(f('x509'), 'pem');
      await ca.generateX509HostCertificate(ec, 'CN=host', { issuer: 'CN=ca' }).appendCertificate(f('x509'));
      const out = JSON.parse(
        execFileSync(PYTHON, ['-c', SCRIPT], {
          encoding: 'utf8',
          input: JSON.stringify({
            privs: f('privs'),
            pass: PASS,
            latin1: f('latin1.pub'),
            certs: f('certs'),
            x509: f('x509'),
            theirs: f('theirs'),
          }),
        }),
      );
      expect(out.privs).toEqual([ed, ec, rsa].map((k) => k.getFingerprint()));
      expect(out.commentHex).toBe('636166e9');
      expect(out.comment).toBe('café');
      expect(out.certs).toEqual([
        ['ecdsa-sha2-nistp256-cert-v01@openssh.com', 'one', 1, ['u1'], ca.getFingerprint()],
        ['ssh-rsa-cert-v01@openssh.com', 'two', 2, ['h1', 'h2'], ca.getFingerprint()],
      ]);
      expect(out.x509).toEqual([
        // The comment rides inside the certificate (nsComment), so the PEM form keeps it too.
        ['x509v3-ssh-ed25519', 'CN=self', 'CN=self', ed.getFingerprint(), 'ed user'],
        ['x509v3-ecdsa-sha2-nistp256', 'CN=host', 'CN=ca', ec.getFingerprint(), 'ec user'],
      ]);
      // AsyncSSH's own certificates, X.509 (openssh line with the DER, PEM) and OpenSSH (line, RFC 4716), mixed in one file.
      const theirs = await loadCertificates(f('theirs'));
      expect(theirs.map((c) => [c.getAlgorithm(), c.key.getFingerprint(), c.getComment()])).toEqual([
        ['x509v3-ecdsa-sha2-nistp256', out.theirKey, 'py x509'],
        ['x509v3-ecdsa-sha2-nistp256', out.theirKey, 'py x509'],
        ['ecdsa-sha2-nistp256-cert-v01@openssh.com', out.theirKey, 'py cert'],
        ['ecdsa-sha2-nistp256-cert-v01@openssh.com', out.theirKey, 'py cert'],
      ]);
      expect(theirs.map((c) => c.principals)).toEqual([[], [], ['py'], ['py']]);
    });
    it('X.509 principals: user names as e-mail SANs, hosts as DNS names and IP addresses, CN without SANs (both ways)', async () => {
      const user = ca.generateX509UserCertificate(ec, 'CN=ours-user', { principals: 'alice, bob' });
      const host = ca.generateX509HostCertificate(ec, 'CN=ours-host', {
        principals: ['web.example', '192.0.2.1', '2001:db8:0:0:1::1'],
      });
      const bare = ca.generateX509UserCertificate(ec, 'CN=only-cn');
      await user.writeCertificate(f('p-user.pem'), 'pem');
      await host.writeCertificate(f('p-host.pem'), 'pem');
      await bare.writeCertificate(f('p-bare.pem'), 'pem');
      const script = `
import sys, json, warnings
warnings.simplefilter('ignore')
import asyncssh
d = sys.argv[1]
out = {}
for n in ('p-user', 'p-host', 'p-bare'):
    c = asyncssh.read_certificate(d + '/' + n + '.pem')
    out[n] = [list(c.user_principals), list(c.x509_cert.host_principals)]
k = asyncssh.generate_private_key('ssh-ed25519')
with open(d + '/theirs-p.pem', 'wb') as f:
    f.write(k.generate_x509_user_certificate(k, 'CN=their-user', principals=['carol']).export_certificate('pem'))
    f.write(k.generate_x509_host_certificate(k, 'CN=their-host', principals='h.example, 10.1.2.3, 2001:db8:0:0:1::1').export_certificate('pem'))
    f.write(k.generate_x509_user_certificate(k, 'CN=their-cn').export_certificate('pem'))
print(json.dumps(out))
`;
      const out = JSON.parse(execFileSync(PYTHON, ['-c', script, dir], { encoding: 'utf8' }));
      expect(out).toEqual({
        'p-user': [['alice', 'bob'], []],
        'p-host': [[], ['web.example', '192.0.2.1', '2001:db8::1:0:0:1']],
        'p-bare': [['only-cn'], ['only-cn']],
      });
      const theirs = (await loadCertificates(f('theirs-p.pem'))) as SSHX509Certificate[];
      expect(theirs.map((c) => [c.userPrincipals, c.hostPrincipals])).toEqual([
        [['carol'], []],
        [[], ['h.example', '10.1.2.3', '2001:db8::1:0:0:1']],
        [['their-cn'], ['their-cn']],
      ]);
    });
  },
);
