/** Certificates (neutral entry): OpenSSH v01 and X.509, bound to the portable backend. */
import { portableBackend } from '../keys/backend.js';
import { type CertApi, makeCertApi } from './cert-api.js';
import { type CertificateLoader, makeCertificateLoader } from './load-certificates.js';

export {
  certSigAlgorithmsForCertType,
  certTypeForKeyType,
  DEFAULT_CERT_PUBLIC_KEY_ALGORITHMS,
  INSECURE_CERT_PUBLIC_KEY_ALGORITHMS,
  INSECURE_OPENSSH_CERT_ALGORITHMS,
  isOpenSSHCertType,
  keySigAlgorithmForCertAlgorithm,
  OPENSSH_CERT_SIG_ALGORITHMS,
  OPENSSH_CERT_TYPES,
  SUPPORTED_CERT_PUBLIC_KEY_ALGORITHMS,
} from './cert-algorithms.js';
export { type CertApi, makeCertApi } from './cert-api.js';
export { type CertOption, KNOWN_CRITICAL_OPTIONS } from './cert-options.js';
export { checkCertificateSignature, keySigAlgorithmFor, signWithCertificate } from './cert-signature.js';
export { addressInCidrList, type CidrNetwork, parseCidr, parseCidrList, parseIpAddress } from './cidr.js';
export type { CertificateOptions, UserCertificateOptions } from './generate-openssh.js';
export type { X509CertificateOptions } from './generate-x509.js';
export {
  type CertificateFileReader,
  type CertificateLoader,
  type CertificateRef,
  makeCertificateLoader,
} from './load-certificates.js';
export {
  type OpenSSHCertOptions,
  type OpenSSHCertValidateOptions,
  SSHOpenSSHCertificate,
} from './openssh-certificate.js';
export {
  SK_RESIDENT_KEY,
  SK_USER_PRESENCE_REQD,
  SK_USER_VERIFICATION_REQD,
  SkKey,
  type SkPrivate,
  skApplicationOf,
  skEcdsaFactory,
  skEd25519Factory,
} from './sk-keys.js';
export {
  checkSkSignatureFlags,
  decodeSkSignature,
  SK_FLAG_USER_PRESENT,
  SK_FLAG_USER_VERIFIED,
  SK_SIGNATURE_ALGORITHMS,
  type SkSignature,
  skSignedMessage,
  WEBAUTHN_SK_ECDSA,
} from './sk-signature.js';
export { type CertificateExportFormat, SSHCertificate } from './ssh-certificate.js';
export { FOREVER, parseTimeValue, type TimeValue } from './time-value.js';
export {
  encodeX509SSHBlob,
  keySigAlgorithmForX509Algorithm,
  purposeOid,
  SSHX509Certificate,
  SSHX509CertificateChain,
  X509_PURPOSES,
  x509AlgorithmForKeyType,
  x509SigAlgorithmsForKeyType,
} from './x509-certificate.js';
export { validateX509Chain, type X509ValidateOptions } from './x509-chain.js';
export { formatName, type NameAttribute, parseName, type X509Name, X509NamePattern } from './x509-name.js';
export { x509NameHash } from './x509-name-hash.js';
export { makeX509TrustLoader, type TrustFileReader, type X509TrustLoader } from './x509-trust-paths.js';

const portable = makeCertApi(portableBackend);

/**
 * Load certificates from bytes or SSHCertificate objects, or a list of these
 * (AsyncSSH load_certificates); file names need the node entry point.
 */
export const loadCertificates: CertificateLoader = makeCertificateLoader(portableBackend);

/** Parse one certificate: OpenSSH line, RFC 4716, X.509 PEM or DER (AsyncSSH import_certificate). */
export const importCertificate: CertApi['importCertificate'] = portable.importCertificate;
/** Parse every certificate in the data. */
export const importCertificateList: CertApi['importCertificateList'] = portable.importCertificateList;
/** Decode a certificate as sent on the wire (OpenSSH v01 blob or RFC 6187 x509v3-* blob). */
export const decodeSSHCertificate: CertApi['decodeSSHCertificate'] = portable.decodeSSHCertificate;
/** Sign an OpenSSH user certificate (AsyncSSH SSHKey.generate_user_certificate, CA key first). */
export const generateUserCertificate: CertApi['generateUserCertificate'] = portable.generateUserCertificate;
/** Sign an OpenSSH host certificate (AsyncSSH SSHKey.generate_host_certificate, CA key first). */
export const generateHostCertificate: CertApi['generateHostCertificate'] = portable.generateHostCertificate;
/** Create an X.509 certificate (self-signed without `issuer`), portable. */
export const generateX509Certificate: CertApi['generateX509Certificate'] = portable.generateX509Certificate;
/** Create an X.509 user certificate (purposes default secureShellClient), portable. */
export const generateX509UserCertificate: CertApi['generateX509UserCertificate'] =
  portable.generateX509UserCertificate;
/** Create an X.509 host certificate (purposes default secureShellServer), portable. */
export const generateX509HostCertificate: CertApi['generateX509HostCertificate'] =
  portable.generateX509HostCertificate;
/** Create an X.509 CA certificate (optional caPathLen), portable. */
export const generateX509CaCertificate: CertApi['generateX509CaCertificate'] =
  portable.generateX509CaCertificate;
