import { PacketReader, type PacketWriter } from '@ssh/wire';
import { KeyExportError, KeyGenerationError, SignatureError } from '../errors.js';
import { nistp256Factory } from '../keys/ecdsa.js';
import { ed25519Factory } from '../keys/eddsa.js';
import type { KeyFactory, KeyImpl } from '../keys/key-impl.js';
import type { KeyBackend } from '../keys/types.js';
import { decodeSkSignature, skSignedMessage } from './sk-signature.js';

/** The private part of a security-key key file: flags, the authenticator's key handle, reserved. */
export interface SkPrivate {
  readonly flags: number;
  readonly keyHandle: Uint8Array;
  readonly reserved: Uint8Array;
}

/** SK_USER_PRESENCE_REQD: the key wants a touch for each signature. */
export const SK_USER_PRESENCE_REQD = 0x01;
/** SK_USER_VERIFICATION_REQD: the key wants a PIN or biometric check. */
export const SK_USER_VERIFICATION_REQD = 0x04;
/** SK_RESIDENT_KEY: the credential is stored on the authenticator. */
export const SK_RESIDENT_KEY = 0x20;

/**
 * A FIDO security key (PROTOCOL.u2f): an ECDSA P-256 or Ed25519 public key
 * plus the application string it was made for. It verifies signatures;
 * signing needs the authenticator, which this package does not drive.
 */
export class SkKey implements KeyImpl {
  constructor(
    readonly keyType: string,
    /** The plain key (ecdsa-sha2-nistp256 or ssh-ed25519) the signatures are checked with. */
    readonly inner: KeyImpl,
    /** The FIDO application (relying party) string, 'ssh:' by default in OpenSSH. */
    readonly application: string,
    /** The key file's private part, when the key came from a private key file. */
    readonly sk: SkPrivate | undefined,
  ) {}

  get isPrivate(): boolean {
    return this.sk !== undefined;
  }

  get bits(): number {
    return this.inner.bits;
  }

  writePublic(w: PacketWriter): void {
    this.inner.writePublic(w);
    w.writeString(this.application);
  }

  writePrivate(w: PacketWriter): void {
    if (!this.sk) throw new KeyExportError('a public security key has no private fields to write');
    this.writePublic(w);
    w.writeByte(this.sk.flags).writeString(this.sk.keyHandle).writeString(this.sk.reserved);
  }

  sign(sigAlg: string): Uint8Array {
    throw new SignatureError(
      `${sigAlg} signatures are made by a FIDO authenticator, and no authenticator is available here`,
    );
  }

  verify(sigAlg: string, data: Uint8Array, sig: Uint8Array): boolean {
    try {
      const parsed = decodeSkSignature(sigAlg, sig);
      const message = skSignedMessage(this.application, parsed, data);
      const innerAlg = this.inner.keyType;
      return this.inner.verify(innerAlg, message, parsed.signature);
    } catch {
      return false;
    }
  }

  toPublic(): KeyImpl {
    return this.sk ? new SkKey(this.keyType, this.inner.toPublic(), this.application, undefined) : this;
  }
}

function skFactory(keyType: string, innerFactory: KeyFactory, sigAlgorithms: string[]): KeyFactory {
  const readPublic = (r: PacketReader, backend: KeyBackend) => {
    const inner = innerFactory.decodePublic(r, backend);
    return { inner, application: r.readUtf8('application') };
  };
  return {
    keyType,
    sigAlgorithms,
    decodePublic(r, backend) {
      const { inner, application } = readPublic(r, backend);
      return new SkKey(keyType, inner, application, undefined);
    },
    decodePrivate(r, backend) {
      const { inner, application } = readPublic(r, backend);
      const flags = r.readByte('flags');
      const keyHandle = r.readString('key handle').slice();
      const reserved = r.readString('reserved').slice();
      return new SkKey(keyType, inner, application, { flags, keyHandle, reserved });
    },
    generate() {
      throw new KeyGenerationError(
        `${keyType} keys are made by a FIDO authenticator, and no authenticator is available here`,
      );
    },
  };
}

/** sk-ecdsa-sha2-nistp256@openssh.com keys (verify-only; WebAuthn signatures too). */
export const skEcdsaFactory: KeyFactory = skFactory('sk-ecdsa-sha2-nistp256@openssh.com', nistp256Factory, [
  'sk-ecdsa-sha2-nistp256@openssh.com',
  'webauthn-sk-ecdsa-sha2-nistp256@openssh.com',
]);

/** sk-ssh-ed25519@openssh.com keys (verify-only). */
export const skEd25519Factory: KeyFactory = skFactory('sk-ssh-ed25519@openssh.com', ed25519Factory, [
  'sk-ssh-ed25519@openssh.com',
]);

/** Read the application string of an sk public key blob, or undefined for other keys. */
export function skApplicationOf(blob: Uint8Array): string | undefined {
  try {
    const r = new PacketReader(blob);
    const t = r.readName('key type');
    if (t === 'sk-ecdsa-sha2-nistp256@openssh.com') {
      r.readString('curve');
      r.readString('point');
    } else if (t === 'sk-ssh-ed25519@openssh.com') r.readString('key');
    else return undefined;
    return r.readUtf8('application');
  } catch {
    return undefined;
  }
}
