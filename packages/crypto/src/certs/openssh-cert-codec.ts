import { PacketReader, PacketWriter } from '@ssh/wire';
import { CertificateImportError } from '../errors.js';
import type { KeyImpl } from '../keys/key-impl.js';
import { getKeyFactory } from '../keys/registry.js';
import type { KeyBackend } from '../keys/types.js';
import { OPENSSH_CERT_TYPES } from './cert-algorithms.js';
import {
  type CertOption,
  decodeOptions,
  decodePrincipals,
  encodeOptions,
  encodePrincipals,
} from './cert-options.js';

/** SSH_CERT_TYPE_USER. */
export const CERT_TYPE_USER = 1;
/** SSH_CERT_TYPE_HOST. */
export const CERT_TYPE_HOST = 2;

/** The fields of an OpenSSH v01 certificate (PROTOCOL.certkeys), before signing. */
export interface OpenSSHCertBody {
  /** The certificate type name ('ssh-ed25519-cert-v01@openssh.com', ...). */
  readonly certAlgorithm: string;
  readonly nonce: Uint8Array;
  /** The certified (subject) key, public. */
  readonly key: KeyImpl;
  readonly serial: bigint;
  /** 1 = user, 2 = host. */
  readonly type: number;
  readonly keyId: string;
  readonly principals: readonly string[];
  readonly validAfter: bigint;
  readonly validBefore: bigint;
  readonly criticalOptions: readonly CertOption[];
  readonly extensions: readonly CertOption[];
  readonly reserved: Uint8Array;
  /** The CA's public key blob. */
  readonly signatureKey: Uint8Array;
}

/** A decoded certificate: the body, the CA's signature blob, and the bytes it covers. */
export interface OpenSSHCertParts extends OpenSSHCertBody {
  readonly signature: Uint8Array;
  /** The blob from its start up to (and including) the signature key: what the CA signed. */
  readonly signedData: Uint8Array;
  /** The whole certificate blob. */
  readonly blob: Uint8Array;
}

function fail(e: unknown, what: string): CertificateImportError {
  if (e instanceof CertificateImportError) return e;
  return new CertificateImportError(`${what}: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
}

/** Decode an OpenSSH certificate blob; CertificateImportError when malformed or of an unknown type. */
export function decodeOpenSSHCertBlob(blob: Uint8Array, backend: KeyBackend): OpenSSHCertParts {
  let certAlgorithm = '';
  try {
    const r = new PacketReader(blob);
    certAlgorithm = r.readName('certificate type');
    const keyType = OPENSSH_CERT_TYPES[certAlgorithm];
    if (!Object.hasOwn(OPENSSH_CERT_TYPES, certAlgorithm) || keyType === undefined) {
      throw new CertificateImportError(`unknown certificate type '${certAlgorithm}'`);
    }
    const nonce = r.readString('nonce').slice();
    const key = getKeyFactory(keyType).decodePublic(r, backend);
    const serial = r.readUint64('serial');
    const type = r.readUint32('certificate type');
    if (type !== CERT_TYPE_USER && type !== CERT_TYPE_HOST) {
      throw new CertificateImportError(`unknown certificate role ${type} (1 user, 2 host)`);
    }
    const keyId = r.readUtf8('key id');
    const principals = decodePrincipals(r.readString('valid principals'));
    const validAfter = r.readUint64('valid after');
    const validBefore = r.readUint64('valid before');
    const criticalOptions = decodeOptions(r.readString('critical options'), 'critical option');
    const extensions = decodeOptions(r.readString('extensions'), 'extension');
    const reserved = r.readString('reserved').slice();
    const signatureKey = r.readString('signature key').slice();
    const signedData = blob.slice(0, r.position);
    const signature = r.readString('signature').slice();
    r.expectEnd('certificate');
    return {
      certAlgorithm,
      nonce,
      key,
      serial,
      type,
      keyId,
      principals,
      validAfter,
      validBefore,
      criticalOptions,
      extensions,
      reserved,
      signatureKey,
      signature,
      signedData,
      blob: blob.slice(),
    };
  } catch (e) {
    throw fail(e, certAlgorithm ? `invalid ${certAlgorithm} certificate` : 'invalid certificate blob');
  }
}

/** What encodeOpenSSHCertBody needs: the body, with the certified key as its public key blob. */
export type OpenSSHCertBodyInput = Omit<OpenSSHCertBody, 'key'> & { readonly keyBlob: Uint8Array };

/** Encode a certificate body up to and including the signature key: the data the CA signs. */
export function encodeOpenSSHCertBody(body: OpenSSHCertBodyInput): Uint8Array {
  const w = new PacketWriter(512);
  w.writeString(body.certAlgorithm).writeString(body.nonce);
  const kr = new PacketReader(body.keyBlob);
  kr.readString('key type');
  w.writeBytes(kr.readRemaining());
  w.writeUint64(body.serial)
    .writeUint32(body.type)
    .writeString(body.keyId)
    .writeString(encodePrincipals(body.principals))
    .writeUint64(body.validAfter)
    .writeUint64(body.validBefore)
    .writeString(encodeOptions(body.criticalOptions))
    .writeString(encodeOptions(body.extensions))
    .writeString(body.reserved)
    .writeString(body.signatureKey);
  return w.toBytes().slice();
}

/** Append the signature to a signed body: the complete certificate blob. */
export function appendSignature(signedData: Uint8Array, signature: Uint8Array): Uint8Array {
  return new PacketWriter(signedData.length + signature.length + 8)
    .writeBytes(signedData)
    .writeString(signature)
    .toBytes()
    .slice();
}
