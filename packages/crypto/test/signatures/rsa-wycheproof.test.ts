import { PacketWriter } from '@ssh/wire';
import { describe, expect, it } from 'vitest';
import { BACKENDS, big, hex, publicKeyFromFields } from '../vectors/keys/helpers.js';
import vectors from '../vectors/signatures/rsa-wycheproof.json' with { type: 'json' };

/** An SSH signature blob: string algorithm, string signature. */
const sigBlob = (alg: string, raw: Uint8Array) =>
  new PacketWriter().writeString(alg).writeString(raw).toBytes();

describe.each(BACKENDS)('$name backend: rsa-sha2-256 on Wycheproof PKCS#1 v1.5 vectors', (backend) => {
  const key = publicKeyFromFields(backend, 'ssh-rsa', (w) =>
    w.writeMpint(big(vectors.e)).writeMpint(big(vectors.n)),
  );
  for (const t of vectors.tests) {
    it(`tcId ${t.tcId} → ${t.result}`, () => {
      const blob = sigBlob('rsa-sha2-256', hex(t.sig));
      expect(key.verify(hex(t.msg), blob)).toBe(t.result === 'valid');
      // The same bytes are no rsa-sha2-512 or ssh-rsa (SHA-1) signature.
      expect(key.verify(hex(t.msg), sigBlob('rsa-sha2-512', hex(t.sig)))).toBe(false);
      expect(key.verify(hex(t.msg), sigBlob('ssh-rsa', hex(t.sig)))).toBe(false);
    });
  }
});
