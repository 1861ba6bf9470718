import { describe, expect, it } from 'vitest';
import { makeKeyApi } from './api.js';
import { portableBackend } from './backend.js';
import { nodeBackend } from './backend.node.js';

const nodeApi = makeKeyApi(nodeBackend);
const portableApi = makeKeyApi(portableBackend);
const msg = new TextEncoder().encode('generated');

describe('generatePrivateKey', () => {
  for (const [type, bits] of [
    ['ssh-ed25519', 256],
    ['ssh-ed448', 456],
    ['ecdsa-sha2-nistp256', 256],
    ['ecdsa-sha2-nistp384', 384],
    ['ecdsa-sha2-nistp521', 521],
    ['ecdsa-sha2-1.3.132.0.10', 256],
  ] as const) {
    it(`${type} on both backends`, () => {
      for (const api of [nodeApi, portableApi]) {
        const key = api.generatePrivateKey(type, { comment: 'gen' });
        expect(key.algorithm).toBe(type);
        expect(key.keySize).toBe(bits);
        expect(key.getComment()).toBe('gen');
        expect(key.isPrivate).toBe(true);
        const other = (api === nodeApi ? portableApi : nodeApi).decodeSSHPublicKey(key.publicData);
        expect(other.verify(msg, key.sign(msg))).toBe(true);
      }
    });
  }

  it('ssh-rsa with node:crypto: default 2048 bits, exponent 65537, every RSA signature algorithm', () => {
    const key = nodeApi.generatePrivateKey('ssh-rsa');
    expect(key.keySize).toBe(2048);
    expect(key.sigAlgorithms[0]).toBe('rsa-sha2-256');
    const pub = portableApi.decodeSSHPublicKey(key.publicData);
    for (const alg of key.sigAlgorithms) expect(pub.verify(msg, key.sign(msg, alg))).toBe(true);
  });

  it('ssh-rsa over bigint (1024 bits, Miller-Rabin primes) is a consistent key', () => {
    const key = portableApi.generatePrivateKey('ssh-rsa', { keySize: 1024, exponent: 3 });
    expect(key.keySize).toBe(1024);
    // Re-import checks n = pq, d·e ≡ 1 and the CRT coefficient.
    const again = nodeApi.importPrivateKey(key.exportPrivateKey());
    expect(again.verify(msg, key.sign(msg, 'rsa-sha2-512'))).toBe(true);
    expect(key.verify(msg, again.sign(msg))).toBe(true);
  });

  it('ssh-dss on both backends is 1024/160-bit DSA', () => {
    for (const api of [nodeApi, portableApi]) {
      const key = api.generatePrivateKey('ssh-dss');
      expect(key.keySize).toBe(1024);
      const again = (api === nodeApi ? portableApi : nodeApi).importPrivateKey(key.exportPrivateKey());
      expect(again.verify(msg, key.sign(msg))).toBe(true);
      expect(key.verify(msg, again.sign(msg))).toBe(true);
    }
  });

  it('accepts a signature algorithm name for the key type', () => {
    expect(nodeApi.generatePrivateKey('rsa-sha2-256', { keySize: 1024 }).algorithm).toBe('ssh-rsa');
  });
});
