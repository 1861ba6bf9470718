/**
 * Real-peer tests of the key formats against OpenSSH's ssh-keygen, both the
 * Debian 12 one (OpenSSH 9.2) and the Debian 13 one (OpenSSH 10.0, run in its
 * chroot): every `-e` / `-i` format (RFC4716, PKCS8, PEM) and `-p -m` private
 * format (PEM, PKCS8), plain and encrypted, in both directions.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { DEBIAN13_HINT, missingPeer } from '@ssh/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeyEncryptionError } from '../../src/errors.js';
import { makeKeyApi } from '../../src/keys/api.js';
import { nodeBackend } from '../../src/keys/backend.node.js';

const api = makeKeyApi(nodeBackend);
const PASS = 'format passphrase';
const TRIXIE = '/var/cache/ssh-test-peers/trixie';

/** One ssh-keygen: how to run it and where its files live. */
interface Keygen {
  readonly name: string;
  readonly available: boolean;
  readonly missing: { skip: boolean; reason: string };
  /** OpenSSH 10 dropped DSA; 9.2 cannot read Ed25519 PKCS#8. */
  readonly dsa: boolean;
  readonly ed25519Pkcs8: boolean;
  /** A scratch directory: its path here and as the peer sees it. */
  makeDir(): { local: string; peer: string };
  args(args: string[]): [string, string[]];
}

const host: Keygen = {
  name: 'ssh-keygen (Debian 12, OpenSSH 9.2)',
  available: existsSync('/usr/bin/ssh-keygen'),
  get missing() {
    return missingPeer('ssh-keygen', 'apt-get install openssh-client');
  },
  dsa: true,
  ed25519Pkcs8: false,
  makeDir() {
    const d = mkdtempSync(join(tmpdir(), 'keygen-formats-'));
    return { local: d, peer: d };
  },
  args: (a) => ['/usr/bin/ssh-keygen', a],
};

const trixie: Keygen = {
  name: 'ssh-keygen (Debian 13, OpenSSH 10.0)',
  available: existsSync(join(TRIXIE, 'usr/bin/ssh-keygen')),
  get missing() {
    return missingPeer('the Debian 13 ssh-keygen', DEBIAN13_HINT);
  },
  dsa: false,
  ed25519Pkcs8: true,
  makeDir() {
    mkdirSync(join(TRIXIE, 'tmp'), { recursive: true });
    const d = mkdtempSync(join(TRIXIE, 'tmp', 'keygen-formats-'));
    return { local: d, peer: `/tmp/${basename(d)}` };
  },
  args: (a) => ['chroot', [TRIXIE, 'ssh-keygen', ...a]],
};

const KEYS = [
  { name: 'ed25519', args: ['-t', 'ed25519'], type: 'ssh-ed25519' },
  { name: 'ecdsa256', args: ['-t', 'ecdsa', '-b', '256'], type: 'ecdsa-sha2-nistp256' },
  { name: 'ecdsa384', args: ['-t', 'ecdsa', '-b', '384'], type: 'ecdsa-sha2-nistp384' },
  { name: 'ecdsa521', args: ['-t', 'ecdsa', '-b', '521'], type: 'ecdsa-sha2-nistp521' },
  { name: 'rsa', args: ['-t', 'rsa', '-b', '2048'], type: 'ssh-rsa' },
  { name: 'dsa', args: ['-t', 'dsa'], type: 'ssh-dss' },
];

for (const kg of [host, trixie]) {
  const skip = kg.available ? { skip: false, reason: '' } : kg.missing;
  describe.skipIf(skip.skip)(`${kg.name}${skip.reason ? ` (skipped: ${skip.reason})` : ''}`, () => {
    let dir = { local: '', peer: '' };
    const keys = KEYS.filter((k) => kg.dsa || k.type !== 'ssh-dss');
    const local = (n: string) => join(dir.local, n);
    const peer = (n: string) => `${dir.peer}/${n}`;
    const run = (a: string[]) => {
      const [cmd, args] = kg.args(a);
      return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
    };
    const status = (a: string[]) => {
      const [cmd, args] = kg.args(a);
      return spawnSync(cmd, args).status;
    };
    const line = (text: string) => text.trim().split(/\s+/).slice(0, 2).join(' ');

    beforeAll(() => {
      dir = kg.makeDir();
      for (const k of keys) {
        run([...k.args, '-q', '-N', '', '-C', `${k.name} comment`, '-f', peer(k.name)]);
        for (const m of ['PEM', 'PKCS8']) {
          for (const [suffix, pass] of [
            ['', ''],
            ['-enc', PASS],
          ] as const) {
            if (k.type === 'ssh-ed25519') continue;
            const name = `${k.name}.${m}${suffix}`;
            copyFileSync(local(k.name), local(name));
            run(['-p', '-q', '-P', '', '-N', pass, '-m', m, '-f', peer(name)]);
          }
        }
      }
    });

    afterAll(() => {
      if (dir.local) rmSync(dir.local, { recursive: true, force: true });
    });

    for (const k of keys) {
      it(`${k.name}: public keys from ssh-keygen -e (RFC4716, PKCS8, PEM) import with its fingerprint`, () => {
        const fp = run(['-l', '-f', peer(`${k.name}.pub`)]).split(' ')[1];
        const formats = k.type === 'ssh-ed25519' ? ['RFC4716'] : ['RFC4716', 'PKCS8', 'PEM'];
        for (const m of formats) {
          const key = api.importPublicKey(run(['-e', '-m', m, '-f', peer(`${k.name}.pub`)]));
          expect(key.algorithm, m).toBe(k.type);
          expect(key.getFingerprint(), m).toBe(fp);
          if (m === 'RFC4716') expect(key.getComment()).toMatch(/converted by .* from OpenSSH/);
        }
      });

      if (k.type !== 'ssh-ed25519') {
        it(`${k.name}: private keys from ssh-keygen -p -m PEM / PKCS8, plain and encrypted, import`, () => {
          const fp = run(['-l', '-f', peer(`${k.name}.pub`)]).split(' ')[1];
          for (const m of ['PEM', 'PKCS8']) {
            const plain = readFileSync(local(`${k.name}.${m}`));
            expect(new TextDecoder().decode(plain)).not.toContain('OPENSSH PRIVATE KEY');
            expect(api.importPrivateKey(plain).getFingerprint(), m).toBe(fp);
            const enc = readFileSync(local(`${k.name}.${m}-enc`));
            expect(new TextDecoder().decode(enc)).toMatch(/ENCRYPTED/);
            expect(api.importPrivateKey(enc, PASS).getFingerprint(), `${m} encrypted`).toBe(fp);
            expect(() => api.importPrivateKey(enc, 'not it'), m).toThrow(KeyEncryptionError);
          }
        });
      }

      it(`${k.name}: keys we export are read by ssh-keygen -i and -y`, () => {
        const key = api.importPrivateKey(readFileSync(local(k.name)));
        const expected = line(new TextDecoder().decode(key.exportPublicKey()));
        const pubForms: [string, string][] = [['rfc4716', 'RFC4716']];
        if (k.type !== 'ssh-ed25519') pubForms.push(['pkcs8-pem', 'PKCS8']);
        if (k.type === 'ssh-rsa') pubForms.push(['pkcs1-pem', 'PEM']);
        for (const [ours, m] of pubForms) {
          writeFileSync(local(`ours-${k.name}.${ours}`), key.exportPublicKey(ours));
          expect(line(run(['-i', '-m', m, '-f', peer(`ours-${k.name}.${ours}`)])), ours).toBe(expected);
        }
        const privForms: [string, string | undefined][] = [
          ['pkcs1-pem', undefined],
          ['pkcs1-pem', PASS],
          ['pkcs8-pem', undefined],
          ['pkcs8-pem', PASS],
        ];
        for (const [format, pass] of privForms) {
          if (k.type === 'ssh-ed25519' && (format === 'pkcs1-pem' || !kg.ed25519Pkcs8)) continue;
          const name = `ours-${k.name}-${format}${pass ? '-enc' : ''}`;
          writeFileSync(local(name), key.exportPrivateKey(format, pass), { mode: 0o600 });
          expect(line(run(['-y', '-P', pass ?? '', '-f', peer(name)])), name).toBe(expected);
          if (pass) expect(status(['-y', '-P', 'wrong pass', '-f', peer(name)]), name).not.toBe(0);
        }
      });
    }
  });
}
