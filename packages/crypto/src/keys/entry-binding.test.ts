import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as neutral from '../index.js';
import * as node from '../index.node.js';

// ECDSA tells the backends apart: the portable path signs with RFC 6979
// deterministic nonces, OpenSSL with random ones.
const twoSignatures = (api: typeof neutral) => {
  const key = api.generatePrivateKey('ecdsa-sha2-nistp256');
  const msg = new Uint8Array([1, 2, 3]);
  return [key.sign(msg), key.sign(msg)] as const;
};

describe('entry points bind the key API to their backend', () => {
  it('the neutral entry is portable', () => {
    const [a, b] = twoSignatures(neutral);
    expect(a).toEqual(b);
  });

  it('the node entry re-binds every key function to node:crypto', () => {
    const [a, b] = twoSignatures(node);
    expect(a).not.toEqual(b);
    const pem = neutral.generatePrivateKey('ecdsa-sha2-nistp256').exportPrivateKey();
    const k = node.importPrivateKey(pem);
    expect(k.sign(new Uint8Array(1))).not.toEqual(k.sign(new Uint8Array(1)));
    const pub = node.importPublicKey(k.exportPublicKey());
    expect(node.decodeSSHPublicKey(pub.publicData).getFingerprint()).toBe(k.getFingerprint());
    expect(node.nodeBackend.name).toBe('node');
  });

  it('the key lists and loaders follow their entry; only the node entry reads files', async () => {
    const pem = neutral.generatePrivateKey('ecdsa-sha2-nistp256').exportPrivateKey('pkcs8-pem');
    const [k] = node.importPrivateKeyList(pem);
    expect(k?.sign(new Uint8Array(1))).not.toEqual(k?.sign(new Uint8Array(1)));
    const [p] = neutral.importPrivateKeyList(pem);
    expect(p?.sign(new Uint8Array(1))).toEqual(p?.sign(new Uint8Array(1)));
    await expect(neutral.loadPublicKeys('/nonexistent/key.pub')).rejects.toThrow(/node entry point/);
    await expect(node.loadPublicKeys('/nonexistent/key.pub')).rejects.toThrow(/does not exist/);
    expect(typeof node.readPrivateKey).toBe('function');
    expect('readPrivateKey' in neutral).toBe(false);
  });

  it('keys and certificates from the node entry write files; from the neutral entry they refuse', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'entry-binding-'));
    try {
      const k = node.generatePrivateKey('ssh-ed25519');
      await k.writePublicKey(join(dir, 'k.pub'));
      await node.generateUserCertificate(k, k, 'me').writeCertificate(join(dir, 'k-cert.pub'));
      expect((await node.loadCertificates(join(dir, 'k-cert.pub')))[0]?.key.getFingerprint()).toBe(
        k.getFingerprint(),
      );
      const p = neutral.generatePrivateKey('ssh-ed25519');
      await expect(p.writePublicKey(join(dir, 'p.pub'))).rejects.toThrow(/node entry point/);
      const c = neutral.generateUserCertificate(p, p, 'me');
      await expect(c.writeCertificate(join(dir, 'p-cert.pub'))).rejects.toThrow(/node entry point/);
      await expect(neutral.loadCertificates(join(dir, 'k-cert.pub'))).rejects.toThrow(/node entry point/);
      expect('writePrivateKey' in neutral).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
