import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { nodeEcdh } from './ecdh.node.js';
import { nobleEcdh } from './ecdh-noble.js';
import type { EcdhCurveName } from './ecdh-primitive.js';

// A peer we did not write: Python's `cryptography` (OpenSSL bindings, Debian
// python3-cryptography) generates its own keys, takes our public keys and
// prints its public keys and the secrets it derives. One process for all curves.
const SCRIPT = `
import sys, json
from cryptography.hazmat.primitives.asymmetric import x25519, x448, ec
from cryptography.hazmat.primitives import serialization as s
req = json.loads(sys.stdin.read())
out = {}
for curve, peer in req.items():
    peer = bytes.fromhex(peer)
    if curve in ('x25519', 'x448'):
        mod = x25519 if curve == 'x25519' else x448
        cls = mod.X25519PrivateKey if curve == 'x25519' else mod.X448PrivateKey
        pub_cls = mod.X25519PublicKey if curve == 'x25519' else mod.X448PublicKey
        k = cls.generate()
        mine = k.public_key().public_bytes(s.Encoding.Raw, s.PublicFormat.Raw)
        shared = k.exchange(pub_cls.from_public_bytes(peer))
    else:
        c = {'p256': ec.SECP256R1(), 'p384': ec.SECP384R1(), 'p521': ec.SECP521R1(), 'secp256k1': ec.SECP256K1()}[curve]
        k = ec.generate_private_key(c)
        mine = k.public_key().public_bytes(s.Encoding.X962, s.PublicFormat.UncompressedPoint)
        shared = k.exchange(ec.ECDH(), ec.EllipticCurvePublicKey.from_encoded_point(c, peer))
    out[curve] = [mine.hex(), shared.hex()]
print(json.dumps(out))
`;

const CURVES: EcdhCurveName[] = ['x25519', 'x448', 'p256', 'p384', 'p521', 'secp256k1'];

describe('ECDH against Python cryptography', () => {
  for (const [path, provider] of [
    ['node', nodeEcdh],
    ['portable', nobleEcdh],
  ] as const) {
    it(`every curve agrees (${path})`, () => {
      const ours = Object.fromEntries(CURVES.map((c) => [c, provider[c].generate()]));
      const request = Object.fromEntries(
        CURVES.map((c) => [c, Buffer.from(ours[c]!.publicKey).toString('hex')]),
      );
      const reply = JSON.parse(
        execFileSync('/usr/bin/python3', ['-c', SCRIPT], {
          input: JSON.stringify(request),
          encoding: 'utf8',
        }),
      ) as Record<string, [string, string]>;
      for (const c of CURVES) {
        const [theirPublic, theirSecret] = reply[c]!;
        const mine = ours[c]!.agree(Uint8Array.from(Buffer.from(theirPublic, 'hex')));
        expect(Buffer.from(mine).toString('hex')).toBe(theirSecret);
      }
    });
  }
});
