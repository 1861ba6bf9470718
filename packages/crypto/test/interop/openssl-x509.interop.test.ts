/**
 * Real-peer tests of X.509 certificates against OpenSSL 3 (`openssl req
 * -x509`, `openssl x509 -req -CA`, `openssl verify`), with sshpk as an
 * independent parser: chains OpenSSL makes (every key type it shares with
 * SSH) parse here with the same names, serials, dates and keys, and
 * validate; certificates and chains we generate are printed by
 * `openssl x509 -text` and accepted by `openssl verify`.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sshpk from 'sshpk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCertApi } from '../../src/certs/cert-api.js';
import { SSHX509Certificate } from '../../src/certs/x509-certificate.js';
import { validateX509Chain } from '../../src/certs/x509-chain.js';
import { CertificateValidationError } from '../../src/errors.js';
import { makeKeyApi } from '../../src/keys/api.js';
import { portableBackend } from '../../src/keys/backend.js';
import { nodeBackend } from '../../src/keys/backend.node.js';

const OPENSSL = ['/usr/bin/openssl', '/usr/local/bin/openssl'].find((p) => existsSync(p));
const MISSING = 'openssl not found: install it with `apt-get install openssl`';
const APIS = [
  ['node', makeCertApi(nodeBackend), makeKeyApi(nodeBackend), nodeBackend],
  ['portable', makeCertApi(portableBackend), makeKeyApi(portableBackend), portableBackend],
] as const;

/** openssl -newkey arguments per key type. */
const THEIR_KEYS = [
  { name: 'rsa', args: ['-newkey', 'rsa:2048'] },
  { name: 'p256', args: ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256'] },
  { name: 'p384', args: ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-384'] },
  { name: 'p521', args: ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-521'] },
  { name: 'ed25519', args: ['-newkey', 'ed25519'] },
  { name: 'ed448', args: ['-newkey', 'ed448'] },
];

if (!OPENSSL && process.env.CI === 'true') {
  it('openssl is needed on CI', () => {
    throw new Error(MISSING);
  });
}

describe.skipIf(!OPENSSL)(OPENSSL ? 'X.509 with openssl' : `X.509 with openssl (skipped: ${MISSING})`, () => {
  let dir = '';
  const f = (n: string) => join(dir, n);
  const openssl = (args: string[]) =>
    execFileSync(OPENSSL as string, args, { encoding: 'utf8', stdio: 'pipe' });
  const read = (n: string) => readFileSync(f(n), 'utf8');

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'x509-interop-'));
    writeFileSync(
      f('ext.cnf'),
      [
        '[ca]',
        'basicConstraints=critical,CA:TRUE,pathlen:0',
        'keyUsage=critical,keyCertSign,cRLSign',
        '[leaf]',
        'basicConstraints=critical,CA:FALSE',
        'extendedKeyUsage=1.3.6.1.5.5.7.3.20',
        'subjectAltName=DNS:alice,DNS:bob',
        '',
      ].join('\n'),
    );
    openssl([
      'req',
      '-x509',
      ...THEIR_KEYS[1]!.args,
      '-nodes',
      '-keyout',
      f('root.key'),
      '-out',
      f('root.pem'),
      '-subj',
      '/CN=Test Root/O=Example',
      '-days',
      '3650',
    ]);
    openssl([
      'req',
      '-new',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      f('inter.key'),
      '-out',
      f('inter.csr'),
      '-subj',
      '/CN=Test Intermediate/O=Example',
    ]);
    openssl([
      'x509',
      '-req',
      '-in',
      f('inter.csr'),
      '-CA',
      f('root.pem'),
      '-CAkey',
      f('root.key'),
      '-CAcreateserial',
      '-out',
      f('inter.pem'),
      '-days',
      '365',
      '-extfile',
      f('ext.cnf'),
      '-extensions',
      'ca',
    ]);
    for (const k of THEIR_KEYS) {
      openssl([
        'req',
        '-new',
        ...k.args,
        '-nodes',
        '-keyout',
        f(`${k.name}.key`),
        '-out',
        f(`${k.name}.csr`),
        '-subj',
        `/CN=user ${k.name}/O=Example`,
      ]);
      openssl([
        'x509',
        '-req',
        '-in',
        f(`${k.name}.csr`),
        '-CA',
        f('inter.pem'),
        '-CAkey',
        f('inter.key'),
        '-CAcreateserial',
        '-out',
        f(`${k.name}.pem`),
        '-days',
        '30',
        '-extfile',
        f('ext.cnf'),
        '-extensions',
        'leaf',
      ]);
    }
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('certificates openssl makes parse with the same names, serials, dates and keys (sshpk agrees on keys)', () => {
    for (const name of ['root', 'inter', ...THEIR_KEYS.map((k) => k.name)]) {
      const pem = read(`${name}.pem`);
      const out = openssl([
        'x509',
        '-in',
        f(`${name}.pem`),
        '-noout',
        '-subject',
        '-issuer',
        '-serial',
        '-startdate',
        '-enddate',
        '-nameopt',
        'sep_comma_plus_space',
      ]);
      const shown = new Map(
        out
          .trim()
          .split('\n')
          .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
      );
      const alias: Record<string, string> = { startdate: 'notBefore', enddate: 'notAfter' };
      const show = (opt: string) => shown.get(alias[opt.slice(1)] ?? opt.slice(1)) ?? '';
      for (const [backend, certs] of APIS) {
        const c = certs.importCertificate(pem);
        expect(c, `${name} ${backend}`).toBeInstanceOf(SSHX509Certificate);
        const x = c as SSHX509Certificate;
        expect(x.subject).toBe(show('-subject'));
        expect(x.issuer).toBe(show('-issuer'));
        expect(x.serial.toString(16).toUpperCase()).toBe(show('-serial').replace(/^0+/, ''));
        expect(new Date(Number(x.validAfter) * 1000)).toEqual(new Date(show('-startdate')));
        expect(new Date(Number(x.validBefore) * 1000)).toEqual(new Date(show('-enddate')));
        if (name !== 'ed448') {
          // sshpk 1.18 knows no Ed448.
          const theirKey = sshpk.parseCertificate(pem, 'pem').subjectKey.toString('ssh').split(' ')[1];
          expect(Buffer.from(x.key.publicData).toString('base64')).toBe(theirKey);
        } else expect(x.key.algorithm).toBe('ssh-ed448');
        expect(certs.importCertificate(x.exportCertificate('der')).publicData).toEqual(x.publicData);
      }
    }
  });

  it('openssl chains validate against the trusted root; purposes, principals, time and trust are enforced', () => {
    for (const [backend, certs] of APIS) {
      const root = certs.importCertificate(read('root.pem')) as SSHX509Certificate;
      const inter = certs.importCertificate(read('inter.pem')) as SSHX509Certificate;
      for (const k of THEIR_KEYS) {
        const leaf = certs.importCertificate(read(`${k.name}.pem`)) as SSHX509Certificate;
        expect(leaf.principals).toEqual(['alice', 'bob']);
        const ok = {
          trusted: [root],
          purposes: 'secureShellClient',
          principal: 'alice',
          backend: APIS[0][3],
        };
        validateX509Chain([leaf, inter], ok);
        const reason = (chain: SSHX509Certificate[], o: Parameters<typeof validateX509Chain>[1]) => {
          try {
            validateX509Chain(chain, o);
            return 'ok';
          } catch (e) {
            expect(e).toBeInstanceOf(CertificateValidationError);
            return (e as CertificateValidationError).reason;
          }
        };
        expect(reason([leaf, inter], { ...ok, trusted: [] }), `${k.name} ${backend}`).toBe('chain');
        expect(reason([leaf], ok)).toBe('chain');
        expect(reason([leaf, inter], { ...ok, purposes: 'secureShellServer' })).toBe('purpose');
        expect(reason([leaf, inter], { ...ok, purposes: 'any' })).toBe('ok');
        expect(reason([leaf, inter], { ...ok, principal: 'carol' })).toBe('principal');
        expect(reason([leaf, inter], { ...ok, now: Date.now() / 1000 + 400 * 86400 })).toBe('expired');
        expect(reason([leaf, inter], { ...ok, trusted: [inter] })).toBe('ok');
      }
      // A PEM file with the whole chain imports as a list.
      const list = certs.importCertificateList(read('rsa.pem') + read('inter.pem') + read('root.pem'));
      expect(list.map((c) => (c as SSHX509Certificate).subject)).toEqual([
        'CN=user rsa, O=Example',
        'CN=Test Intermediate, O=Example',
        'CN=Test Root, O=Example',
      ]);
    }
  });

  it('a tampered openssl certificate is refused by chain validation', () => {
    const [, certs] = APIS[0];
    const root = certs.importCertificate(read('root.pem')) as SSHX509Certificate;
    const inter = certs.importCertificate(read('inter.pem')) as SSHX509Certificate;
    const der = (certs.importCertificate(read('p256.pem')) as SSHX509Certificate).der.slice();
    der[der.length - 3] = (der[der.length - 3] as number) ^ 1;
    const bad = certs.importCertificate(der) as SSHX509Certificate;
    expect(() => validateX509Chain([bad, inter], { trusted: [root] })).toThrow(/no trusted issuer/);
  });

  it('openssl x509 -text prints and openssl verify accepts the chains we generate, for every CA key type', () => {
    const types = [
      'ssh-rsa',
      'ecdsa-sha2-nistp256',
      'ecdsa-sha2-nistp384',
      'ecdsa-sha2-nistp521',
      'ssh-ed25519',
      'ssh-ed448',
    ];
    // Keys come from node:crypto (portable 2048-bit RSA generation is slow); both APIs build the certificates.
    const keys = APIS[0][2];
    for (const [backend, certs] of APIS) {
      for (const t of types) {
        const rootKey = keys.generatePrivateKey(t);
        const interKey = keys.generatePrivateKey('ecdsa-sha2-nistp256');
        const userKey = keys.generatePrivateKey('ssh-ed25519');
        const root = certs.generateX509CaCertificate(rootKey, rootKey, 'CN=Our Root, O=Example', {
          validAfter: '-1d',
          validBefore: '+10w',
        });
        const inter = certs.generateX509CaCertificate(rootKey, interKey, 'CN=Our Intermediate', {
          issuer: 'CN=Our Root, O=Example',
          caPathLen: 0,
          validAfter: '-1d',
          validBefore: '+5w',
        });
        const user = certs.generateX509UserCertificate(interKey, userKey, 'CN=alice, O=Example', {
          issuer: 'CN=Our Intermediate',
          principals: ['alice'],
          validAfter: '-1h',
          validBefore: '+1w',
        });
        const host = certs.generateX509HostCertificate(rootKey, userKey, 'CN=host.example', {
          issuer: 'CN=Our Root, O=Example',
          principals: 'host.example',
        });
        const p = (n: string) => f(`ours-${t}-${backend}-${n}.pem`);
        writeFileSync(p('root'), root.exportCertificate('pem'));
        writeFileSync(p('inter'), inter.exportCertificate('pem'));
        writeFileSync(p('user'), user.exportCertificate('pem'));
        writeFileSync(p('host'), host.exportCertificate('pem'));
        const text = openssl(['x509', '-in', p('user'), '-noout', '-text']);
        expect(text).toContain('Subject: CN = alice, O = Example');
        // A user certificate names its principals as e-mail names (rfc822Name), as AsyncSSH reads them.
        expect(text).toContain('email:alice');
        expect(openssl(['x509', '-in', p('host'), '-noout', '-ext', 'subjectAltName'])).toContain(
          'DNS:host.example',
        );
        expect(text).toContain('1.3.6.1.5.5.7.3.20');
        expect(
          openssl(['verify', '-CAfile', p('root'), '-untrusted', p('inter'), p('user'), p('host')]),
          `${t} ${backend}`,
        ).toBe(`${p('user')}: OK\n${p('host')}: OK\n`);
        if (t === 'ssh-ed25519')
          expect(openssl(['x509', '-in', p('inter'), '-noout', '-text'])).toContain('CA:TRUE, pathlen:0');
        validateX509Chain([user, inter], {
          trusted: [root],
          purposes: 'secureShellClient',
          principal: 'alice',
        });
        validateX509Chain([host], {
          trusted: [root],
          purposes: 'secureShellServer',
          principal: 'host.example',
        });
        expect(
          sshpk
            .parseCertificate(readFileSync(p('user')), 'pem')
            .subjectKey.toString('ssh')
            .split(' ')[1],
        ).toBe(Buffer.from(userKey.publicData).toString('base64'));
      }
    }
  });
});
