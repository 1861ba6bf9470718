import { describe, expect, test } from 'vitest';
import { UnknownAlgorithmError } from '../errors.js';
import { CIPHER_DEFAULT_ALGORITHMS, cipherRegistry as portable } from './index.js';
import { cipherRegistry as node } from './index.node.js';

/** In AsyncSSH 2.21's list but in neither OpenSSL 3.0's default provider nor @noble/ciphers. */
const ABSENT = ['blowfish-cbc', 'cast128-cbc', 'seed-cbc@ssh.com', 'arcfour256', 'arcfour128', 'arcfour'];

describe.each([
  ['portable', portable, ['aes256-cbc', 'aes192-cbc', 'aes128-cbc']],
  ['node', node, ['aes256-cbc', 'aes192-cbc', 'aes128-cbc', '3des-cbc']],
] as const)('%s cipher registry', (_path, registry, offByDefault) => {
  test('defaults are AsyncSSH 2.21 / OpenSSH 10 defaults; CBC is supported, insecure, off by default', () => {
    expect(registry.defaults).toEqual(CIPHER_DEFAULT_ALGORITHMS);
    expect(registry.supported).toEqual([...CIPHER_DEFAULT_ALGORITHMS, ...offByDefault]);
    expect(registry.insecure).toEqual(offByDefault);
  });

  test("the legacy ciphers OpenSSL 3.0 and noble lack are absent; 'none' is registered but listed nowhere", () => {
    for (const name of ABSENT) {
      expect(registry.has(name)).toBe(false);
      expect(() => registry.get(name)).toThrow(UnknownAlgorithmError);
    }
    expect(registry.get('none').kind).toBe('block');
    expect(registry.supported).not.toContain('none');
  });
});
