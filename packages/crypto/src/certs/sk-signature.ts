import { sha256 } from '@noble/hashes/sha2.js';
import { PacketReader, PacketWriter } from '@ssh/wire';
import { SignatureError } from '../errors.js';
import { toBase64 } from '../formats/base64.js';
import { decodeSignatureBlob } from '../keys/signature.js';

/** The WebAuthn-wrapped security-key signature algorithm (verify only). */
export const WEBAUTHN_SK_ECDSA = 'webauthn-sk-ecdsa-sha2-nistp256@openssh.com';

/** Security-key signature algorithms (PROTOCOL.u2f). */
export const SK_SIGNATURE_ALGORITHMS: readonly string[] = [
  'sk-ssh-ed25519@openssh.com',
  'sk-ecdsa-sha2-nistp256@openssh.com',
  WEBAUTHN_SK_ECDSA,
];

/** The fields of a security-key signature after its algorithm name. */
export interface SkSignature {
  readonly algorithm: string;
  /** The inner signature: 64 Ed25519 bytes, or mpint r, mpint s for ECDSA. */
  readonly signature: Uint8Array;
  /** Authenticator flags: 0x01 user present, 0x04 user verified, 0x80 extension data. */
  readonly flags: number;
  /** The authenticator's signature counter. */
  readonly counter: number;
  /** WebAuthn only: the origin, the clientDataJSON bytes and the extensions. */
  readonly webauthn?: {
    readonly origin: string;
    readonly clientData: Uint8Array;
    readonly extensions: Uint8Array;
  };
}

/** Decode the body of a security-key signature (what follows the algorithm name). */
export function decodeSkSignature(algorithm: string, body: Uint8Array): SkSignature {
  const r = new PacketReader(body);
  const signature = r.readString('signature');
  const flags = r.readByte('flags');
  const counter = r.readUint32('counter');
  if (algorithm !== WEBAUTHN_SK_ECDSA) {
    r.expectEnd('security key signature');
    return { algorithm, signature, flags, counter };
  }
  const origin = r.readUtf8('origin');
  const clientData = r.readString('clientData');
  const extensions = r.readString('extensions');
  r.expectEnd('webauthn signature');
  return { algorithm, signature, flags, counter, webauthn: { origin, clientData, extensions } };
}

const base64url = (b: Uint8Array) => toBase64(b, false).replace(/\+/g, '-').replace(/\//g, '_');

function startsWith(a: Uint8Array, prefix: Uint8Array): boolean {
  return a.length >= prefix.length && prefix.every((b, i) => a[i] === b);
}

/**
 * The bytes the authenticator signed: SHA256(application) || flags ||
 * counter || [WebAuthn extensions] || SHA256(data), where WebAuthn hashes
 * its clientDataJSON instead of data, after checking that clientDataJSON
 * starts {"type":"webauthn.get","challenge":"<base64url(data)>","origin":"<origin>"
 * (as OpenSSH's check). Throws SignatureError when the WebAuthn wrapper is wrong.
 */
export function skSignedMessage(application: string, sig: SkSignature, data: Uint8Array): Uint8Array {
  let dataHash: Uint8Array;
  let extensions: Uint8Array = new Uint8Array(0);
  if (sig.webauthn) {
    const { origin, clientData } = sig.webauthn;
    extensions = sig.webauthn.extensions;
    if (
      origin.includes('"') ||
      (sig.flags & 0x40) !== 0 ||
      ((sig.flags & 0x80) === 0) !== (extensions.length === 0)
    ) {
      throw new SignatureError('webauthn signature has an invalid origin or inconsistent flags');
    }
    const prefix = `{"type":"webauthn.get","challenge":"${base64url(data)}","origin":"${origin}"`;
    if (!startsWith(clientData, new TextEncoder().encode(prefix))) {
      throw new SignatureError('webauthn clientData does not wrap the signed data');
    }
    dataHash = sha256(clientData);
  } else dataHash = sha256(data);
  const w = new PacketWriter(128)
    .writeBytes(sha256(new TextEncoder().encode(application)))
    .writeByte(sig.flags)
    .writeUint32(sig.counter)
    .writeBytes(extensions)
    .writeBytes(dataHash);
  return w.toBytes().slice();
}

/** Authenticator flag: user present (touched). */
export const SK_FLAG_USER_PRESENT = 0x01;
/** Authenticator flag: user verified (PIN, biometrics). */
export const SK_FLAG_USER_VERIFIED = 0x04;

/**
 * After a security-key signature verified, check its authenticator flags
 * against policy, as sshd does: the user must have touched the key unless
 * `touchRequired` is false (no-touch-required), and verified when
 * `verifyRequired` (verify-required). Returns the flags and counter.
 * Throws SignatureError on a policy failure or a malformed blob.
 */
export function checkSkSignatureFlags(
  sigBlob: Uint8Array,
  policy: { touchRequired?: boolean; verifyRequired?: boolean } = {},
): { flags: number; counter: number } {
  const { algorithm, signature } = decodeSignatureBlob(sigBlob);
  if (!SK_SIGNATURE_ALGORITHMS.includes(algorithm))
    throw new SignatureError(`${algorithm} is not a security-key signature`);
  let sig: SkSignature;
  try {
    sig = decodeSkSignature(algorithm, signature);
  } catch (e) {
    throw new SignatureError(`malformed ${algorithm} signature`, { cause: e });
  }
  if ((policy.touchRequired ?? true) && (sig.flags & SK_FLAG_USER_PRESENT) === 0) {
    throw new SignatureError('security key signature was made without user presence (touch)');
  }
  if (policy.verifyRequired && (sig.flags & SK_FLAG_USER_VERIFIED) === 0) {
    throw new SignatureError('security key signature was made without user verification');
  }
  return { flags: sig.flags, counter: sig.counter };
}
