/** Certificates (node entry): the neutral API re-bound to node:crypto, plus file reading. */
import { nodeBackend } from '../keys/backend.node.js';
import { type CertApi, makeCertApi } from './cert-api.js';

export * from './index.js';
export { loadCertificates, readCertificate, readCertificateList } from './read.node.js';

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
