import { describe, expect, test } from 'vitest';
import { UnknownAlgorithmError } from '../errors.js';
import { CIPHER_DEFAULT_ALGORITHMS, cipherRegistry as portable } from './index.js';
import { cipherRegistry as node } from './index.node.js';

/** In AsyncSSH 2.21's list, in neither OpenSSL 3.0's default provider nor @noble/ciphers: our own code on both paths. */
const LEGACY = ['blowfish-cbc', 'cast128-cbc', 'seed-cbc@ssh.com', 'arcfour256', 'arcfour128', 'arcfour'];

/** Every cipher AsyncSSH 2.21 supports but does not offer, on both paths. */
const OFF_BY_DEFAULT = ['aes256-cbc', 'aes192-cbc', 'aes128-cbc', '3des-cbc', ...LEGACY];

describe.each([
  ['portable', portable],
  ['node', node],
] as const)('%s cipher registry', (_path, registry) => {
  const offByDefault = OFF_BY_DEFAULT;
  test('defaults are AsyncSSH 2.21 / OpenSSH 10 defaults; CBC is supported, insecure, off by default', () => {
    expect(registry.defaults).toEqual(CIPHER_DEFAULT_ALGORITHMS);
    expect(registry.supported).toEqual([...CIPHER_DEFAULT_ALGORITHMS, ...offByDefault]);
    expect(registry.insecure).toEqual(offByDefault);
  });

  test("legacy ciphers are supported but not offered by default; 'none' is registered but listed nowhere", () => {
    for (const name of LEGACY) {
      expect(registry.has(name)).toBe(true);
      expect(registry.defaults).not.toContain(name);
    }
    expect(() => registry.get('arcfour512')).toThrow(UnknownAlgorithmError);
    expect(registry.get('none').kind).toBe('block');
    expect(registry.supported).not.toContain('none');
  });
});
