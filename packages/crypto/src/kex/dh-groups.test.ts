import { checkPrimeSync, getDiffieHellman } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { bigIntToBytes } from './bytes.js';
import { bigintDH } from './dh-engine.js';
import { nodeDH } from './dh-engine.node.js';
import { DH_GROUP1, DH_GROUP14, DH_GROUP15, DH_GROUP16, DH_GROUP17, DH_GROUP18 } from './dh-groups.js';
import { isProbablePrime } from './rsa-prime.js';

const GROUPS = [
  ['group 1 (Oakley 2)', DH_GROUP1, 'modp2', 1024],
  ['group 14', DH_GROUP14, 'modp14', 2048],
  ['group 15', DH_GROUP15, 'modp15', 3072],
  ['group 16', DH_GROUP16, 'modp16', 4096],
  ['group 17', DH_GROUP17, 'modp17', 6144],
  ['group 18', DH_GROUP18, 'modp18', 8192],
] as const;

describe('MODP group constants', () => {
  for (const [label, group, modp, bits] of GROUPS) {
    it(`${label}: ${bits} bits, the RFC's structure, and OpenSSL's copy of the prime`, () => {
      expect(group.g).toBe(2n);
      expect(group.p.toString(2).length).toBe(bits);
      const ones64 = (1n << 64n) - 1n;
      expect(group.p >> BigInt(bits - 64)).toBe(ones64);
      expect(group.p & ones64).toBe(ones64);
      expect(Buffer.from(bigIntToBytes(group.p)).equals(getDiffieHellman(modp).getPrime())).toBe(true);
    });
  }

  it('groups 1 and 14 are safe primes (Miller-Rabin on p and (p-1)/2, ours and OpenSSL)', () => {
    for (const group of [DH_GROUP1, DH_GROUP14]) {
      expect(isProbablePrime(group.p, 4)).toBe(true);
      expect(isProbablePrime((group.p - 1n) / 2n, 4)).toBe(true);
      expect(checkPrimeSync(bigIntToBytes(group.p), { checks: 4 })).toBe(true);
      expect(isProbablePrime(group.p + 2n, 4)).toBe(false);
    }
  });
});

describe('node and portable DH engines agree', () => {
  for (const group of [DH_GROUP1, DH_GROUP14, DH_GROUP16]) {
    it(`${group.p.toString(2).length}-bit group`, () => {
      const a = nodeDH.generate(group);
      const b = bigintDH.generate(group);
      expect(a.agree(b.publicValue)).toEqual(b.agree(a.publicValue));
    });
  }
});
