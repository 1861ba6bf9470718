import { createDiffieHellman, getDiffieHellman } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bigIntToBytes, stripLeadingZeros } from './bytes.js';
import { bigintDH, modPow } from './dh-engine.js';
import { nodeDH } from './dh-engine.node.js';
import { DH_GROUP1, DH_GROUP14 } from './dh-groups.js';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

/**
 * The portable modPow against OpenSSL's DH on exponents fast-check picks
 * (RFC 2409 / RFC 3526 groups 1 and 14 as OpenSSL names them), and the two
 * engines agreeing with each other on K.
 */
describe.each([
  ['group 1', DH_GROUP1, 'modp2'],
  ['group 14', DH_GROUP14, 'modp14'],
] as const)('finite-field DH across paths, %s', (_name, group, openssl) => {
  it('g^x and y^x equal OpenSSL for the same x (fast-check)', () => {
    const x = fc.bigInt({ min: 2n, max: (1n << 512n) - 1n });
    const named = getDiffieHellman(openssl);
    const alice = createDiffieHellman(named.getPrime(), named.getGenerator());
    fc.assert(
      fc.property(x, x, (a, b) => {
        alice.setPrivateKey(Buffer.from(bigIntToBytes(a)));
        alice.generateKeys();
        const ours = stripLeadingZeros(bigIntToBytes(modPow(group.g, a, group.p)));
        expect(hex(ours)).toBe(alice.getPublicKey('hex').replace(/^(00)+/, ''));
        const bob = modPow(group.g, b, group.p);
        const k = stripLeadingZeros(bigIntToBytes(modPow(bob, a, group.p)));
        expect(hex(k)).toBe(hex(stripLeadingZeros(alice.computeSecret(Buffer.from(bigIntToBytes(bob))))));
      }),
      { numRuns: 8 },
    );
  });

  it('node and portable engines agree on K with each other', () => {
    for (let i = 0; i < 4; i++) {
      const a = nodeDH.generate(group);
      const b = bigintDH.generate(group);
      expect(hex(a.agree(b.publicValue))).toBe(hex(b.agree(a.publicValue)));
    }
  });
});
