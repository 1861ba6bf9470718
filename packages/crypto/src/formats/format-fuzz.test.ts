import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CryptoError } from '../errors.js';
import { makeKeyApi } from '../keys/api.js';
import { portableBackend } from '../keys/backend.js';
import { nodeBackend } from '../keys/backend.node.js';

const DIR = join(__dirname, '../../test/vectors/formats');
const VECTORS = JSON.parse(readFileSync(join(DIR, 'vectors.json'), 'utf8')) as Record<
  string,
  { passphrase?: string; public?: boolean }
>;
const node = makeKeyApi(nodeBackend);
const ours = node.generatePrivateKey('ecdsa-sha2-nistp256', { comment: 'fuzz' });
const FAST_PPK = { argon2: { memory: 64, passes: 1 } };
/** Our own exports in every format, besides the vector files from other tools. */
const SEEDS: { name: string; data: Uint8Array; passphrase?: string; public?: boolean }[] = [
  ...Object.entries(VECTORS).map(([name, v]) => ({ name, data: readFileSync(join(DIR, name)), ...v })),
  ...['pkcs1-pem', 'pkcs1-der', 'pkcs8-der', 'ppk'].map((f) => ({
    name: f,
    data: ours.exportPrivateKey(f, undefined, FAST_PPK),
  })),
  { name: 'pkcs8 pbes2', data: ours.exportPrivateKey('pkcs8-der', 'p', { iterations: 2 }), passphrase: 'p' },
  { name: 'ppk v2 enc', data: ours.exportPrivateKey('ppk', 'p', { ppkVersion: 2 }), passphrase: 'p' },
  ...['rfc4716', 'pkcs8-pem', 'pkcs8-der'].map((f) => ({
    name: f,
    data: ours.exportPublicKey(f),
    public: true,
  })),
];

/** Run `fn`; it may succeed, but any error must be one of ours. */
function onlyTypedErrors(fn: () => unknown): void {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(CryptoError);
  }
}

/** Flip one byte of `base` and maybe cut it short. */
const mutate = (base: Uint8Array) =>
  fc
    .tuple(fc.nat(base.length - 1), fc.integer({ min: 1, max: 255 }), fc.nat(base.length))
    .map(([at, x, cut]) => {
      const b = base.slice(0, Math.max(cut, at + 1));
      b[at] = (b[at] as number) ^ x;
      return b;
    });

describe.each([
  ['node', node],
  ['portable', makeKeyApi(portableBackend)],
] as const)('every importer on the %s path gives only typed errors', (_name, api) => {
  it('random bytes, and random bytes behind each format marker', () => {
    const markers = [
      '',
      '-----BEGIN PRIVATE KEY-----\n',
      '-----BEGIN EC PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n',
      'PuTTY-User-Key-File-3: ssh-ed25519\n',
      '---- BEGIN SSH2 PUBLIC KEY ----\n',
      '0',
    ];
    fc.assert(
      fc.property(fc.constantFrom(...markers), fc.uint8Array({ maxLength: 300 }), (m, bytes) => {
        const data = new Uint8Array([...new TextEncoder().encode(m), ...bytes]);
        onlyTypedErrors(() => api.importPrivateKey(data, 'p'));
        onlyTypedErrors(() => api.importPublicKey(data));
        onlyTypedErrors(() => api.importPrivateKeyList(data));
        onlyTypedErrors(() => api.importPublicKeyList(data));
      }),
      { numRuns: 150 },
    );
  });

  for (const seed of SEEDS) {
    it(`mutations of ${seed.name}`, () => {
      fc.assert(
        fc.property(mutate(seed.data), (bytes) => {
          if (seed.public) onlyTypedErrors(() => api.importPublicKey(bytes));
          else onlyTypedErrors(() => api.importPrivateKey(bytes, seed.passphrase));
        }),
        { numRuns: seed.name.includes('v3-enc') ? 15 : 40 },
      );
    });
  }
});
