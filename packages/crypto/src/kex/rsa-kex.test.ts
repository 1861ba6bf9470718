import { PacketReader } from '@ssh/wire';
import { describe, expect, it } from 'vitest';
import { kexRegistry as nodeRegistry } from './fast.node.js';
import { kexRegistry as portableRegistry } from './portable.js';
import { nodeRsa } from './rsa.node.js';
import { decodeRsaPublicKey } from './rsa-kex.js';
import { bigintRsa, oaepDecode, oaepEncode } from './rsa-oaep.js';
import type { RsaKexMethod } from './types.js';

function rsa(registry: typeof nodeRegistry, name: string): RsaKexMethod {
  const m = registry.get(name);
  if (m.family !== 'rsa') throw new Error('rsa expected');
  return m;
}

describe('RSA key transport (RFC 4432)', () => {
  it('portable 1024-bit key generation and OAEP-SHA1 interoperate with node', () => {
    const server = rsa(portableRegistry, 'rsa1024-sha1').createServerKey();
    const { n } = decodeRsaPublicKey('t', server.publicKey);
    expect(n.toString(2).length).toBe(1024);
    const client = rsa(nodeRegistry, 'rsa1024-sha1').encryptSecret(server.publicKey);
    expect(server.decryptSecret(client.encryptedSecret)).toEqual(client.sharedSecret);
  });

  it('secret size: K < 2^(KLEN - 2*HLEN - 49), sent as mpint(K)', () => {
    const server = rsa(nodeRegistry, 'rsa2048-sha256').createServerKey();
    for (let i = 0; i < 4; i++) {
      const c = rsa(portableRegistry, 'rsa2048-sha256').encryptSecret(server.publicKey);
      expect(c.sharedSecret.length).toBeLessThanOrEqual((2048 - 512 - 49 + 7) >> 3);
      expect(server.decryptSecret(c.encryptedSecret)).toEqual(c.sharedSecret);
    }
  });

  it('portable OAEP encoding decrypts with OpenSSL and the reverse (SHA-256)', () => {
    const key = nodeRsa.generate(2048);
    const msg = Uint8Array.of(0, 0, 0, 3, 1, 2, 3);
    const ct = bigintRsa.encrypt(key.n, key.e, msg, 'sha256');
    expect(key.decrypt(ct, 'sha256')).toEqual(msg);
    const ct2 = nodeRsa.encrypt(key.n, key.e, msg, 'sha256');
    expect(key.decrypt(ct2, 'sha256')).toEqual(msg);
    const em = oaepEncode('sha256', msg, 256);
    expect(oaepDecode('sha256', em)).toEqual(msg);
    const bad = new Uint8Array(em);
    bad[40] = (bad[40] as number) ^ 1;
    expect(() => oaepDecode('sha256', bad)).toThrow();
  });

  it('the transient key blob is ssh-rsa, e, n', () => {
    const server = rsa(nodeRegistry, 'rsa1024-sha1').createServerKey();
    const r = new PacketReader(server.publicKey);
    expect(r.readUtf8()).toBe('ssh-rsa');
    expect(r.readMpint()).toBe(65537n);
    expect(r.readMpint() > 0n).toBe(true);
  });
});
