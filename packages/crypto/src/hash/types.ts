/** Names of the hashes in the registry. */
export type HashName = 'md5' | 'sha1' | 'sha224' | 'sha256' | 'sha384' | 'sha512';

/** An incremental hash computation. */
export interface HashContext {
  /** Feed more bytes. */
  update(data: Uint8Array): HashContext;
  /** Finish and return the digest; the context cannot be used afterwards. */
  digest(): Uint8Array;
}

/** One hash function as the rest of the library uses it (kex, signatures, fingerprints, HMAC). */
export interface HashAlgorithm {
  /** Registry name: 'sha256', 'md5', ... */
  readonly name: HashName;
  /** Digest length in bytes. */
  readonly digestLength: number;
  /** Internal block length in bytes (HMAC's B). */
  readonly blockLength: number;
  /** Hash the concatenation of `chunks` in one call. */
  digest(...chunks: Uint8Array[]): Uint8Array;
  /** Start an incremental computation. */
  create(): HashContext;
}

/** Digest and block lengths of each hash (FIPS 180-4 §1, RFC 1321). */
export const HASH_SIZES: Readonly<Record<HashName, { digestLength: number; blockLength: number }>> = {
  md5: { digestLength: 16, blockLength: 64 },
  sha1: { digestLength: 20, blockLength: 64 },
  sha224: { digestLength: 28, blockLength: 64 },
  sha256: { digestLength: 32, blockLength: 64 },
  sha384: { digestLength: 48, blockLength: 128 },
  sha512: { digestLength: 64, blockLength: 128 },
};
