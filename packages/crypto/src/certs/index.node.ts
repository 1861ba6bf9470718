/** Certificates (node entry): the neutral API re-bound to node:crypto, plus file reading. */
import { nodeBackend } from '../keys/backend.node.js';
import { type CertApi, makeCertApi } from './cert-api.js';

export * from './index.js';
export {
  appendCertificate,
  type CertificateRef,
  loadCertificates,
  loadX509TrustedCerts,
  readCertificate,
  readCertificateList,
  writeCertificate,
} from './read.node.js';

const node = makeCertApi(nodeBackend);

/** Parse one certificate (OpenSSH line, RFC 4716, X.509 PEM or DER), keys bound to node:crypto. */
export const importCertificate: CertApi['importCertificate'] = node.importCertificate;
/** Parse every certificate in the data, keys bound to node:crypto. */
export const importCertificateList: CertApi['importCertificateList'] = node.importCertificateList;
/** Decode a wire certificate blob, keys bound to node:crypto. */
export const decodeSSHCertificate: CertApi['decodeSSHCertificate'] = node.decodeSSHCertificate;
/** Sign an OpenSSH user certificate with node:crypto. */
export const generateUserCertificate: CertApi['generateUserCertificate'] = node.generateUserCertificate;
/** Sign an OpenSSH host certificate with node:crypto. */
export const generateHostCertificate: CertApi['generateHostCertificate'] = node.generateHostCertificate;
/** Create an X.509 certificate (self-signed without `issuer`), node:crypto. */
export const generateX509Certificate: CertApi['generateX509Certificate'] = node.generateX509Certificate;
/** Create an X.509 user certificate (purposes default secureShellClient), node:crypto. */
export const generateX509UserCertificate: CertApi['generateX509UserCertificate'] =
  node.generateX509UserCertificate;
/** Create an X.509 host certificate (purposes default secureShellServer), node:crypto. */
export const generateX509HostCertificate: CertApi['generateX509HostCertificate'] =
  node.generateX509HostCertificate;
/** Create an X.509 CA certificate (optional caPathLen), node:crypto. */
export const generateX509CaCertificate: CertApi['generateX509CaCertificate'] = node.generateX509CaCertificate;
