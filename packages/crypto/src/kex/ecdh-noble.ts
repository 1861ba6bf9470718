import { x448 } from '@noble/curves/ed448.js';
import { x25519 } from '@noble/curves/ed25519.js';
import { p256, p384, p521 } from '@noble/curves/nist.js';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { isAllZero, kexFail } from './bytes.js';
import {
  ECDH_SIZES,
  type EcdhCurveName,
  type EcdhKeyPair,
  type EcdhPrimitive,
  type EcdhProvider,
} from './ecdh-primitive.js';

interface MontgomeryLike {
  utils: { randomSecretKey(): Uint8Array };
  getPublicKey(secretKey: Uint8Array): Uint8Array;
  scalarMult(scalar: Uint8Array, u: Uint8Array): Uint8Array;
}

interface WeierstrassLike {
  utils: { randomSecretKey(): Uint8Array };
  getPublicKey(secretKey: Uint8Array, isCompressed?: boolean): Uint8Array;
  getSharedSecret(secretKey: Uint8Array, publicKey: Uint8Array, isCompressed?: boolean): Uint8Array;
}

function checkLength(curve: EcdhCurveName, peer: Uint8Array): void {
  const want = ECDH_SIZES[curve].publicKey;
  if (peer.length !== want) kexFail(curve, `peer public key has ${peer.length} bytes, expected ${want}`);
}

function montgomeryPrimitive(curve: 'x25519' | 'x448', impl: MontgomeryLike): EcdhPrimitive {
  const sizes = ECDH_SIZES[curve];
  return {
    curve,
    publicKeyLength: sizes.publicKey,
    secretLength: sizes.secret,
    generate(secretKey?: Uint8Array): EcdhKeyPair {
      const sk = secretKey ?? impl.utils.randomSecretKey();
      return {
        publicKey: impl.getPublicKey(sk),
        agree(peer) {
          checkLength(curve, peer);
          let shared: Uint8Array;
          try {
            shared = impl.scalarMult(sk, peer);
          } catch (cause) {
            kexFail(curve, `invalid peer public key (${(cause as Error).message})`);
          }
          if (isAllZero(shared)) kexFail(curve, 'shared secret is all zero (low-order peer key)');
          return shared;
        },
      };
    },
  };
}

function weierstrassPrimitive(
  curve: 'p256' | 'p384' | 'p521' | 'secp256k1',
  impl: WeierstrassLike,
): EcdhPrimitive {
  const sizes = ECDH_SIZES[curve];
  return {
    curve,
    publicKeyLength: sizes.publicKey,
    secretLength: sizes.secret,
    generate(secretKey?: Uint8Array): EcdhKeyPair {
      const sk = secretKey ?? impl.utils.randomSecretKey();
      return {
        publicKey: impl.getPublicKey(sk, false),
        agree(peer) {
          checkLength(curve, peer);
          if (peer[0] !== 4) kexFail(curve, 'peer public key is not an uncompressed point');
          try {
            return impl.getSharedSecret(sk, peer, true).subarray(1);
          } catch (cause) {
            kexFail(curve, `peer public key is not a point on the curve (${(cause as Error).message})`);
          }
        },
      };
    },
  };
}

/** The portable ECDH primitives (@noble/curves). */
export const nobleEcdh: EcdhProvider = {
  x25519: montgomeryPrimitive('x25519', x25519),
  x448: montgomeryPrimitive('x448', x448),
  p256: weierstrassPrimitive('p256', p256),
  p384: weierstrassPrimitive('p384', p384),
  p521: weierstrassPrimitive('p521', p521),
  secp256k1: weierstrassPrimitive('secp256k1', secp256k1),
};
