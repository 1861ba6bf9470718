/**
 * Real-peer tests against OpenSSH's ssh-keygen: its keys (every type it makes,
 * with and without a passphrase) import with the same fingerprints; keys we
 * export are read back by `ssh-keygen -y`; SSHSIG signatures cross both ways.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeyEncryptionError, PassphraseRequiredError } from '../../src/errors.js';
import { decodeSSHSig, sshsigSign, sshsigVerify } from '../../src/formats/sshsig.js';
import { makeKeyApi } from '../../src/keys/api.js';
import { portableBackend } from '../../src/keys/backend.js';
import { nodeBackend } from '../../src/keys/backend.node.js';

const KEYGEN = ['/usr/bin/ssh-keygen', '/usr/local/bin/ssh-keygen'].find((p) => existsSync(p));
const MISSING = 'ssh-keygen not found: install it with `apt-get install openssh-client`';
const APIS = [
  ['node', makeKeyApi(nodeBackend)],
  ['portable', makeKeyApi(portableBackend)],
] as const;
const PASS = 'correct horse battery';

if (!KEYGEN && process.env.CI === 'true') {
  describe('ssh-keygen interop', () => {
    it('needs ssh-keygen on CI', () => {
      throw new Error(MISSING);
    });
  });
}

/** Key types ssh-keygen 9.2 makes, as -t / -b arguments. */
const THEIR_KEYS = [
  { name: 'ed25519', args: ['-t', 'ed25519'], type: 'ssh-ed25519' },
  { name: 'ecdsa256', args: ['-t', 'ecdsa', '-b', '256'], type: 'ecdsa-sha2-nistp256' },
  { name: 'ecdsa384', args: ['-t', 'ecdsa', '-b', '384'], type: 'ecdsa-sha2-nistp384' },
  { name: 'ecdsa521', args: ['-t', 'ecdsa', '-b', '521'], type: 'ecdsa-sha2-nistp521' },
  { name: 'rsa2048', args: ['-t', 'rsa', '-b', '2048'], type: 'ssh-rsa' },
  { name: 'rsa3072', args: ['-t', 'rsa', '-b', '3072'], type: 'ssh-rsa' },
  { name: 'dsa', args: ['-t', 'dsa'], type: 'ssh-dss' },
];

describe.skipIf(!KEYGEN)(KEYGEN ? 'ssh-keygen interop' : `ssh-keygen interop (skipped: ${MISSING})`, () => {
  const keygen = KEYGEN as string;
  let dir = '';
  const run = (args: string[], input?: string) =>
    execFileSync(keygen, args, { encoding: 'utf8', input, stdio: ['pipe', 'pipe', 'pipe'] });
  const fingerprint = (file: string, hash: string) => {
    const out = run(['-l', '-E', hash, '-f', file]);
    return out.split(' ')[1];
  };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'ssh-keygen-interop-'));
    for (const k of THEIR_KEYS) {
      run([...k.args, '-q', '-N', '', '-C', `plain ${k.name}`, '-f', join(dir, `${k.name}-plain`)]);
      // ssh-keygen's default of 16 bcrypt rounds for Ed25519; 4 for the others keeps the test quick.
      const rounds = k.name === 'ed25519' ? [] : ['-a', '4'];
      run([...k.args, ...rounds, '-q', '-N', PASS, '-C', `enc ${k.name}`, '-f', join(dir, `${k.name}-enc`)]);
    }
  });

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  describe.each(APIS)('keys ssh-keygen made, imported on the %s path', (_name, api) => {
    for (const k of THEIR_KEYS) {
      it(`${k.name}: same SHA256 and MD5 fingerprints as ssh-keygen -l, with and without passphrase`, () => {
        for (const variant of ['plain', 'enc'] as const) {
          const file = join(dir, `${k.name}-${variant}`);
          const key = api.importPrivateKey(readFileSync(file), variant === 'enc' ? PASS : undefined);
          expect(key.algorithm).toBe(k.type);
          expect(key.getComment()).toBe(`${variant} ${k.name}`);
          expect(key.getFingerprint()).toBe(fingerprint(file, 'sha256'));
          expect(key.getFingerprint('md5')).toBe(fingerprint(file, 'md5'));
          const pub = api.importPublicKey(readFileSync(`${file}.pub`));
          expect(pub.getFingerprint()).toBe(key.getFingerprint());
          expect(new TextDecoder().decode(pub.exportPublicKey())).toBe(readFileSync(`${file}.pub`, 'utf8'));
          const msg = new TextEncoder().encode(`message for ${k.name}`);
          expect(pub.verify(msg, key.sign(msg))).toBe(true);
          if (variant === 'enc') {
            expect(() => api.importPrivateKey(readFileSync(file), 'wrong passphrase')).toThrow(
              KeyEncryptionError,
            );
            expect(() => api.importPrivateKey(readFileSync(file))).toThrow(PassphraseRequiredError);
          }
        }
      });
    }
  });

  describe.each(APIS)('keys we make on the %s path, read by ssh-keygen -y', (name, api) => {
    const OURS = [
      'ssh-ed25519',
      'ecdsa-sha2-nistp256',
      'ecdsa-sha2-nistp384',
      'ecdsa-sha2-nistp521',
      'ssh-dss',
    ];
    if (name === 'node') OURS.push('ssh-rsa');
    for (const type of OURS) {
      it(`${type}: unencrypted and encrypted exports print the same public key`, () => {
        const key = api.generatePrivateKey(type, { comment: `ours ${type}` });
        const expected = new TextDecoder().decode(key.exportPublicKey()).split(' ').slice(0, 2).join(' ');
        const plain = join(dir, `ours-${name}-${type}`);
        writeFileSync(plain, key.exportPrivateKey(), { mode: 0o600 });
        expect(run(['-y', '-f', plain]).split(' ').slice(0, 2).join(' ').trim()).toBe(expected);
        const enc = `${plain}-enc`;
        writeFileSync(enc, key.exportPrivateKey('openssh', PASS, { cipherName: 'aes256-ctr', rounds: 4 }), {
          mode: 0o600,
        });
        expect(run(['-y', '-P', PASS, '-f', enc]).split(' ').slice(0, 2).join(' ').trim()).toBe(expected);
        expect(spawnSync(keygen, ['-y', '-P', 'wrong', '-f', enc]).status).not.toBe(0);
      });
    }

    it(`the ${name === 'node' ? 'default export (aes256-cbc, 128 bcrypt rounds, as AsyncSSH)' : 'aes256-cbc export'} is accepted`, () => {
      const key = api.generatePrivateKey('ssh-ed25519');
      const file = join(dir, `ours-${name}-default-enc`);
      // 128 rounds take ~2 s; the portable path differs only in AES, so it uses 4.
      const options = name === 'node' ? {} : { cipherName: 'aes256-cbc', rounds: 4 };
      writeFileSync(file, key.exportPrivateKey('openssh', PASS, options), { mode: 0o600 });
      const out = run(['-y', '-P', PASS, '-f', file]);
      expect(out.split(' ').slice(0, 2).join(' ').trim()).toBe(
        new TextDecoder().decode(key.exportPublicKey()).trim(),
      );
    });
  });

  describe.each(APIS)('SSHSIG signatures on the %s path', (name, api) => {
    const message = 'a message signed with SSHSIG\n';
    for (const k of THEIR_KEYS) {
      it(`${k.name}: ssh-keygen -Y sign verifies here, and ours verifies with ssh-keygen -Y verify`, () => {
        const file = join(dir, `${k.name}-plain`);
        const msgFile = join(dir, `msg-${name}-${k.name}`);
        writeFileSync(msgFile, message);
        run(['-Y', 'sign', '-q', '-f', file, '-n', 'file', msgFile]);
        const theirs = readFileSync(`${msgFile}.sig`, 'utf8');
        const key = api.importPrivateKey(readFileSync(file));
        const pub = key.convertToPublic();
        const bytes = new TextEncoder().encode(message);
        sshsigVerify(pub, bytes, theirs, 'file');
        expect(() => sshsigVerify(pub, new TextEncoder().encode('other'), theirs, 'file')).toThrow(
          /does not verify/,
        );
        expect(() => sshsigVerify(pub, bytes, theirs, 'git')).toThrow(/namespace/);

        const ours = sshsigSign(key, bytes, 'file');
        if (k.type === 'ssh-ed25519' || k.type === 'ssh-rsa') {
          // Ed25519 and RSA PKCS#1 v1.5 are deterministic: the same bytes as OpenSSH's.
          expect(decodeSSHSig(ours).signature).toEqual(decodeSSHSig(theirs).signature);
        }
        const sigFile = join(dir, `ours-${name}-${k.name}.sig`);
        writeFileSync(sigFile, ours);
        const signers = join(dir, `allowed-${name}-${k.name}`);
        const line = new TextDecoder().decode(pub.exportPublicKey()).trim();
        writeFileSync(signers, `signer@example.com namespaces="file" ${line}\n`);
        const verify = (input: string) =>
          spawnSync(
            keygen,
            ['-Y', 'verify', '-f', signers, '-I', 'signer@example.com', '-n', 'file', '-s', sigFile],
            {
              input,
              encoding: 'utf8',
            },
          );
        const good = verify(message);
        expect(good.status, good.stderr).toBe(0);
        expect(good.stdout).toContain('Good "file" signature for signer@example.com');
        expect(verify(`${message}tampered`).status).not.toBe(0);
      });
    }
  });
});
