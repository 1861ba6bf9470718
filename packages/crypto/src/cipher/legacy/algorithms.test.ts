import { spawnSync } from 'node:child_process';
import { getCiphers } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { KeyLengthError } from '../../errors.js';
import { cipherRegistry as portable } from '../index.js';
import { cipherRegistry as node } from '../index.node.js';
import type { BlockCipherAlgorithm, CipherDirection } from '../types.js';
import { nodeHasLegacyCipher } from './algorithms.node.js';
import { LEGACY_CIPHER_SPECS } from './specs.js';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const from = (h: string) => Uint8Array.from(Buffer.from(h, 'hex'));
const counting = (n: number) => hex(Uint8Array.from({ length: n }, (_, i) => i + 1));
const zeros = (n: number) => '00'.repeat(n);

/**
 * Known answers, one per cipher, from the algorithms' own documents: with a
 * zero IV the first CBC block is the block cipher's vector; RC4 over zeros
 * is its keystream, which RFC 6229 lists at offset 0 (arcfour) and 1536
 * (arcfour128 and arcfour256, RFC 4345 §4).
 */
const VECTORS: readonly { name: string; key: string; iv: string; plain: string; cipher: string }[] = [
  // Eric Young's Blowfish set_key vector for a 16-byte key.
  {
    name: 'blowfish-cbc',
    key: 'f0e1d2c3b4a5968778695a4b3c2d1e0f',
    iv: zeros(8),
    plain: 'fedcba9876543210',
    cipher: '93142887ee3be15c',
  },
  // RFC 2144 B.1, 128-bit key.
  {
    name: 'cast128-cbc',
    key: '0123456712345678234567893456789a',
    iv: zeros(8),
    plain: '0123456789abcdef',
    cipher: '238b4fe5847e44b2',
  },
  // RFC 4269 B.3.
  {
    name: 'seed-cbc@ssh.com',
    key: '4706480851e61be85d74bfb3fd956185',
    iv: zeros(16),
    plain: '83a2f8a288641fb9a4e9a5cc2f131c7d',
    cipher: 'ee54d13ebcae706d226bc3142cd40d4a',
  },
  // RFC 6229, 256-bit key, offsets 1536 and 1552.
  {
    name: 'arcfour256',
    key: counting(32),
    iv: '',
    plain: zeros(32),
    cipher: '3e34135c79db010200767651cf2630735f81980cb7138e377c0bc405858042c3',
  },
  // RFC 6229, 128-bit key, offsets 1536 and 1552.
  {
    name: 'arcfour128',
    key: counting(16),
    iv: '',
    plain: zeros(32),
    cipher: 'ffa0b514647ec04f6306b892ae6611810ee284558a70e8fb861fd23f9ce01a66',
  },
  // RFC 6229, 128-bit key, offsets 0 and 16.
  {
    name: 'arcfour',
    key: counting(16),
    iv: '',
    plain: zeros(32),
    cipher: '9ac7cc9a609d1ef7b2932899cde41b975248c4959014126a6e8a84f11d1a9e1c',
  },
];

interface Job {
  name: string;
  key: string;
  iv: string;
  data: string;
  direction: CipherDirection;
}

/** The block cipher `name` of `registry` (every legacy cipher is one). */
function blockCipher(registry: typeof node, name: string): BlockCipherAlgorithm {
  const c = registry.get(name);
  if (c.kind !== 'block') throw new Error(`${name} is not a block cipher`);
  return c;
}

/** Run `jobs` through a registry's streams, each in pieces of 1, 3, 5, ... blocks to check the state carries over. */
function runJobs(registry: typeof node, jobs: readonly Job[]): string[] {
  return jobs.map((j) => {
    const c = blockCipher(registry, j.name);
    const s = c.createStream(from(j.key), from(j.iv), j.direction);
    const buf = from(j.data);
    const block = Math.max(8, c.blockSize);
    for (let at = 0, n = 1; at < buf.length; n += 2) {
      const end = Math.min(buf.length, at + n * block);
      s.process(buf, at, end);
      at = end;
    }
    return hex(buf);
  });
}

const kat = (direction: CipherDirection): Job[] =>
  VECTORS.map((v) => ({
    name: v.name,
    key: v.key,
    iv: v.iv,
    data: direction === 'encrypt' ? v.plain : v.cipher,
    direction,
  }));
const expected = (direction: CipherDirection) =>
  VECTORS.map((v) => (direction === 'encrypt' ? v.cipher : v.plain));

/** Random keys, IVs and 4 KiB of data per cipher, fixed for this run. */
const RANDOM: readonly Job[] = LEGACY_CIPHER_SPECS.map((s) => ({
  name: s.name,
  key: hex(crypto.getRandomValues(new Uint8Array(s.keyLength))),
  iv: hex(crypto.getRandomValues(new Uint8Array(s.ivLength))),
  data: hex(crypto.getRandomValues(new Uint8Array(4096))),
  direction: 'encrypt',
}));

/**
 * The node path in a process started with OpenSSL's legacy provider, where
 * these ciphers run in OpenSSL: it reports which it has and runs the jobs.
 */
function nodeWithLegacyProvider(jobs: readonly Job[]): { openssl: Record<string, boolean>; out: string[] } {
  const here = (f: string) => fileURLToPath(new URL(f, import.meta.url));
  const code = `
    const { NODE_LEGACY_CIPHERS, nodeHasLegacyCipher } = await import(${JSON.stringify(here('./algorithms.node.ts'))});
    const { LEGACY_CIPHER_SPECS } = await import(${JSON.stringify(here('./specs.ts'))});
    let input = '';
    for await (const chunk of process.stdin) input += chunk;
    const byName = new Map(NODE_LEGACY_CIPHERS.map((a) => [a.name, a]));
    const out = JSON.parse(input).map((j) => {
      const a = byName.get(j.name);
      const s = a.createStream(Buffer.from(j.key, 'hex'), Buffer.from(j.iv, 'hex'), j.direction);
      const buf = Buffer.from(j.data, 'hex');
      const block = Math.max(8, a.blockSize);
      for (let at = 0, n = 1; at < buf.length; n += 2) {
        const end = Math.min(buf.length, at + n * block);
        s.process(buf, at, end);
        at = end;
      }
      return buf.toString('hex');
    });
    const openssl = Object.fromEntries(LEGACY_CIPHER_SPECS.map((s) => [s.name, nodeHasLegacyCipher(s)]));
    process.stdout.write(JSON.stringify({ openssl, out }));
  `;
  const run = spawnSync(
    process.execPath,
    [
      '--openssl-legacy-provider',
      '--conditions=@ssh/source',
      '--import',
      'tsx',
      '--input-type=module',
      '-e',
      code,
    ],
    { input: JSON.stringify(jobs), encoding: 'utf8', cwd: here('../../../../..'), maxBuffer: 1 << 24 },
  );
  if (run.status !== 0) throw new Error(`node --openssl-legacy-provider failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as { openssl: Record<string, boolean>; out: string[] };
}

describe('legacy SSH ciphers', () => {
  it.each([
    ['portable', portable],
    ['node (OpenSSL if the legacy provider is loaded, else our own code)', node],
  ] as const)('%s path: the known answers, both ways, fed in pieces', (_path, registry) => {
    expect(runJobs(registry, kat('encrypt'))).toEqual(expected('encrypt'));
    expect(runJobs(registry, kat('decrypt'))).toEqual(expected('decrypt'));
  });

  it('in this process the node path uses OpenSSL exactly where node:crypto lists the cipher', () => {
    const listed = getCiphers();
    for (const s of LEGACY_CIPHER_SPECS)
      expect(nodeHasLegacyCipher(s), s.name).toBe(listed.includes(s.openssl));
  });

  it('node path with the legacy provider: OpenSSL gives the known answers and the same bytes as our code', () => {
    const child = nodeWithLegacyProvider([...kat('encrypt'), ...kat('decrypt'), ...RANDOM]);
    for (const s of LEGACY_CIPHER_SPECS) expect(child.openssl[s.name], s.name).toBe(true);
    const n = VECTORS.length;
    expect(child.out.slice(0, n)).toEqual(expected('encrypt'));
    expect(child.out.slice(n, 2 * n)).toEqual(expected('decrypt'));
    const ours = runJobs(portable, RANDOM);
    expect(child.out.slice(2 * n)).toEqual(ours);
    // And OpenSSL's ciphertext decrypts with our code.
    const back = runJobs(
      portable,
      RANDOM.map((j, i) => ({ ...j, data: ours[i] as string, direction: 'decrypt' as const })),
    );
    expect(back).toEqual(RANDOM.map((j) => j.data));
  });

  it('keys and IVs of the wrong length are refused with KeyLengthError', () => {
    for (const registry of [portable, node]) {
      for (const s of LEGACY_CIPHER_SPECS) {
        const c = blockCipher(registry, s.name);
        expect(() =>
          c.createStream(new Uint8Array(s.keyLength - 1), new Uint8Array(s.ivLength), 'encrypt'),
        ).toThrow(KeyLengthError);
        expect(() =>
          c.createStream(new Uint8Array(s.keyLength), new Uint8Array(s.ivLength + 1), 'decrypt'),
        ).toThrow(KeyLengthError);
      }
    }
  });

  it('CBC refuses a piece that is not whole blocks', () => {
    const c = blockCipher(portable, 'seed-cbc@ssh.com');
    const s = c.createStream(new Uint8Array(16), new Uint8Array(16), 'encrypt');
    expect(() => s.process(new Uint8Array(24), 0, 24)).toThrow(RangeError);
  });
});
