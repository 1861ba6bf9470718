/**
 * Real-peer tests against the openssl command line (OpenSSL 3.0): PKCS#1,
 * SEC1 and PKCS#8 private keys and SubjectPublicKeyInfo public keys, DER and
 * PEM, plain and encrypted (legacy PEM encryption, PBES2, PKCS#12 PBE), both
 * directions. sshpk is a second, independent oracle for fingerprints.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { missingPeer } from '@ssh/testing';
import sshpk from 'sshpk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeyEncryptionError, PassphraseRequiredError } from '../../src/errors.js';
import { makeKeyApi } from '../../src/keys/api.js';
import { portableBackend } from '../../src/keys/backend.js';
import { nodeBackend } from '../../src/keys/backend.node.js';

const OPENSSL = ['/usr/bin/openssl', '/usr/local/bin/openssl'].find((p) => existsSync(p));
const skip = OPENSSL ? { skip: false, reason: '' } : missingPeer('openssl', 'apt-get install openssl');
const node = makeKeyApi(nodeBackend);
const portable = makeKeyApi(portableBackend);
const PASS = 'open sesame';
const LEGACY = ['-provider', 'legacy', '-provider', 'default'];

/** Keys openssl makes, with genpkey arguments, and the SSH type they import as. */
const KEYS = [
  {
    name: 'rsa',
    sshpk: true,
    gen: ['-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048'],
    type: 'ssh-rsa',
    trad: true,
  },
  {
    name: 'p256',
    sshpk: true,
    gen: ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256'],
    type: 'ecdsa-sha2-nistp256',
    trad: true,
  },
  {
    name: 'p384',
    sshpk: true,
    gen: ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-384'],
    type: 'ecdsa-sha2-nistp384',
    trad: true,
  },
  {
    name: 'p521',
    sshpk: true,
    gen: ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-521'],
    type: 'ecdsa-sha2-nistp521',
    trad: true,
  },
  {
    name: 'k256',
    sshpk: false,
    gen: ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:secp256k1'],
    type: 'ecdsa-sha2-1.3.132.0.10',
    trad: true,
  },
  { name: 'ed25519', sshpk: true, gen: ['-algorithm', 'ED25519'], type: 'ssh-ed25519', trad: false },
  { name: 'ed448', sshpk: false, gen: ['-algorithm', 'ED448'], type: 'ssh-ed448', trad: false },
  { name: 'dsa', sshpk: true, gen: ['-paramfile', 'DSAPARAMS'], type: 'ssh-dss', trad: true },
];

describe.skipIf(skip.skip)(`openssl interop${skip.reason ? ` (skipped: ${skip.reason})` : ''}`, () => {
  let dir = '';
  const ssl = (args: string[], input?: string | Uint8Array) =>
    execFileSync(OPENSSL as string, args, { input, stdio: ['pipe', 'pipe', 'pipe'] });
  const file = (name: string) => join(dir, name);
  /** openssl's own SubjectPublicKeyInfo PEM for a key file. */
  const pubout = (path: string, extra: string[] = []) =>
    ssl(['pkey', '-in', path, '-passin', `pass:${PASS}`, ...extra, '-pubout']).toString();

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'openssl-interop-'));
    ssl([
      'genpkey',
      '-genparam',
      '-algorithm',
      'DSA',
      '-pkeyopt',
      'dsa_paramgen_bits:1024',
      '-pkeyopt',
      'dsa_paramgen_q_bits:160',
      '-out',
      file('dsaparams'),
    ]);
    for (const k of KEYS) {
      const gen = k.gen.map((a) => (a === 'DSAPARAMS' ? file('dsaparams') : a));
      ssl(['genpkey', ...gen, '-out', file(`${k.name}.p8.pem`)]);
      const p8 = file(`${k.name}.p8.pem`);
      ssl(['pkey', '-in', p8, '-outform', 'DER', '-out', file(`${k.name}.p8.der`)]);
      ssl(['pkey', '-in', p8, '-pubout', '-out', file(`${k.name}.spki.pem`)]);
      ssl(['pkey', '-in', p8, '-pubout', '-outform', 'DER', '-out', file(`${k.name}.spki.der`)]);
      const topk8 = (v: string[], out: string) =>
        ssl([
          'pkcs8',
          '-topk8',
          '-in',
          p8,
          '-passout',
          `pass:${PASS}`,
          ...v,
          '-out',
          file(`${k.name}.${out}`),
        ]);
      topk8(['-v2', 'aes-256-cbc', '-v2prf', 'hmacWithSHA256'], 'pbes2-aes256.pem');
      topk8(['-v2', 'aes-128-cbc', '-v2prf', 'hmacWithSHA1'], 'pbes2-aes128-sha1.pem');
      topk8(['-v2', 'des3'], 'pbes2-des3.pem');
      topk8(['-v1', 'PBE-SHA1-3DES'], 'pkcs12-3des.pem');
      topk8(['-v2', 'aes-192-cbc', '-v2prf', 'hmacWithSHA512', '-outform', 'DER'], 'pbes2-aes192.der');
      // Single DES and RC4 live in OpenSSL 3's legacy provider.
      for (const [alg, out] of [
        ['PBE-MD5-DES', 'pbes1-md5-des.pem'],
        ['PBE-SHA1-DES', 'pbes1-sha1-des.pem'],
        ['PBE-SHA1-RC4-128', 'pkcs12-rc4-128.pem'],
        ['PBE-SHA1-2DES', 'pkcs12-2des.pem'],
      ]) {
        topk8(['-v1', alg as string, ...LEGACY], out as string);
      }
      topk8(['-v2', 'des-cbc', ...LEGACY], 'pbes2-des.pem');
      topk8(['-v2', 'bf-cbc', ...LEGACY], 'pbes2-bf.pem');
      if (k.trad) {
        ssl(['pkey', '-in', p8, '-traditional', '-out', file(`${k.name}.trad.pem`)]);
        ssl(['pkey', '-in', p8, '-traditional', '-outform', 'DER', '-out', file(`${k.name}.trad.der`)]);
        ssl([
          'pkey',
          '-in',
          p8,
          '-traditional',
          '-aes256',
          '-passout',
          `pass:${PASS}`,
          '-out',
          file(`${k.name}.trad-aes256.pem`),
        ]);
        ssl([
          'pkey',
          '-in',
          p8,
          '-traditional',
          '-des3',
          '-passout',
          `pass:${PASS}`,
          '-out',
          file(`${k.name}.trad-des3.pem`),
        ]);
        const des = ['pkey', '-in', p8, '-traditional', '-des', ...LEGACY, '-passout', `pass:${PASS}`];
        ssl([...des, '-out', file(`${k.name}.trad-des.pem`)]);
      }
    }
  });

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  for (const k of KEYS) {
    describe(`${k.name} (${k.type})`, () => {
      it('every form openssl writes imports with the same fingerprint as sshpk computes', () => {
        const spki = readFileSync(file(`${k.name}.spki.pem`));
        // sshpk knows neither secp256k1 nor Ed448: there the SPKI openssl printed is the reference.
        const oracle = k.sshpk
          ? sshpk.parseKey(spki, 'pem').fingerprint('sha256').toString()
          : node.importPublicKey(spki).getFingerprint();
        const forms = [
          'p8.pem',
          'p8.der',
          'pbes2-aes256.pem',
          'pbes2-aes128-sha1.pem',
          'pbes2-des3.pem',
          'pkcs12-3des.pem',
          'pbes2-aes192.der',
          'pbes1-md5-des.pem',
          'pbes1-sha1-des.pem',
          'pkcs12-rc4-128.pem',
          'pkcs12-2des.pem',
          'pbes2-des.pem',
          'pbes2-bf.pem',
        ];
        if (k.trad) forms.push('trad.pem', 'trad.der', 'trad-aes256.pem', 'trad-des3.pem', 'trad-des.pem');
        for (const form of forms) {
          const data = readFileSync(file(`${k.name}.${form}`));
          const encrypted = /pbes|pkcs12|aes256|des/.test(form);
          const key = node.importPrivateKey(data, encrypted ? PASS : undefined);
          expect(key.algorithm, form).toBe(k.type);
          expect(key.getFingerprint(), form).toBe(oracle);
          if (encrypted) {
            expect(() => node.importPrivateKey(data, 'wrong'), form).toThrow(KeyEncryptionError);
            expect(() => node.importPrivateKey(data), form).toThrow(PassphraseRequiredError);
          }
          if (k.type !== 'ssh-rsa' && k.type !== 'ssh-dss') {
            expect(portable.importPrivateKey(data, encrypted ? PASS : undefined).getFingerprint(), form).toBe(
              oracle,
            );
          }
        }
        for (const form of ['spki.pem', 'spki.der']) {
          expect(node.importPublicKey(readFileSync(file(`${k.name}.${form}`))).getFingerprint(), form).toBe(
            oracle,
          );
        }
        const msg = new TextEncoder().encode('signed by an openssl key');
        const key = node.importPrivateKey(readFileSync(file(`${k.name}.p8.pem`)));
        expect(
          node.importPublicKey(readFileSync(file(`${k.name}.spki.der`))).verify(msg, key.sign(msg)),
        ).toBe(true);
      });

      it('every form we write is read by openssl as the same key', () => {
        const key = node.importPrivateKey(readFileSync(file(`${k.name}.p8.pem`)));
        const expected = readFileSync(file(`${k.name}.spki.pem`), 'utf8');
        const exports: [string, Uint8Array, string[]][] = [
          ['pkcs8-pem', key.exportPrivateKey('pkcs8-pem'), []],
          ['pkcs8-der', key.exportPrivateKey('pkcs8-der'), ['-inform', 'DER']],
          ['pkcs8-pem pbes2', key.exportPrivateKey('pkcs8-pem', PASS), []],
          [
            'pkcs8-pem pbes2 sha1 des3',
            key.exportPrivateKey('pkcs8-pem', PASS, { cipherName: 'des3-cbc', hashName: 'sha1' }),
            [],
          ],
          [
            'pkcs8-pem pbes2 sha512 aes128',
            key.exportPrivateKey('pkcs8-pem', PASS, { cipherName: 'aes128-cbc', hashName: 'sha512' }),
            [],
          ],
          [
            'pkcs8-der pkcs12 3des',
            key.exportPrivateKey('pkcs8-der', PASS, { cipherName: 'des3-cbc', pbeVersion: 1 }),
            ['-inform', 'DER'],
          ],
          [
            'pkcs8-pem pbes1 md5 des',
            key.exportPrivateKey('pkcs8-pem', PASS, {
              cipherName: 'des-cbc',
              pbeVersion: 1,
              hashName: 'md5',
            }),
            LEGACY,
          ],
          [
            'pkcs8-pem pkcs12 rc4',
            key.exportPrivateKey('pkcs8-pem', PASS, { cipherName: 'rc4-128', pbeVersion: 1 }),
            LEGACY,
          ],
          [
            'pkcs8-pem pkcs12 2des',
            key.exportPrivateKey('pkcs8-pem', PASS, { cipherName: 'des2-cbc', pbeVersion: 1 }),
            LEGACY,
          ],
          ['pkcs8-pem pbes2 des', key.exportPrivateKey('pkcs8-pem', PASS, { cipherName: 'des-cbc' }), LEGACY],
          [
            'pkcs8-pem pbes2 bf',
            key.exportPrivateKey('pkcs8-pem', PASS, { cipherName: 'blowfish-cbc' }),
            LEGACY,
          ],
        ];
        if (k.trad) {
          exports.push(
            ['pkcs1-pem', key.exportPrivateKey('pkcs1-pem'), []],
            ['pkcs1-der', key.exportPrivateKey('pkcs1-der'), ['-inform', 'DER']],
            ['pkcs1-pem aes256', key.exportPrivateKey('pkcs1-pem', PASS), []],
            ['pkcs1-pem aes128', key.exportPrivateKey('pkcs1-pem', PASS, { cipherName: 'aes128-cbc' }), []],
            ['pkcs1-pem des3', key.exportPrivateKey('pkcs1-pem', PASS, { cipherName: 'des3-cbc' }), []],
            ['pkcs1-pem des', key.exportPrivateKey('pkcs1-pem', PASS, { cipherName: 'des-cbc' }), LEGACY],
          );
        }
        for (const [what, data, args] of exports) {
          const path = file(`ours-${k.name}-${what.replace(/ /g, '_')}`);
          writeFileSync(path, data);
          expect(pubout(path, args), what).toBe(expected);
          if (what.includes(' ')) {
            const bad = spawnSync(OPENSSL as string, [
              'pkey',
              '-in',
              path,
              ...args,
              '-passin',
              'pass:wrong',
              '-noout',
            ]);
            expect(bad.status, what).not.toBe(0);
          }
        }
        const pub = key.convertToPublic();
        const spkiPem = file(`ours-${k.name}.spki.pem`);
        writeFileSync(spkiPem, pub.exportPublicKey('pkcs8-pem'));
        expect(ssl(['pkey', '-pubin', '-in', spkiPem, '-pubout']).toString()).toBe(expected);
        const spkiDer = file(`ours-${k.name}.spki.der`);
        writeFileSync(spkiDer, pub.exportPublicKey('pkcs8-der'));
        expect(ssl(['pkey', '-pubin', '-inform', 'DER', '-in', spkiDer, '-pubout']).toString()).toBe(
          expected,
        );
        if (k.type === 'ssh-rsa') {
          const p1 = file('ours-rsa.pkcs1-pub.pem');
          writeFileSync(p1, pub.exportPublicKey('pkcs1-pem'));
          expect(ssl(['rsa', '-RSAPublicKey_in', '-in', p1, '-pubout']).toString()).toBe(expected);
          const fromOpenssl = ssl(['rsa', '-in', file('rsa.p8.pem'), '-RSAPublicKey_out']);
          expect(node.importPublicKey(fromOpenssl).getFingerprint()).toBe(key.getFingerprint());
        }
      });
    });
  }
});
