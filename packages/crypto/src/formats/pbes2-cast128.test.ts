import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { missingPeer } from '@ssh/testing';
import { describe, expect, it } from 'vitest';
import { CryptoError } from '../errors.js';
import { makeKeyApi } from '../keys/api.js';
import { portableBackend } from '../keys/backend.js';
import { nodeBackend } from '../keys/backend.node.js';

// cast128-cbc in PKCS#8 is PBES2 with CAST5-CBC (OID 1.2.840.113533.7.66.10, the IV as a bare
// OCTET STRING), as AsyncSSH and OpenSSL write it; neither offers a PBES1 CAST5 scheme.

const OPENSSL = '/usr/bin/openssl';
const PYTHON = '/usr/bin/python3';
const NO_OPENSSL = existsSync(OPENSSL) ? false : missingPeer('openssl', 'apt-get install openssl').skip;
const NO_ASYNCSSH = existsSync('/usr/lib/python3/dist-packages/asyncssh')
  ? false
  : missingPeer('AsyncSSH', 'apt-get install python3-asyncssh').skip;
const LEGACY = ['-provider', 'legacy', '-provider', 'default'];
const PASS = 'cast pass';
const node = makeKeyApi(nodeBackend);
const portable = makeKeyApi(portableBackend);
const key = node.generatePrivateKey('ecdsa-sha2-nistp256');

function run(file: string, args: string[], input: Uint8Array | string): Buffer {
  const r = spawnSync(file, args, { input });
  if (r.status !== 0) throw new Error(`${file} ${args.join(' ')}: ${r.stderr.toString()}`);
  return r.stdout;
}

describe('PKCS#8 with cast128-cbc', () => {
  it('round-trips on both paths and refuses a wrong passphrase', () => {
    const data = key.exportPrivateKey('pkcs8-pem', PASS, {
      cipherName: 'cast128-cbc',
      hashName: 'sha1',
      iterations: 10,
    });
    expect(new TextDecoder().decode(data)).toContain('BEGIN ENCRYPTED PRIVATE KEY');
    for (const api of [node, portable]) {
      expect(api.importPrivateKey(data, PASS).getFingerprint()).toBe(key.getFingerprint());
      expect(() => api.importPrivateKey(data, 'not it')).toThrow(CryptoError);
    }
  });

  it.skipIf(NO_OPENSSL)('openssl reads ours and we read openssl -v2 cast5-cbc', () => {
    const ours = key.exportPrivateKey('pkcs8-pem', PASS, { cipherName: 'cast128-cbc' });
    const plain = run(OPENSSL, ['pkey', '-passin', `pass:${PASS}`, ...LEGACY], ours);
    expect(node.importPrivateKey(plain).getFingerprint()).toBe(key.getFingerprint());
    const theirs = run(
      OPENSSL,
      [
        'pkcs8',
        '-topk8',
        '-v2',
        'cast5-cbc',
        '-v2prf',
        'hmacWithSHA256',
        '-passout',
        `pass:${PASS}`,
        ...LEGACY,
      ],
      key.exportPrivateKey('pkcs8-pem'),
    );
    expect(run(OPENSSL, ['asn1parse'], theirs).toString()).toContain('cast5-cbc');
    for (const api of [node, portable])
      expect(api.importPrivateKey(theirs, PASS).getFingerprint()).toBe(key.getFingerprint());
  });

  it.skipIf(NO_ASYNCSSH)("AsyncSSH reads ours and we read AsyncSSH's", () => {
    const script = `
import sys, warnings
warnings.simplefilter('ignore')
import asyncssh
k = asyncssh.import_private_key(sys.stdin.buffer.read(), ${JSON.stringify(PASS)})
sys.stdout.buffer.write(k.export_private_key('pkcs8-pem', ${JSON.stringify(PASS)}, cipher_name='cast128-cbc', hash_name='sha512'))
`;
    const ours = key.exportPrivateKey('pkcs8-pem', PASS, { cipherName: 'cast128-cbc' });
    const theirs = run(PYTHON, ['-c', script], ours);
    expect(theirs.toString()).toContain('BEGIN ENCRYPTED PRIVATE KEY');
    for (const api of [node, portable])
      expect(api.importPrivateKey(theirs, PASS).getFingerprint()).toBe(key.getFingerprint());
  });
});
