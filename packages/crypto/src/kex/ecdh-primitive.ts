/** The name of each elliptic curve used for key agreement. */
export type EcdhCurveName = 'x25519' | 'x448' | 'p256' | 'p384' | 'p521' | 'secp256k1';

/** One ephemeral key pair of an ECDH primitive. */
export interface EcdhKeyPair {
  /** The public key as sent on the wire: the u coordinate (X25519/X448) or an uncompressed SEC1 point. */
  readonly publicKey: Uint8Array;
  /**
   * Agree with the peer's public key: the raw shared secret (the u or x
   * coordinate, fixed length). Throws KeyExchangeFailed on a bad peer value.
   */
  agree(peerPublicKey: Uint8Array): Uint8Array;
}

/** An ECDH primitive over one curve. */
export interface EcdhPrimitive {
  /** Which curve. */
  readonly curve: EcdhCurveName;
  /** Length of a public key on the wire. */
  readonly publicKeyLength: number;
  /** Length of the raw shared secret. */
  readonly secretLength: number;
  /** Create an ephemeral key pair; `secretKey` (raw scalar) is for known-answer tests only. */
  generate(secretKey?: Uint8Array): EcdhKeyPair;
}

/** The ECDH primitives of one implementation path. */
export type EcdhProvider = Readonly<Record<EcdhCurveName, EcdhPrimitive>>;

/** Public key and shared secret lengths per curve. */
export const ECDH_SIZES: Readonly<Record<EcdhCurveName, { publicKey: number; secret: number }>> = {
  x25519: { publicKey: 32, secret: 32 },
  x448: { publicKey: 56, secret: 56 },
  p256: { publicKey: 65, secret: 32 },
  p384: { publicKey: 97, secret: 48 },
  p521: { publicKey: 133, secret: 66 },
  secp256k1: { publicKey: 65, secret: 32 },
};
