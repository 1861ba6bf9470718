import { describe, expect, it } from 'vitest';
import { DH_GROUP14 } from './dh-groups.js';
import { kexRegistry as nodeRegistry } from './fast.node.js';
import { kexRegistry as portableRegistry } from './portable.js';
import type { KexMethod } from './types.js';

const paths = { node: nodeRegistry, portable: portableRegistry } as const;
type PathName = keyof typeof paths;

/** Run one exchange with the client on one path and the server on another; return both K. */
function exchange(client: KexMethod, server: KexMethod): [Uint8Array, Uint8Array] {
  switch (client.family) {
    case 'ecdh':
    case 'dh':
    case 'kem-hybrid': {
      if (server.family !== client.family) throw new Error('family mismatch');
      const c = client.start();
      const s = server.respond(c.publicValue);
      return [c.finish(s.publicValue), s.sharedSecret];
    }
    case 'dh-gex': {
      if (server.family !== 'dh-gex') throw new Error('family mismatch');
      const c = client.start(DH_GROUP14);
      const s = server.respond(c.publicValue, DH_GROUP14);
      return [c.finish(s.publicValue), s.sharedSecret];
    }
    case 'rsa': {
      if (server.family !== 'rsa') throw new Error('family mismatch');
      const key = server.createServerKey();
      const { encryptedSecret, sharedSecret } = client.encryptSecret(key.publicKey);
      return [sharedSecret, key.decryptSecret(encryptedSecret)];
    }
  }
}

// RSA keys and the big DH groups are slow in pure JS: the portable side runs
// them in the cross-path pairs only (and RSA key generation once per size, in rsa-kex.test.ts).
const SLOW_PORTABLE = /group1[5-8]|rsa/;

describe('every registered method agrees on K between client and server', () => {
  const pairs: [PathName, PathName][] = [
    ['node', 'node'],
    ['portable', 'portable'],
    ['node', 'portable'],
    ['portable', 'node'],
  ];
  for (const name of nodeRegistry.supported) {
    for (const [cp, sp] of pairs) {
      const slow = SLOW_PORTABLE.test(name);
      if (slow && cp === 'portable' && sp === 'portable') continue;
      if (/rsa/.test(name) && sp === 'portable') continue;
      it(`${name}: client ${cp}, server ${sp}`, () => {
        const [kc, ks] = exchange(paths[cp].get(name), paths[sp].get(name));
        expect(kc).toEqual(ks);
        expect(kc.length).toBeGreaterThan(0);
      });
    }
  }
});

describe('registry lists', () => {
  it('node and portable paths register the same methods', () => {
    expect(portableRegistry.supported).toEqual(nodeRegistry.supported);
  });
  it('defaults and insecure are subsets of supported; no SHA-1 method is on by default', () => {
    for (const n of nodeRegistry.defaults) expect(nodeRegistry.supported).toContain(n);
    for (const n of nodeRegistry.insecure) expect(nodeRegistry.supported).toContain(n);
    for (const n of nodeRegistry.defaults) expect(n).not.toMatch(/sha1$/);
  });
  it('each method declares how K is encoded', () => {
    for (const n of nodeRegistry.supported) {
      const m = nodeRegistry.get(n);
      expect(m.secretEncoding).toBe(m.family === 'kem-hybrid' ? 'string' : 'mpint');
    }
  });
});
