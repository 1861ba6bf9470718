import { Buffer } from 'node:buffer';
import {
  createECDH,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  type KeyObject,
} from 'node:crypto';
import { isAllZero, kexFail } from './bytes.js';
import {
  ECDH_SIZES,
  type EcdhCurveName,
  type EcdhKeyPair,
  type EcdhPrimitive,
  type EcdhProvider,
} from './ecdh-primitive.js';

// SubjectPublicKeyInfo DER prefixes for raw X25519 / X448 keys (RFC 8410 §4).
const SPKI_PREFIX = {
  x25519: Uint8Array.from([0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x6e, 0x03, 0x21, 0x00]),
  x448: Uint8Array.from([0x30, 0x42, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x6f, 0x03, 0x39, 0x00]),
} as const;

// PKCS#8 DER prefixes for raw X25519 / X448 private keys (RFC 8410 §7).
const PKCS8_PREFIX = {
  x25519: Uint8Array.from([
    0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x6e, 0x04, 0x22, 0x04, 0x20,
  ]),
  x448: Uint8Array.from([
    0x30, 0x46, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x6f, 0x04, 0x3a, 0x04, 0x38,
  ]),
} as const;

function importPrivate(
  curve: 'x25519' | 'x448',
  secretKey: Uint8Array,
): { privateKey: KeyObject; publicKey: KeyObject } {
  const der = Buffer.concat([PKCS8_PREFIX[curve], secretKey]);
  const privateKey = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
  return { privateKey, publicKey: createPublicKey(privateKey) };
}

function view(b: Buffer): Uint8Array {
  return new Uint8Array(b.buffer, b.byteOffset, b.length);
}

function checkLength(curve: EcdhCurveName, peer: Uint8Array): void {
  const want = ECDH_SIZES[curve].publicKey;
  if (peer.length !== want) kexFail(curve, `peer public key has ${peer.length} bytes, expected ${want}`);
}

function montgomeryPrimitive(curve: 'x25519' | 'x448'): EcdhPrimitive {
  const sizes = ECDH_SIZES[curve];
  const prefix = SPKI_PREFIX[curve];
  return {
    curve,
    publicKeyLength: sizes.publicKey,
    secretLength: sizes.secret,
    generate(secretKey?: Uint8Array): EcdhKeyPair {
      const { privateKey, publicKey } = secretKey
        ? importPrivate(curve, secretKey)
        : curve === 'x25519'
          ? generateKeyPairSync('x25519')
          : generateKeyPairSync('x448');
      const der = publicKey.export({ format: 'der', type: 'spki' });
      return {
        publicKey: view(der).slice(prefix.length),
        agree(peer) {
          checkLength(curve, peer);
          const spki = new Uint8Array(prefix.length + peer.length);
          spki.set(prefix);
          spki.set(peer, prefix.length);
          let shared: Uint8Array;
          try {
            const peerKey: KeyObject = createPublicKey({
              key: Buffer.from(spki),
              format: 'der',
              type: 'spki',
            });
            shared = view(diffieHellman({ privateKey, publicKey: peerKey }));
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

const OPENSSL_CURVE = {
  p256: 'prime256v1',
  p384: 'secp384r1',
  p521: 'secp521r1',
  secp256k1: 'secp256k1',
} as const;

function weierstrassPrimitive(curve: 'p256' | 'p384' | 'p521' | 'secp256k1'): EcdhPrimitive {
  const sizes = ECDH_SIZES[curve];
  return {
    curve,
    publicKeyLength: sizes.publicKey,
    secretLength: sizes.secret,
    generate(secretKey?: Uint8Array): EcdhKeyPair {
      const ecdh = createECDH(OPENSSL_CURVE[curve]);
      if (secretKey) ecdh.setPrivateKey(secretKey);
      const pub = view(secretKey ? ecdh.getPublicKey() : ecdh.generateKeys());
      return {
        publicKey: pub,
        agree(peer) {
          checkLength(curve, peer);
          if (peer[0] !== 4) kexFail(curve, 'peer public key is not an uncompressed point');
          try {
            return view(ecdh.computeSecret(peer));
          } catch (cause) {
            kexFail(curve, `peer public key is not a point on the curve (${(cause as Error).message})`);
          }
        },
      };
    },
  };
}

/** The node:crypto (OpenSSL) ECDH primitives. */
export const nodeEcdh: EcdhProvider = {
  x25519: montgomeryPrimitive('x25519'),
  x448: montgomeryPrimitive('x448'),
  p256: weierstrassPrimitive('p256'),
  p384: weierstrassPrimitive('p384'),
  p521: weierstrassPrimitive('p521'),
  secp256k1: weierstrassPrimitive('secp256k1'),
};
