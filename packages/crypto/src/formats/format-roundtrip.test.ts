import { describe, expect, it } from 'vitest';
import { KeyExportError, KeyImportError, PassphraseRequiredError } from '../errors.js';
import { makeKeyApi } from '../keys/api.js';
import { portableBackend } from '../keys/backend.js';
import { nodeBackend } from '../keys/backend.node.js';

const node = makeKeyApi(nodeBackend);
const portable = makeKeyApi(portableBackend);
const TYPES = [
  'ssh-ed25519',
  'ssh-ed448',
  'ecdsa-sha2-nistp256',
  'ecdsa-sha2-nistp384',
  'ecdsa-sha2-nistp521',
  'ecdsa-sha2-1.3.132.0.10',
  'ssh-rsa',
  'ssh-dss',
];
const KEYS = TYPES.map((t) =>
  node.generatePrivateKey(t, { comment: `round ${t}`, keySize: t === 'ssh-rsa' ? 1024 : undefined }),
);
const TRADITIONAL = (t: string) => t === 'ssh-rsa' || t === 'ssh-dss' || t.startsWith('ecdsa');
const FAST_PPK = { argon2: { memory: 64, passes: 1 } };
const P = 'round trip';

describe.each(TYPES.map((t, i) => [t, KEYS[i]] as const))('%s', (type, key) => {
  if (!key) throw new Error('no key');
  const formats = ['openssh', 'pkcs8-der', 'pkcs8-pem', 'der', 'pem', 'ppk', 'putty'];
  if (TRADITIONAL(type)) formats.push('pkcs1-der', 'pkcs1-pem');

  it('every private format round-trips on both paths; comments survive where the format has one', () => {
    for (const f of formats) {
      const data = key.exportPrivateKey(f, undefined, FAST_PPK);
      for (const api of [node, portable]) {
        const back = api.importPrivateKey(data);
        expect(back.getFingerprint(), f).toBe(key.getFingerprint());
        expect(back.getComment(), f).toBe(['openssh', 'ppk', 'putty'].includes(f) ? `round ${type}` : null);
      }
    }
  });

  it('encrypted private formats need the passphrase and refuse a wrong one', () => {
    const cases: [string, object][] = [
      ['pkcs8-pem', {}],
      ['pkcs8-der', { cipherName: 'aes128-cbc', hashName: 'sha1' }],
      ['pkcs8-pem', { cipherName: 'aes192-cbc', hashName: 'sha512', iterations: 10 }],
      ['pkcs8-pem', { cipherName: 'rc4-128', pbeVersion: 1, iterations: 10 }],
      ['pkcs8-der', { cipherName: 'rc4-40', pbeVersion: 1, iterations: 10 }],
      ['pkcs8-der', { cipherName: 'des-cbc', pbeVersion: 1, hashName: 'md5', iterations: 10 }],
      ['pkcs8-pem', { cipherName: 'des2-cbc', pbeVersion: 1, iterations: 10 }],
      ['pkcs8-der', { cipherName: 'blowfish-cbc', hashName: 'sha384', iterations: 10 }],
      ['ppk', FAST_PPK],
      ['ppk', { ppkVersion: 2 }],
    ];
    if (TRADITIONAL(type)) cases.push(['pkcs1-pem', {}], ['pkcs1-pem', { cipherName: 'aes128-cbc' }]);
    for (const [f, options] of cases) {
      const data = key.exportPrivateKey(f, P, options);
      const what = `${f} ${JSON.stringify(options)}`;
      expect(portable.importPrivateKey(data, P).getFingerprint(), what).toBe(key.getFingerprint());
      expect(() => node.importPrivateKey(data), what).toThrow(PassphraseRequiredError);
      // A wrong key can decrypt to valid padding by chance (PKCS#7 and RC4 have no MAC): then it still fails as a key.
      expect(() => node.importPrivateKey(data, 'wrong'), what).toThrow(/passphrase|invalid|corrupt/i);
    }
  });

  it('public formats round-trip', () => {
    const pub = key.convertToPublic();
    const formats = ['openssh', 'rfc4716', 'pkcs8-der', 'pkcs8-pem', 'der', 'pem'];
    if (type === 'ssh-rsa' || type === 'ssh-dss') formats.push('pkcs1-der', 'pkcs1-pem');
    for (const f of formats) {
      const back = portable.importPublicKey(pub.exportPublicKey(f));
      expect(back.getFingerprint(), f).toBe(key.getFingerprint());
      if (f === 'rfc4716' || f === 'openssh') expect(back.getComment(), f).toBe(`round ${type}`);
    }
  });
});

describe('export errors', () => {
  const ed = KEYS[0];
  const rsa = KEYS[6];
  if (!ed || !rsa) throw new Error('no keys');
  it('say what is wrong', () => {
    expect(() => ed.exportPrivateKey('pkcs1-pem')).toThrow(KeyExportError);
    expect(() => ed.exportPublicKey('pkcs1-der')).toThrow(/no PKCS#1 public key form/);
    expect(() => rsa.exportPrivateKey('pkcs1-der', P)).toThrow(/cannot be encrypted/);
    expect(() => rsa.exportPrivateKey('pkcs1-pem', P, { cipherName: 'rc4-128' })).toThrow(KeyExportError);
    expect(() =>
      rsa.exportPrivateKey('pkcs8-pem', P, { cipherName: 'des3-cbc', pbeVersion: 1, hashName: 'md5' }),
    ).toThrow(/PBES1 does not support/);
    expect(() => rsa.exportPrivateKey('pkcs8-pem', P, { cipherName: 'nope' })).toThrow(
      /unsupported key encryption cipher/,
    );
    expect(() => rsa.exportPrivateKey('ppk', P, { ppkVersion: 4 as 3 })).toThrow(/PPK version/);
    expect(() => rsa.exportPrivateKey('nonsense')).toThrow(/unknown private key export format/);
    expect(() => rsa.convertToPublic().exportPrivateKey('pkcs8-pem')).toThrow(KeyExportError);
    expect(() => rsa.convertToPublic().exportPublicKey('ppk')).toThrow(/unknown public key export format/);
  });

  it('DES and 3DES work on both paths (single DES is ours on node too: OpenSSL 3 keeps it in the legacy provider)', () => {
    const cases: [string, object][] = [
      ['pkcs1-pem', { cipherName: 'des3-cbc' }],
      ['pkcs1-pem', { cipherName: 'des-cbc' }],
      ['pkcs8-pem', { cipherName: 'des-cbc', hashName: 'sha1', pbeVersion: 1, iterations: 3 }],
      ['pkcs8-pem', { cipherName: 'des-cbc', iterations: 3 }],
      ['pkcs8-pem', { cipherName: 'des3-cbc', iterations: 3 }],
    ];
    for (const [f, options] of cases) {
      for (const [from, to] of [
        [node, portable],
        [portable, node],
      ] as const) {
        const key = from.importPrivateKey(rsa.exportPrivateKey('pkcs8-der'));
        const data = key.exportPrivateKey(f, P, options);
        expect(to.importPrivateKey(data, P).getFingerprint(), JSON.stringify(options)).toBe(
          rsa.getFingerprint(),
        );
        expect(() => to.importPrivateKey(data, 'nope')).toThrow(/passphrase|invalid|corrupt/i);
      }
    }
  });
});

describe('bad input gives typed errors with clear messages', () => {
  const key = KEYS[2];
  if (!key) throw new Error('no key');
  const text = (b: Uint8Array) => new TextDecoder().decode(b);
  it('truncated files in every format', () => {
    for (const f of ['pkcs8-pem', 'pkcs1-pem', 'ppk', 'pkcs8-der', 'pkcs1-der']) {
      const data = key.exportPrivateKey(f, undefined, FAST_PPK);
      for (const cut of [1, 7, Math.floor(data.length / 2), data.length - 20]) {
        expect(() => node.importPrivateKey(data.subarray(0, cut)), `${f} cut at ${cut}`).toThrow(
          KeyImportError,
        );
      }
    }
    for (const f of ['rfc4716', 'pkcs8-pem', 'pkcs8-der']) {
      const data = key.exportPublicKey(f);
      expect(() => node.importPublicKey(data.subarray(0, data.length - 30)), f).toThrow(KeyImportError);
    }
  });

  it('unknown algorithms, curves and key types', () => {
    const pem = text(key.exportPrivateKey('pkcs8-pem'));
    const der = key.exportPrivateKey('pkcs8-der');
    const oidAt = der.findIndex((_b, i) => der[i] === 0x06 && der[i + 1] === 0x07 && der[i + 2] === 0x2a);
    const bad = der.slice();
    bad[oidAt + 8] = (bad[oidAt + 8] as number) ^ 1;
    expect(() => node.importPrivateKey(bad)).toThrow(/unsupported private key algorithm/);
    expect(pem).toContain('PRIVATE KEY');
    const ppk = text(key.exportPrivateKey('ppk', undefined, FAST_PPK));
    expect(() => node.importPrivateKey(ppk.replace('Encryption: none', 'Encryption: aes128-ctr'))).toThrow(
      /unsupported PPK encryption/,
    );
    expect(() => node.importPrivateKey(ppk.replace('File-3', 'File-4'))).toThrow(
      /version 4 is not supported/,
    );
    expect(() =>
      node.importPrivateKey(
        ppk.replace(/Private-MAC: (.)/, (_m, c: string) => `Private-MAC: ${c === '0' ? '1' : '0'}`),
      ),
    ).toThrow(/MAC does not match/);
    const enc = text(key.exportPrivateKey('ppk', P, FAST_PPK));
    expect(() =>
      node.importPrivateKey(enc.replace('Argon2-Memory: 64', 'Argon2-Memory: 99999999'), P),
    ).toThrow(/out of range/);
    expect(() => node.importPrivateKey(enc, 'wrong')).toThrow(/MAC mismatch/);
    const legacy = text(key.exportPrivateKey('pkcs1-pem', P));
    expect(() => node.importPrivateKey(legacy.replace('AES-256-CBC', 'CAMELLIA-256-CBC'), P)).toThrow(
      /unsupported PEM encryption cipher/,
    );
    expect(() =>
      node.importPrivateKey('-----BEGIN FOO PRIVATE KEY-----\nAAAA\n-----END FOO PRIVATE KEY-----\n'),
    ).toThrow(/unrecognised private key format/);
    expect(() =>
      node.importPublicKey(
        '---- BEGIN SSH2 PUBLIC KEY ----\nAAAAB3Nzc2gtZm9vAAAAAA==\n---- END SSH2 PUBLIC KEY ----\n',
      ),
    ).toThrow(/unknown public key type/);
  });

  it('RFC 4716 headers: continuation lines, quoted comments, any-case names', () => {
    const body = text(key.exportPublicKey('rfc4716')).split('\n').slice(2, -2).join('\n');
    const block = [
      '---- BEGIN SSH2 PUBLIC KEY ----',
      'x-Note: a header that goes on \\',
      'and on',
      'COMMENT: "a comment with \\',
      'a continuation"',
      body,
      '---- END SSH2 PUBLIC KEY ----',
      '',
    ].join('\n');
    const back = node.importPublicKey(block);
    expect(back.getComment()).toBe('a comment with a continuation');
    expect(back.getFingerprint()).toBe(key.getFingerprint());
    const long = KEYS[6]?.convertToPublic();
    long?.setComment('c'.repeat(150));
    const wrapped = text(long?.exportPublicKey('rfc4716') ?? new Uint8Array());
    expect(wrapped.split('\n').every((l) => l.length <= 72)).toBe(true);
    expect(node.importPublicKey(wrapped).getComment()).toBe('c'.repeat(150));
  });
});
