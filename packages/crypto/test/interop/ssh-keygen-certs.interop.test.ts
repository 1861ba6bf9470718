/**
 * Real-peer tests of OpenSSH certificates against ssh-keygen 9.2 (Debian 12)
 * and 10.0 (the Debian 13 root): certificates `ssh-keygen -s` signs (every
 * CA and subject key type it makes, user and host, with options) parse and
 * verify here with the fields `ssh-keygen -L` prints, and validate as
 * OpenSSH would; certificates we sign are read by `ssh-keygen -L` with the
 * same fields.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCertApi } from '../../src/certs/cert-api.js';
import { SSHOpenSSHCertificate } from '../../src/certs/openssh-certificate.js';
import { CertificateImportError, CertificateValidationError } from '../../src/errors.js';
import { fromBase64, toBase64 } from '../../src/formats/base64.js';
import { makeKeyApi } from '../../src/keys/api.js';
import { portableBackend } from '../../src/keys/backend.js';
import { nodeBackend } from '../../src/keys/backend.node.js';
import { ourListing, parseListing } from './cert-listing.js';

const VECTORS = join(__dirname, '../vectors/certs');

const TRIXIE = '/var/cache/ssh-test-peers/trixie';
const GENERATIONS = [
  { name: 'ssh-keygen 9.2 (Debian 12)', root: '', ok: existsSync('/usr/bin/ssh-keygen'), dsa: true },
  {
    name: 'ssh-keygen 10.0 (Debian 13 root)',
    root: TRIXIE,
    ok: existsSync(`${TRIXIE}/usr/bin/ssh-keygen`),
    dsa: false,
  },
];
const INSTALL: Record<string, string> = {
  '': 'install it with `apt-get install openssh-client`',
  [TRIXIE]: 'run `pnpm peers` as root (debootstrap builds the Debian 13 root in /var/cache/ssh-test-peers)',
};

const APIS = [
  ['node', makeCertApi(nodeBackend), makeKeyApi(nodeBackend)],
  ['portable', makeCertApi(portableBackend), makeKeyApi(portableBackend)],
] as const;

const KEY_TYPES = [
  { name: 'ed25519', args: ['-t', 'ed25519'] },
  { name: 'ecdsa256', args: ['-t', 'ecdsa', '-b', '256'] },
  { name: 'ecdsa384', args: ['-t', 'ecdsa', '-b', '384'] },
  { name: 'ecdsa521', args: ['-t', 'ecdsa', '-b', '521'] },
  { name: 'rsa', args: ['-t', 'rsa', '-b', '2048'] },
  { name: 'dsa', args: ['-t', 'dsa'] },
];

const ENV = { TZ: 'UTC', PATH: '/usr/sbin:/usr/bin:/sbin:/bin' };
const T2025 = Date.UTC(2025, 5, 1) / 1000;

for (const gen of GENERATIONS) {
  if (!gen.ok && process.env.CI === 'true') {
    it(`${gen.name} is needed on CI`, () => {
      throw new Error(`${gen.name} not found: ${INSTALL[gen.root]}`);
    });
    continue;
  }
  const title = gen.ok ? gen.name : `${gen.name} (skipped: not found; ${INSTALL[gen.root]})`;
  describe.skipIf(!gen.ok)(`certificates: ${title}`, () => {
    let dir = '';
    const types = KEY_TYPES.filter((k) => gen.dsa || k.name !== 'dsa');
    const inner = (f: string) => join(dir, f).slice(gen.root.length);
    const keygen = (args: string[]) =>
      gen.root
        ? execFileSync('chroot', [gen.root, 'ssh-keygen', ...args], { encoding: 'utf8', env: ENV })
        : execFileSync('/usr/bin/ssh-keygen', args, { encoding: 'utf8', env: ENV });
    const listing = (f: string) => parseListing(keygen(['-L', '-f', inner(f)]));
    const read = (f: string) => readFileSync(join(dir, f), 'utf8');
    let caseNo = 0;
    /** Copy a public key, have ssh-keygen sign it, return the certificate file name. */
    const sign = (ca: string, subject: string, args: string[]) => {
      const name = `case${++caseNo}`;
      writeFileSync(join(dir, `${name}.pub`), read(`${subject}.pub`));
      keygen(['-q', '-s', inner(ca), ...args, inner(`${name}.pub`)]);
      return `${name}-cert.pub`;
    };

    beforeAll(() => {
      dir = mkdtempSync(join(gen.root ? `${gen.root}/tmp` : tmpdir(), 'ssh-certs-interop-'));
      for (const k of types) {
        keygen([...k.args, '-q', '-N', '', '-C', `ca ${k.name}`, '-f', inner(`ca-${k.name}`)]);
        keygen([...k.args, '-q', '-N', '', '-C', `user ${k.name}`, '-f', inner(`user-${k.name}`)]);
      }
    });
    afterAll(() => {
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    const USER_OPTS = ['-I', 'alice cert', '-n', 'alice,bob', '-V', '20240101:20991231', '-z', '7'];
    const CRIT = ['-O', 'force-command=/bin/true', '-O', 'source-address=10.0.0.0/8,::1', '-O', 'no-pty'];

    it('user certificates from every CA key type parse with the fields ssh-keygen -L prints', () => {
      const cases = types.map((k) => ({ ca: k.name, extra: [] as string[] }));
      cases.push({ ca: 'rsa', extra: ['-t', 'rsa-sha2-256'] }, { ca: 'rsa', extra: ['-t', 'rsa-sha2-512'] });
      for (const c of cases) {
        const file = sign(`ca-${c.ca}`, 'user-ed25519', [...USER_OPTS, ...CRIT, ...c.extra]);
        const theirs = listing(file);
        for (const [backend, certs, keys] of APIS) {
          const cert = certs.importCertificate(read(file));
          expect(cert, `${c.ca} ${backend}`).toBeInstanceOf(SSHOpenSSHCertificate);
          const oc = cert as SSHOpenSSHCertificate;
          expect(ourListing(oc), `${c.ca} ${c.extra.join(' ')} ${backend}`).toEqual(theirs);
          expect(oc.getComment()).toBe('user ed25519');
          expect(oc.options).toEqual({ forceCommand: '/bin/true', sourceAddress: ['10.0.0.0/8', '::1'] });
          const ca = keys.importPublicKey(read(`ca-${c.ca}.pub`));
          const ok = {
            type: 'user',
            principal: 'alice',
            now: T2025,
            trustedCAs: [ca],
            sourceAddress: '10.9.8.7',
          } as const;
          oc.validate(ok);
          oc.validate({ ...ok, principal: 'bob', sourceAddress: '::1' });
          const refusal = (o: Parameters<SSHOpenSSHCertificate['validate']>[0]) => {
            try {
              oc.validate(o);
            } catch (e) {
              expect(e).toBeInstanceOf(CertificateValidationError);
              return (e as CertificateValidationError).reason;
            }
            return 'accepted';
          };
          expect(refusal({ ...ok, principal: 'carol' })).toBe('principal');
          expect(refusal({ ...ok, now: Date.UTC(2100, 0, 1) / 1000 })).toBe('expired');
          expect(refusal({ ...ok, now: Date.UTC(2023, 0, 1) / 1000 })).toBe('not-yet-valid');
          expect(refusal({ ...ok, sourceAddress: '192.168.1.1' })).toBe('source-address');
          expect(refusal({ ...ok, type: 'host' })).toBe('type');
          expect(refusal({ ...ok, trustedCAs: [keys.importPublicKey(read('user-ed25519.pub'))] })).toBe('ca');
        }
      }
    });

    it('host certificates for every subject key type parse and validate', () => {
      for (const k of types) {
        const file = sign('ca-ed25519', `user-${k.name}`, [
          '-h',
          '-I',
          `host ${k.name}`,
          '-n',
          'host.example',
        ]);
        const theirs = listing(file);
        for (const [backend, certs, keys] of APIS) {
          const cert = certs.importCertificate(read(file)) as SSHOpenSSHCertificate;
          expect(ourListing(cert), `${k.name} ${backend}`).toEqual(theirs);
          expect(cert.key.publicData).toEqual(keys.importPublicKey(read(`user-${k.name}.pub`)).publicData);
          cert.validate({ type: 'host', principal: 'host.example' });
          expect(() => cert.validate({ type: 'host', principal: 'other.example' })).toThrow(
            CertificateValidationError,
          );
        }
      }
    });

    it('security-key keys and certificates: OpenSSH test data and ssh-keygen agree with us', () => {
      for (const f of ['ecdsa_sk1', 'ed25519_sk1']) {
        for (const suffix of ['', '.pub', '-cert.pub']) {
          writeFileSync(join(dir, `${f}${suffix}`), readFileSync(join(VECTORS, `${f}${suffix}`)), {
            mode: 0o600,
          });
        }
        const fp = keygen(['-l', '-f', inner(`${f}.pub`)]).split(' ')[1];
        const theirs = listing(`${f}-cert.pub`);
        const signed = sign('ca-ecdsa256', f, ['-I', `sk ${f}`, '-n', 'alice', '-O', 'no-touch-required']);
        const signedListing = listing(signed);
        for (const [backend, certs, keys] of APIS) {
          const pub = keys.importPublicKey(read(`${f}.pub`));
          expect(pub.getFingerprint(), `${f} ${backend}`).toBe(fp);
          expect(ourListing(certs.importCertificate(read(`${f}-cert.pub`)) as SSHOpenSSHCertificate)).toEqual(
            theirs,
          );
          const c = certs.importCertificate(read(signed)) as SSHOpenSSHCertificate;
          expect(ourListing(c)).toEqual(signedListing);
          expect(c.touchRequired).toBe(false);
          // Our export of the sk private key file is read by ssh-keygen -y.
          const ours = `ours-${f}-${backend}`;
          writeFileSync(join(dir, ours), keys.importPrivateKey(read(f)).exportPrivateKey(), { mode: 0o600 });
          expect(
            keygen(['-y', '-f', inner(ours)])
              .split(' ')
              .slice(0, 2),
          ).toEqual(read(`${f}.pub`).split(' ').slice(0, 2));
          // A user certificate we sign for the sk key is listed alike by ssh-keygen.
          const ca = keys.importPrivateKey(read('ca-ed25519'));
          const ucert = certs.generateUserCertificate(ca, pub, `our sk ${f}`, { principals: 'alice' });
          writeFileSync(join(dir, `${ours}-cert.pub`), ucert.exportCertificate());
          expect(listing(`${ours}-cert.pub`)).toEqual(ourListing(ucert));
        }
      }
    });

    it('an unknown critical option is listed alike and refused by validate', () => {
      const file = sign('ca-ed25519', 'user-ed25519', [
        '-I',
        'x',
        '-O',
        'critical:frobnicate@example.com=yes',
      ]);
      const cert = APIS[0][1].importCertificate(read(file)) as SSHOpenSSHCertificate;
      expect(ourListing(cert)).toEqual(listing(file));
      expect(() => cert.validate({ type: 'user', principal: 'anyone' })).toThrow(/unknown critical option/);
    });

    it('a certificate whose CA signature was tampered with is refused', () => {
      const file = sign('ca-ecdsa256', 'user-ed25519', ['-I', 'tampered']);
      const [type, b64] = read(file).split(' ');
      const blob = fromBase64(b64 as string);
      blob[blob.length - 5] = (blob[blob.length - 5] as number) ^ 1;
      for (const [, certs] of APIS) {
        expect(() => certs.importCertificate(`${type} ${toBase64(blob)}`)).toThrow(CertificateImportError);
      }
    });

    it('ssh-keygen -L reads user and host certificates we sign, with the same fields', () => {
      for (const k of types) {
        for (const [backend, certs, keys] of APIS) {
          const ca = keys.importPrivateKey(read(`ca-${k.name}`));
          const user = keys.importPublicKey(read('user-ecdsa256.pub'));
          const ucert = certs.generateUserCertificate(ca, user, `our ${k.name}`, {
            principals: ['alice', 'bob'],
            serial: 123456789012n,
            validAfter: '20240102',
            validBefore: '20300101120000Z',
            forceCommand: 'echo hello',
            sourceAddress: ['192.0.2.0/24', '2001:db8::/32'],
            permitPty: false,
            touchRequired: false,
          });
          const uf = `ours-${k.name}-${backend}-cert.pub`;
          writeFileSync(join(dir, uf), ucert.exportCertificate());
          expect(listing(uf), `${k.name} ${backend}`).toEqual(ourListing(ucert));
          expect(ucert.getComment()).toBe('user ecdsa256');
          const hcert = certs.generateHostCertificate(ca, user, `host ${k.name}`, { principals: 'h1,h2' });
          const hf = `ours-host-${k.name}-${backend}-cert.pub`;
          writeFileSync(join(dir, hf), hcert.exportCertificate());
          expect(listing(hf), `${k.name} ${backend} host`).toEqual(ourListing(hcert));
        }
      }
    });
  });
}
