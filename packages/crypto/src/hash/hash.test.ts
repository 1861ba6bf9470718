import { describe, expect, test } from 'vitest';
import { UnknownAlgorithmError } from '../errors.js';
import { hashRegistry as portable } from './index.js';
import { hashRegistry as node } from './index.node.js';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const abc = new TextEncoder().encode('abc');

// Digests of "abc": RFC 1321 §A.5 (MD5), FIPS 180-4 examples (SHA-1, SHA-2).
const ABC: Record<string, string> = {
  md5: '900150983cd24fb0d6963f7d28e17f72',
  sha1: 'a9993e364706816aba3e25717850c26c9cd0d89d',
  sha224: '23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7',
  sha256: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
  sha384: 'cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7',
  sha512:
    'ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f',
};

describe.each([
  ['portable', portable],
  ['node', node],
])('%s hash registry', (_path, registry) => {
  test.each(Object.keys(ABC))('%s of "abc" matches the published digest', (name) => {
    const h = registry.get(name);
    expect(hex(h.digest(abc))).toBe(ABC[name]);
    expect(h.digestLength).toBe((ABC[name] as string).length / 2);
    expect(hex(h.digest(abc.subarray(0, 1), abc.subarray(1)))).toBe(ABC[name]);
    expect(hex(h.create().update(abc.subarray(0, 2)).update(abc.subarray(2)).digest())).toBe(ABC[name]);
  });

  test('lists and unknown names', () => {
    expect(registry.supported).toEqual(['sha256', 'sha384', 'sha512', 'sha224', 'sha1', 'md5']);
    expect(registry.defaults[0]).toBe('sha256');
    expect(registry.insecure).toEqual(['sha1', 'md5']);
    expect(registry.has('sha3-256')).toBe(false);
    expect(() => registry.get('sha3-256')).toThrow(UnknownAlgorithmError);
  });
});

test('the two paths agree on a long input', () => {
  const data = new Uint8Array(100_003).map((_, i) => (i * 31) & 0xff);
  for (const name of portable.supported)
    expect(hex(node.get(name).digest(data))).toBe(hex(portable.get(name).digest(data)));
});
