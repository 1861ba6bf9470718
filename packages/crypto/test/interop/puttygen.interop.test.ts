/**
 * Real-peer tests of PuTTY .ppk files against puttygen: Debian 12's 0.78 and
 * Debian 13's 0.83 (in its chroot). PPK v2 and v3, encrypted and not, both
 * directions: keys puttygen writes import here with the same fingerprint, and
 * keys we write are read back by puttygen.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { DEBIAN13_HINT, missingPeer } from '@ssh/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeyEncryptionError, KeyImportError, PassphraseRequiredError } from '../../src/errors.js';
import { makeKeyApi } from '../../src/keys/api.js';
import { portableBackend } from '../../src/keys/backend.js';
import { nodeBackend } from '../../src/keys/backend.node.js';

const api = makeKeyApi(nodeBackend);
const portable = makeKeyApi(portableBackend);
const PASS = 'putty passphrase';
const TRIXIE = '/var/cache/ssh-test-peers/trixie';
/** Cheap Argon2 for the tests (puttygen calibrates its own; one case keeps that). */
const FAST = { argon2: { passes: 1, memory: 256 } };

interface Puttygen {
  readonly name: string;
  readonly available: boolean;
  missing(): { skip: boolean; reason: string };
  makeDir(): { local: string; peer: string };
  cmd(args: string[]): [string, string[]];
}

const PUTTYGENS: Puttygen[] = [
  {
    name: 'puttygen 0.78 (Debian 12)',
    available: existsSync('/usr/bin/puttygen'),
    missing: () => missingPeer('puttygen', 'apt-get install putty-tools'),
    makeDir() {
      const d = mkdtempSync(join(tmpdir(), 'puttygen-'));
      return { local: d, peer: d };
    },
    cmd: (a) => ['/usr/bin/puttygen', a],
  },
  {
    name: 'puttygen 0.83 (Debian 13)',
    available: existsSync(join(TRIXIE, 'usr/bin/puttygen')),
    missing: () => missingPeer('the Debian 13 puttygen', DEBIAN13_HINT),
    makeDir() {
      mkdirSync(join(TRIXIE, 'tmp'), { recursive: true });
      const d = mkdtempSync(join(TRIXIE, 'tmp', 'puttygen-'));
      return { local: d, peer: `/tmp/${basename(d)}` };
    },
    cmd: (a) => ['chroot', [TRIXIE, 'puttygen', ...a]],
  },
];

const TYPES = [
  { name: 'ed25519', gen: ['-t', 'ed25519'], type: 'ssh-ed25519' },
  { name: 'ed448', gen: ['-t', 'ed448'], type: 'ssh-ed448' },
  { name: 'ecdsa256', gen: ['-t', 'ecdsa', '-b', '256'], type: 'ecdsa-sha2-nistp256' },
  { name: 'ecdsa384', gen: ['-t', 'ecdsa', '-b', '384'], type: 'ecdsa-sha2-nistp384' },
  { name: 'ecdsa521', gen: ['-t', 'ecdsa', '-b', '521'], type: 'ecdsa-sha2-nistp521' },
  { name: 'rsa', gen: ['-t', 'rsa', '-b', '1024'], type: 'ssh-rsa' },
  { name: 'dsa', gen: ['-t', 'dsa', '-b', '1024'], type: 'ssh-dss' },
];

for (const pg of PUTTYGENS) {
  const skip = pg.available ? { skip: false, reason: '' } : pg.missing();
  describe.skipIf(skip.skip)(`${pg.name}${skip.reason ? ` (skipped: ${skip.reason})` : ''}`, () => {
    let dir = { local: '', peer: '' };
    const local = (n: string) => join(dir.local, n);
    const peer = (n: string) => `${dir.peer}/${n}`;
    const run = (a: string[]) => {
      const [c, args] = pg.cmd(a);
      return execFileSync(c, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    };
    const status = (a: string[]) => {
      const [c, args] = pg.cmd(a);
      return spawnSync(c, args, { stdio: ['ignore', 'pipe', 'pipe'] }).status;
    };
    const fingerprint = (file: string, pass?: string) =>
      /SHA256:\S+/.exec(run(['-l', ...(pass ? ['--old-passphrase', peer('pass')] : []), peer(file)]))?.[0];

    beforeAll(() => {
      dir = pg.makeDir();
      writeFileSync(local('pass'), `${PASS}\n`);
      writeFileSync(local('wrong'), 'wrong passphrase\n');
      writeFileSync(local('empty'), '');
      for (const t of TYPES) {
        const base = ['--new-passphrase', peer('empty'), '-C', `putty ${t.name}`];
        run([...t.gen, ...base, '-o', peer(`${t.name}.v3.ppk`)]);
        // -C again: puttygen refuses a conversion that changes only PPK parameters.
        const src = [peer(`${t.name}.v3.ppk`), '-C', `putty ${t.name}`];
        run([
          ...src,
          '-O',
          'private',
          '--ppk-param',
          'version=2',
          '--new-passphrase',
          peer('empty'),
          '-o',
          peer(`${t.name}.v2.ppk`),
        ]);
        run([
          ...src,
          '-O',
          'private',
          '--ppk-param',
          'version=2',
          '--new-passphrase',
          peer('pass'),
          '-o',
          peer(`${t.name}.v2enc.ppk`),
        ]);
        run([
          ...src,
          '-O',
          'private',
          '--ppk-param',
          'passes=1,memory=256',
          '--new-passphrase',
          peer('pass'),
          '-o',
          peer(`${t.name}.v3enc.ppk`),
        ]);
      }
      run([
        peer('ed25519.v3.ppk'),
        '-C',
        'calibrated',
        '-O',
        'private',
        '--new-passphrase',
        peer('pass'),
        '-o',
        peer('calibrated.ppk'),
      ]);
    });

    afterAll(() => {
      if (dir.local) rmSync(dir.local, { recursive: true, force: true });
    });

    for (const t of TYPES) {
      it(`${t.name}: puttygen's v2 and v3 files, plain and encrypted, import with its fingerprint and comment`, () => {
        const fp = fingerprint(`${t.name}.v3.ppk`);
        for (const v of ['v2', 'v3', 'v2enc', 'v3enc']) {
          const data = readFileSync(local(`${t.name}.${v}.ppk`));
          const enc = v.endsWith('enc');
          const key = api.importPrivateKey(data, enc ? PASS : undefined);
          expect(key.algorithm, v).toBe(t.type);
          expect(key.getFingerprint(), v).toBe(fp);
          expect(key.getComment(), v).toBe(`putty ${t.name}`);
          if (enc) {
            expect(() => api.importPrivateKey(data, 'wrong passphrase'), v).toThrow(KeyEncryptionError);
            expect(() => api.importPrivateKey(data), v).toThrow(PassphraseRequiredError);
          }
        }
        const openssh = run([peer(`${t.name}.v3.ppk`), '-O', 'public-openssh']);
        expect(api.importPublicKey(openssh).getFingerprint()).toBe(fp);
      });

      it(`${t.name}: our v3 and v2 files, plain and encrypted, are read by puttygen`, () => {
        const key = api.importPrivateKey(readFileSync(local(`${t.name}.v2.ppk`)));
        const expected = new TextDecoder().decode(key.exportPublicKey()).trim();
        const cases = [
          ['ours.v3', key.exportPrivateKey('ppk', undefined, FAST), false],
          ['ours.v2', key.exportPrivateKey('putty', undefined, { ppkVersion: 2 }), false],
          ['ours.v3enc', key.exportPrivateKey('ppk', PASS, FAST), true],
          ['ours.v2enc', key.exportPrivateKey('ppk', PASS, { ppkVersion: 2 }), true],
        ] as const;
        for (const [name, data, enc] of cases) {
          const file = `${t.name}.${name}.ppk`;
          writeFileSync(local(file), data);
          const pass = enc ? ['--old-passphrase', peer('pass')] : [];
          expect(run([peer(file), ...pass, '-O', 'public-openssh']).trim(), name).toBe(expected);
          const out = peer(`${t.name}.${name}.openssh`);
          run([
            peer(file),
            ...pass,
            '-O',
            'private-openssh-new',
            '--new-passphrase',
            peer('empty'),
            '-o',
            out,
          ]);
          expect(
            api.importPrivateKey(readFileSync(local(`${t.name}.${name}.openssh`))).getFingerprint(),
            name,
          ).toBe(key.getFingerprint());
          const wrong = [
            peer(file),
            '--old-passphrase',
            peer('wrong'),
            '-O',
            'private-openssh-new',
            '-o',
            `${out}.x`,
          ];
          if (enc) expect(status([...wrong, '--new-passphrase', peer('empty')]), name).not.toBe(0);
          expect(api.importPrivateKey(data, enc ? PASS : undefined).getFingerprint(), name).toBe(
            key.getFingerprint(),
          );
        }
      });
    }

    it('a file with puttygen-calibrated Argon2 imports on both paths; a flipped MAC or body is refused', () => {
      const data = readFileSync(local('calibrated.ppk'));
      const fp = fingerprint('calibrated.ppk', PASS);
      expect(api.importPrivateKey(data, PASS).getFingerprint()).toBe(fp);
      expect(portable.importPrivateKey(data, PASS).getFingerprint()).toBe(fp);
      const text = readFileSync(local('ed25519.v3.ppk'), 'utf8');
      const badMac = text.replace(
        /Private-MAC: (.)/,
        (_m, c: string) => `Private-MAC: ${c === '0' ? '1' : '0'}`,
      );
      expect(() => api.importPrivateKey(badMac)).toThrow(/MAC does not match/);
      const badComment = text.replace('Comment: putty', 'Comment: PuTTY');
      expect(() => api.importPrivateKey(badComment)).toThrow(KeyImportError);
    });
  });
}
