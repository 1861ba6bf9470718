/**
 * Raw key material and the primitive operations each backend (node:crypto or
 * the portable @noble/bigint path) provides over it. Material is plain data:
 * the same objects work with either backend.
 */

/** The hashes signature algorithms use. */
export type SigHashName = 'sha1' | 'sha224' | 'sha256' | 'sha384' | 'sha512';

/** EdDSA curves. */
export type EdCurve = 'ed25519' | 'ed448';

/** ECDSA curves, by their SSH curve identifier (RFC 5656 §6.1; secp256k1 by OID). */
export type EcCurve = 'nistp256' | 'nistp384' | 'nistp521' | '1.3.132.0.10';

/** An Ed25519 / Ed448 key: the public key, and the private seed when private. */
export interface EdMaterial {
  readonly curve: EdCurve;
  readonly publicKey: Uint8Array;
  readonly seed?: Uint8Array;
}

/** An ECDSA key: the uncompressed public point, and the private scalar when private. */
export interface EcMaterial {
  readonly curve: EcCurve;
  readonly point: Uint8Array;
  readonly d?: bigint;
}

/** An RSA public key. */
export interface RsaPublicMaterial {
  readonly n: bigint;
  readonly e: bigint;
}

/** An RSA private key with its CRT values. */
export interface RsaPrivateMaterial extends RsaPublicMaterial {
  readonly d: bigint;
  readonly p: bigint;
  readonly q: bigint;
  /** q^-1 mod p. */
  readonly iqmp: bigint;
}

/** A DSA key: domain parameters, public value, and the private value when private. */
export interface DsaMaterial {
  readonly p: bigint;
  readonly q: bigint;
  readonly g: bigint;
  readonly y: bigint;
  readonly x?: bigint;
}

/** Ed25519 / Ed448 primitives. */
export interface EdDSAOps {
  /** Sign `data` (pure EdDSA) with the key's seed. */
  sign(key: EdMaterial, data: Uint8Array): Uint8Array;
  /** Verify a raw signature; never throws on bad input. */
  verify(key: EdMaterial, data: Uint8Array, sig: Uint8Array): boolean;
  /** The public key of a seed. */
  publicKey(curve: EdCurve, seed: Uint8Array): Uint8Array;
  /** A new random key pair. */
  generate(curve: EdCurve): EdMaterial;
}

/**
 * ECDSA primitives (the hash is the curve's, RFC 5656 §6.2.1). Signatures are
 * r || s, each left-padded to the field size (IEEE P1363).
 */
export interface ECDSAOps {
  /** Sign `data`; returns r || s. */
  sign(key: EcMaterial, data: Uint8Array): Uint8Array;
  /** Verify r || s over `data`; never throws on bad input. */
  verify(key: EcMaterial, data: Uint8Array, rs: Uint8Array): boolean;
  /** A new random key pair. */
  generate(curve: EcCurve): EcMaterial;
}

/** RSA PKCS#1 v1.5 primitives. */
export interface RSAOps {
  /** Sign `data` hashed with `hash`; the result is as long as the modulus. */
  sign(key: RsaPrivateMaterial, hash: SigHashName, data: Uint8Array): Uint8Array;
  /** Verify; `sig` may be shorter than the modulus (it is left-padded). Never throws on bad input. */
  verify(key: RsaPublicMaterial, hash: SigHashName, data: Uint8Array, sig: Uint8Array): boolean;
  /** A new key of `bits` bits with public exponent `e`. */
  generate(bits: number, e: bigint): RsaPrivateMaterial;
}

/** DSA primitives with SHA-1 (ssh-dss, FIPS 186-2 sizes L=1024, N=160). */
export interface DSAOps {
  /** Sign `data`; returns r and s. */
  sign(key: DsaMaterial, data: Uint8Array): { r: bigint; s: bigint };
  /** Verify (r, s); never throws on bad input. */
  verify(key: DsaMaterial, data: Uint8Array, r: bigint, s: bigint): boolean;
  /** A new 1024-bit key with fresh domain parameters. */
  generate(): DsaMaterial;
}

/** A block or stream cipher for private key files, applied to whole blocks. */
export type KeyFileCipherFn = (
  name: string,
  key: Uint8Array,
  iv: Uint8Array,
  data: Uint8Array,
  decrypt: boolean,
) => Uint8Array;

/** How a new key or certificate file is written: replaced, or appended to. */
export interface KeyFileWriteOptions {
  /** Append to the file instead of replacing it. */
  readonly append: boolean;
  /** Permission bits of a file this creates (0o600 for private keys). */
  readonly mode?: number;
}

/**
 * File access for the write / append methods of SSHKey and SSHCertificate.
 * The node entry binds one to the file system; a backend without it refuses
 * file names with a KeyExportError.
 */
export interface KeyFileIO {
  /** Write `data` to the file `path`, replacing or appending to it. */
  writeFile(path: string, data: Uint8Array, options: KeyFileWriteOptions): Promise<void>;
}

/** One implementation of every key primitive: node:crypto or portable. */
export interface KeyBackend {
  /** 'node' or 'portable'. */
  readonly name: string;
  readonly eddsa: EdDSAOps;
  readonly ecdsa: ECDSAOps;
  readonly rsa: RSAOps;
  readonly dsa: DSAOps;
  /** Encrypt or decrypt private key file data (aes*-ctr, aes*-cbc). */
  readonly keyFileCipher: KeyFileCipherFn;
  /** File access for SSHKey / SSHCertificate write and append methods; absent in the neutral entry. */
  readonly files?: KeyFileIO;
}
