import { describe, expect, test } from 'vitest';
import { UnknownAlgorithmError } from '../errors.js';
import { MAC_DEFAULT_ALGORITHMS, MAC_SUPPORTED_ALGORITHMS, macRegistry as portable } from './index.js';
import { macRegistry as node } from './index.node.js';

describe.each([
  ['portable', portable],
  ['node', node],
])('%s MAC registry', (_path, registry) => {
  test('implements every MAC AsyncSSH 2.21 lists, in its order', () => {
    expect(registry.supported).toEqual(MAC_SUPPORTED_ALGORITHMS);
    expect(registry.defaults).toEqual(MAC_DEFAULT_ALGORITHMS);
    expect(registry.supported).toHaveLength(25);
    expect(registry.defaults[0]).toBe('umac-64-etm@openssh.com');
    for (const n of registry.insecure) expect(registry.supported).toContain(n);
    expect(registry.insecure).toContain('hmac-md5');
    expect(registry.defaults).not.toContain('hmac-md5');
  });

  test("'none' is registered but in no list; unknown names are typed errors", () => {
    expect(registry.get('none').tagLength).toBe(0);
    expect(registry.supported).not.toContain('none');
    expect(registry.has('hmac-ripemd160')).toBe(false);
    expect(() => registry.get('hmac-ripemd160')).toThrow(UnknownAlgorithmError);
    try {
      registry.get('hmac-ripemd160');
    } catch (e) {
      expect(e).toMatchObject({ kind: 'mac', algorithm: 'hmac-ripemd160' });
    }
  });

  test('etm flags follow the names', () => {
    for (const n of registry.supported) expect(registry.get(n).etm).toBe(n.includes('-etm@openssh.com'));
  });
});
