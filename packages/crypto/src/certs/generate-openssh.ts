import { randomBytes } from '@noble/hashes/utils.js';
import { KeyGenerationError } from '../errors.js';
import type { SSHKey } from '../keys/ssh-key.js';
import type { KeyBackend } from '../keys/types.js';
import { certTypeForKeyType } from './cert-algorithms.js';
import { type CertOption, NO_TOUCH_REQUIRED, PERMIT_EXTENSIONS, stringOptionData } from './cert-options.js';
import { parseCidrList } from './cidr.js';
import {
  appendSignature,
  CERT_TYPE_HOST,
  CERT_TYPE_USER,
  encodeOpenSSHCertBody,
} from './openssh-cert-codec.js';
import { openSSHCertificateFromBlob } from './openssh-cert-load.js';
import type { SSHOpenSSHCertificate } from './openssh-certificate.js';
import { FOREVER, parseTimeValue, type TimeValue } from './time-value.js';

/** Options shared by user and host certificates (AsyncSSH generate_*_certificate). */
export interface CertificateOptions {
  /** Certificate version; only 1 (v01) exists. */
  readonly version?: number;
  /** Serial number (default 0). */
  readonly serial?: number | bigint;
  /** Names the certificate is valid for: a list, or one comma-separated string (default: any). */
  readonly principals?: string | readonly string[];
  /** Start of validity (default 0: no start). See parseTimeValue for the forms. */
  readonly validAfter?: TimeValue;
  /** End of validity (default forever). */
  readonly validBefore?: TimeValue;
  /** The CA's signature algorithm (default the CA key's first: 'rsa-sha2-256' for RSA). */
  readonly sigAlg?: string;
  /** Comment of the new certificate (default the subject key's comment). */
  readonly comment?: string | Uint8Array | null;
}

/** Options of a user certificate. */
export interface UserCertificateOptions extends CertificateOptions {
  /** force-command critical option. */
  readonly forceCommand?: string | null;
  /** source-address critical option: addresses and CIDR networks. */
  readonly sourceAddress?: string | readonly string[] | null;
  /** permit-X11-forwarding (default true). */
  readonly permitX11Forwarding?: boolean;
  /** permit-agent-forwarding (default true). */
  readonly permitAgentForwarding?: boolean;
  /** permit-port-forwarding (default true). */
  readonly permitPortForwarding?: boolean;
  /** permit-pty (default true). */
  readonly permitPty?: boolean;
  /** permit-user-rc (default true). */
  readonly permitUserRc?: boolean;
  /** When false, adds no-touch-required (default true). */
  readonly touchRequired?: boolean;
}

const principalList = (p: CertificateOptions['principals']): string[] =>
  p === undefined ? [] : typeof p === 'string' ? p.split(',').filter((x) => x !== '') : [...p];

function sign(
  backend: KeyBackend,
  caKey: SSHKey,
  subject: SSHKey,
  keyId: string,
  type: number,
  options: CertificateOptions,
  criticalOptions: CertOption[],
  extensions: CertOption[],
): SSHOpenSSHCertificate {
  if (!caKey.isPrivate) throw new KeyGenerationError('a private CA key is needed to sign a certificate');
  if ((options.version ?? 1) !== 1) throw new KeyGenerationError('only version 1 certificates are supported');
  const certAlgorithm = certTypeForKeyType(subject.algorithm);
  if (!certAlgorithm)
    throw new KeyGenerationError(`no OpenSSH certificate type for ${subject.algorithm} keys`);
  const sigAlg = options.sigAlg ?? caKey.sigAlgorithms[0];
  if (sigAlg === undefined || !caKey.sigAlgorithms.includes(sigAlg)) {
    throw new KeyGenerationError(`a ${caKey.algorithm} CA key cannot sign with '${String(options.sigAlg)}'`);
  }
  const serial = BigInt(options.serial ?? 0);
  if (serial < 0n || serial > FOREVER) throw new KeyGenerationError(`serial ${serial} is out of range`);
  const validAfter = parseTimeValue(options.validAfter ?? 0);
  const validBefore = parseTimeValue(options.validBefore ?? FOREVER);
  if (validBefore < validAfter) throw new RangeError('valid-before is earlier than valid-after');
  const signedData = encodeOpenSSHCertBody({
    certAlgorithm,
    nonce: randomBytes(32),
    keyBlob: subject.publicData,
    serial,
    type,
    keyId,
    principals: principalList(options.principals),
    validAfter,
    validBefore,
    criticalOptions,
    extensions,
    reserved: new Uint8Array(0),
    signatureKey: caKey.publicData,
  });
  const blob = appendSignature(signedData, caKey.sign(signedData, sigAlg));
  const cert = openSSHCertificateFromBlob(blob, backend);
  cert.setComment(options.comment === undefined ? subject.getCommentBytes() : options.comment);
  return cert;
}

/**
 * Sign an OpenSSH user certificate for `userKey` with the CA key `caKey`
 * (AsyncSSH SSHKey.generate_user_certificate). The permit-* extensions
 * default to on; KeyGenerationError for unsupported parameters, RangeError
 * for bad validity times or source addresses.
 */
export function generateUserCertificateWith(
  backend: KeyBackend,
  caKey: SSHKey,
  userKey: SSHKey,
  keyId: string,
  options: UserCertificateOptions = {},
): SSHOpenSSHCertificate {
  const critical: CertOption[] = [];
  if (options.forceCommand != null) {
    critical.push({ name: 'force-command', data: stringOptionData(options.forceCommand) });
  }
  if (options.sourceAddress != null) {
    const list =
      typeof options.sourceAddress === 'string' ? options.sourceAddress : options.sourceAddress.join(',');
    parseCidrList(list);
    critical.push({ name: 'source-address', data: stringOptionData(list) });
  }
  const extensions: CertOption[] = [];
  for (const [flag, name] of Object.entries(PERMIT_EXTENSIONS)) {
    if (options[flag as keyof typeof PERMIT_EXTENSIONS] !== false)
      extensions.push({ name, data: new Uint8Array(0) });
  }
  if (options.touchRequired === false) extensions.push({ name: NO_TOUCH_REQUIRED, data: new Uint8Array(0) });
  return sign(backend, caKey, userKey, keyId, CERT_TYPE_USER, options, critical, extensions);
}

/** Sign an OpenSSH host certificate for `hostKey` with `caKey` (AsyncSSH SSHKey.generate_host_certificate). */
export function generateHostCertificateWith(
  backend: KeyBackend,
  caKey: SSHKey,
  hostKey: SSHKey,
  keyId: string,
  options: CertificateOptions = {},
): SSHOpenSSHCertificate {
  return sign(backend, caKey, hostKey, keyId, CERT_TYPE_HOST, options, [], []);
}
