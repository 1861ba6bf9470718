/**
 * sntrup761 parameters (NTRU Prime round 3, "Streamlined NTRU Prime"):
 * ring R = Z[x]/(x^p - x - 1), modulus q, weight w of short polynomials.
 */
export const P = 761;
/** The prime modulus q. */
export const Q = 4591;
/** (q - 1) / 2: coefficients mod q are kept in [-Q12, Q12]. */
export const Q12 = (Q - 1) / 2;
/** Number of nonzero coefficients of a short polynomial. */
export const W = 286;

/** Bytes of an encoded small polynomial: four coefficients per byte. */
export const SMALL_BYTES = (P + 3) >> 2;
/** Bytes of an encoded element of R/q (the public key). */
export const RQ_BYTES = 1158;
/** Bytes of an encoded rounded element of R/q. */
export const ROUNDED_BYTES = 1007;
/** Bytes of a hash output as used by the KEM (truncated SHA-512). */
export const HASH_BYTES = 32;

/** Public key length. */
export const PUBLIC_KEY_BYTES = RQ_BYTES;
/** Secret key length: f, 1/g, pk, rho and the hash of pk. */
export const SECRET_KEY_BYTES = 2 * SMALL_BYTES + PUBLIC_KEY_BYTES + SMALL_BYTES + HASH_BYTES;
/** Ciphertext length: rounded c and the confirmation hash. */
export const CIPHERTEXT_BYTES = ROUNDED_BYTES + HASH_BYTES;
/** Shared secret length. */
export const SHARED_SECRET_BYTES = HASH_BYTES;
