import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import dsaVectors from '../../test/vectors/keys/dsa-rfc6979.json' with { type: 'json' };
import { big, privateKeyFromFields } from '../../test/vectors/keys/helpers.js';
import rsaVectors from '../../test/vectors/keys/rsa-pkcs1v15-openssl.json' with { type: 'json' };
import { makeKeyApi } from './api.js';
import { portableBackend } from './backend.js';
import { nodeBackend } from './backend.node.js';
import type { SSHKey } from './ssh-key.js';

const nodeApi = makeKeyApi(nodeBackend);
const portableApi = makeKeyApi(portableBackend);

/** The same private key bound to both backends (through an OpenSSH export / import). */
function pair(key: SSHKey): [SSHKey, SSHKey] {
  const data = key.exportPrivateKey();
  return [nodeApi.importPrivateKey(data), portableApi.importPrivateKey(data)];
}

const rsa = rsaVectors.key;
const dsa = dsaVectors.key;
const keys: Record<string, () => SSHKey> = {
  'ssh-ed25519': () => nodeApi.generatePrivateKey('ssh-ed25519'),
  'ssh-ed448': () => portableApi.generatePrivateKey('ssh-ed448'),
  'ecdsa-sha2-nistp256': () => nodeApi.generatePrivateKey('ecdsa-sha2-nistp256'),
  'ecdsa-sha2-nistp384': () => portableApi.generatePrivateKey('ecdsa-sha2-nistp384'),
  'ecdsa-sha2-nistp521': () => nodeApi.generatePrivateKey('ecdsa-sha2-nistp521'),
  'ecdsa-sha2-1.3.132.0.10': () => portableApi.generatePrivateKey('ecdsa-sha2-1.3.132.0.10'),
  'ssh-rsa': () =>
    privateKeyFromFields(portableBackend, 'ssh-rsa', (w) =>
      w
        .writeMpint(big(rsa.n))
        .writeMpint(big(rsa.e))
        .writeMpint(big(rsa.d))
        .writeMpint(big(rsa.iqmp))
        .writeMpint(big(rsa.p))
        .writeMpint(big(rsa.q)),
    ),
  'ssh-dss': () =>
    privateKeyFromFields(portableBackend, 'ssh-dss', (w) =>
      w
        .writeMpint(big(dsa.p))
        .writeMpint(big(dsa.q))
        .writeMpint(big(dsa.g))
        .writeMpint(big(dsa.y))
        .writeMpint(big(dsa.x)),
    ),
};

describe('node:crypto and portable paths accept each other’s signatures', () => {
  for (const [name, make] of Object.entries(keys)) {
    it(name, () => {
      const [n, p] = pair(make());
      expect(n.getFingerprint()).toBe(p.getFingerprint());
      for (const alg of n.sigAlgorithms) {
        fc.assert(
          fc.property(fc.uint8Array({ maxLength: 300 }), (msg) => {
            const a = n.sign(msg, alg);
            const b = p.sign(msg, alg);
            expect(p.verify(msg, a)).toBe(true);
            expect(n.verify(msg, b)).toBe(true);
            const flipped = msg.length > 0 ? msg.map((x, i) => (i === 0 ? x ^ 1 : x)) : Uint8Array.of(0);
            expect(n.verify(flipped, b)).toBe(false);
            expect(p.verify(flipped, a)).toBe(false);
          }),
          { numRuns: name === 'ssh-rsa' || name === 'ssh-dss' ? 3 : 8 },
        );
      }
    });
  }
});
