/** Base class of every error raised by @ssh/crypto. */
export class CryptoError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** An algorithm name was looked up in a registry that does not know it. */
export class UnknownAlgorithmError extends CryptoError {
  /** The kind of algorithm looked up ('kex', 'cipher', 'mac', ...). */
  readonly kind: string;
  /** The name that was not found. */
  readonly algorithm: string;

  constructor(kind: string, algorithm: string) {
    super(`unknown ${kind} algorithm: ${algorithm}`);
    this.kind = kind;
    this.algorithm = algorithm;
  }
}

/** Data could not be parsed as a key (truncated, corrupted, unsupported, or an invalid key). */
export class KeyImportError extends CryptoError {}

/** A key could not be exported: unknown format or encryption not possible in that format. */
export class KeyExportError extends CryptoError {}

/** Encrypted private key data is invalid or could not be decrypted (most often: a wrong passphrase). */
export class KeyEncryptionError extends CryptoError {}

/** An encrypted private key was imported without the passphrase needed to decrypt it. */
export class PassphraseRequiredError extends KeyImportError {
  constructor(message = 'a passphrase is needed to import this encrypted private key') {
    super(message);
  }
}

/** Unsupported key generation parameters (algorithm, key size, exponent). */
export class KeyGenerationError extends CryptoError {}

/** A signature blob is malformed, made with another algorithm than expected, or does not verify. */
export class SignatureError extends CryptoError {}

/** A cipher or MAC was given a key or IV of the wrong length. */
export class KeyLengthError extends CryptoError {
  /** The algorithm the key or IV was for. */
  readonly algorithm: string;
  /** Which input was wrong: 'key', 'iv' or 'mac key'. */
  readonly what: string;
  /** The length the algorithm needs, in bytes. */
  readonly expected: number;
  /** The length given, in bytes. */
  readonly actual: number;

  constructor(algorithm: string, what: string, expected: number, actual: number) {
    super(`${algorithm}: ${what} must be ${expected} bytes, got ${actual}`);
    this.algorithm = algorithm;
    this.what = what;
    this.expected = expected;
    this.actual = actual;
  }
}

/** Data could not be parsed as a certificate (OpenSSH v01 or X.509): truncated, corrupted or unsupported. */
export class CertificateImportError extends KeyImportError {}

/** Why a certificate was refused by validation. */
export type CertificateRefusal =
  | 'signature'
  | 'type'
  | 'not-yet-valid'
  | 'expired'
  | 'principal'
  | 'critical-option'
  | 'source-address'
  | 'ca'
  | 'chain'
  | 'purpose';

/** A certificate parsed but is not acceptable: bad CA signature, outside its validity, wrong principal, ... */
export class CertificateValidationError extends CryptoError {
  /** What check failed. */
  readonly reason: CertificateRefusal;

  constructor(reason: CertificateRefusal, message: string, options?: ErrorOptions) {
    super(message, options);
    this.reason = reason;
  }
}
