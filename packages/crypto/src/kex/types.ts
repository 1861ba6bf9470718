/** Hash functions a key exchange method can be built on. */
export type KexHashName = 'sha1' | 'sha224' | 'sha256' | 'sha384' | 'sha512';

/**
 * How a method exchanges keys:
 * - `ecdh`: one elliptic-curve Diffie-Hellman round (RFC 5656, RFC 8731);
 * - `dh`: one finite-field Diffie-Hellman round over a fixed group (RFC 4253 §8, RFC 8268);
 * - `dh-gex`: Diffie-Hellman over a group the server picks (RFC 4419);
 * - `rsa`: RSA key transport (RFC 4432);
 * - `kem-hybrid`: a post-quantum KEM combined with ECDH (sntrup761x25519, mlkem*).
 */
export type KexFamily = 'ecdh' | 'dh' | 'dh-gex' | 'rsa' | 'kem-hybrid';

/**
 * How the shared secret K is encoded wherever it is hashed (exchange hash and
 * key derivation): `mpint` for classic DH/ECDH/RSA, `string` for the PQ hybrids.
 */
export type SecretEncoding = 'mpint' | 'string';

/** What every key exchange method declares. */
export interface KexMethodInfo {
  /** The SSH name of the method, as in KEXINIT. */
  readonly name: string;
  /** The hash used for the exchange hash and key derivation. */
  readonly hash: KexHashName;
  /** The message flow the transport has to run. */
  readonly family: KexFamily;
  /** How K enters the exchange hash and key derivation. */
  readonly secretEncoding: SecretEncoding;
}

/**
 * The client's half of a one-round exchange, created by `start()`.
 * `publicValue` goes to the server (e, Q_C or C_PK); `finish` takes the
 * server's value (f, Q_S or S_CT) and returns K. For `mpint` methods K is the
 * unsigned big-endian magnitude without leading zeros; for `string` methods it
 * is the hash output used as is.
 */
export interface KexClientState {
  /** e (DH), Q_C (ECDH) or C_PK (hybrids); DH values are unsigned big-endian magnitudes. */
  readonly publicValue: Uint8Array;
  /** Validate the server's value and compute K; throws KeyExchangeFailed on a bad value. */
  finish(serverValue: Uint8Array): Uint8Array;
}

/** What the server computes from the client's value: its own value and K. */
export interface KexServerResult {
  /** f (DH), Q_S (ECDH) or S_CT (hybrids). */
  readonly publicValue: Uint8Array;
  /** The shared secret K (see KexClientState). */
  readonly sharedSecret: Uint8Array;
}

/** A method with one round and no parameters: ECDH, fixed-group DH, PQ hybrids. */
export interface SimpleKexMethod extends KexMethodInfo {
  readonly family: 'ecdh' | 'dh' | 'kem-hybrid';
  /** Client: create an ephemeral key and the value to send. */
  start(): KexClientState;
  /** Server: validate the client's value, answer it and compute K. */
  respond(clientValue: Uint8Array): KexServerResult;
}

/** A finite-field Diffie-Hellman group: prime p and generator g. */
export interface DHGroup {
  /** The safe prime. */
  readonly p: bigint;
  /** The generator. */
  readonly g: bigint;
}

/** Diffie-Hellman group exchange (RFC 4419): the group is an input to both sides. */
export interface GexKexMethod extends KexMethodInfo {
  readonly family: 'dh-gex';
  /** Client: given the group from SSH_MSG_KEX_DH_GEX_GROUP, create e. */
  start(group: DHGroup): KexClientState;
  /** Server: given e and the group it sent, create f and compute K. */
  respond(clientValue: Uint8Array, group: DHGroup): KexServerResult;
}

/** The server's transient RSA key for RFC 4432 key transport. */
export interface RsaKexServerKey {
  /** K_T: the transient public key as an `ssh-rsa` public key blob. */
  readonly publicKey: Uint8Array;
  /** Decrypt the client's encrypted secret and return K (mpint magnitude). */
  decryptSecret(encryptedSecret: Uint8Array): Uint8Array;
}

/** What the client produces in RSA key transport. */
export interface RsaKexClientResult {
  /** The OAEP-encrypted mpint(K) sent in SSH_MSG_KEXRSA_SECRET. */
  readonly encryptedSecret: Uint8Array;
  /** The shared secret K (mpint magnitude). */
  readonly sharedSecret: Uint8Array;
}

/** RSA key transport (RFC 4432). */
export interface RsaKexMethod extends KexMethodInfo {
  readonly family: 'rsa';
  /** Minimum modulus size of the transient key, in bits (1024 or 2048). */
  readonly modulusBits: number;
  /** Server: generate a transient key (it may be reused for several exchanges). */
  createServerKey(): RsaKexServerKey;
  /** Client: pick a random K and encrypt it to the server's K_T blob. */
  encryptSecret(transientKey: Uint8Array): RsaKexClientResult;
}

/** Any key exchange method; switch on `family`. */
export type KexMethod = SimpleKexMethod | GexKexMethod | RsaKexMethod;
