import type { PacketReader, PacketWriter } from '@ssh/wire';
import type { KeyBackend } from './types.js';

/**
 * One loaded key of one type (public, or private with its public half),
 * bound to a backend. `SSHKey` wraps this; each key type implements it.
 */
export interface KeyImpl {
  /** The public key algorithm name that starts the key blob ('ssh-ed25519', 'ssh-rsa', ...). */
  readonly keyType: string;
  /** True when the private half is present. */
  readonly isPrivate: boolean;
  /** Key size in bits (the modulus or curve order size). */
  readonly bits: number;
  /** Write the public blob fields that follow the key type name. */
  writePublic(w: PacketWriter): void;
  /** Write the OpenSSH private key fields that follow the key type name (PROTOCOL.key). */
  writePrivate(w: PacketWriter): void;
  /** Sign `data` with signature algorithm `sigAlg`; returns the raw signature (the blob's inner string). */
  sign(sigAlg: string, data: Uint8Array): Uint8Array;
  /** Verify a raw signature (the blob's inner string); false on any mismatch or malformed input. */
  verify(sigAlg: string, data: Uint8Array, sig: Uint8Array): boolean;
  /** The public half alone. */
  toPublic(): KeyImpl;
}

/** Options for generating a key. */
export interface GenerateOptions {
  /** RSA modulus size in bits (default 2048). */
  keySize?: number;
  /** RSA public exponent (default 65537). */
  exponent?: number;
}

/** The decoder and generator of one key type. */
export interface KeyFactory {
  /** The key type name ('ssh-ed25519', 'ecdsa-sha2-nistp256', 'ssh-rsa', ...). */
  readonly keyType: string;
  /** Signature algorithms this key type can make, the first being its default. */
  readonly sigAlgorithms: readonly string[];
  /** Decode the public blob fields after the name; throws KeyImportError on invalid keys. */
  decodePublic(r: PacketReader, backend: KeyBackend): KeyImpl;
  /** Decode the OpenSSH private key fields after the name; throws KeyImportError on invalid keys. */
  decodePrivate(r: PacketReader, backend: KeyBackend): KeyImpl;
  /** Make a new private key; throws KeyGenerationError on unsupported options. */
  generate(backend: KeyBackend, options: GenerateOptions): KeyImpl;
}
