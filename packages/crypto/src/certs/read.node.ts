import { appendFile, readFile, writeFile } from 'node:fs/promises';
import { nodeBackend } from '../keys/backend.node.js';
import { makeCertApi } from './cert-api.js';
import { type CertificateRef, makeCertificateLoader } from './load-certificates.js';
import type { SSHCertificate } from './ssh-certificate.js';
import { makeX509TrustLoader, type X509TrustLoader } from './x509-trust-paths.js';

export type { CertificateRef } from './load-certificates.js';

const api = makeCertApi(nodeBackend);

/** Read one certificate from a file (AsyncSSH read_certificate). */
export async function readCertificate(filename: string): Promise<SSHCertificate> {
  return api.importCertificate(await readFile(filename));
}

/** Read every certificate in a file (AsyncSSH read_certificate_list). */
export async function readCertificateList(filename: string): Promise<SSHCertificate[]> {
  return api.importCertificateList(await readFile(filename));
}

const loader = makeCertificateLoader(nodeBackend, async (path) => new Uint8Array(await readFile(path)));

/**
 * Load certificates from references (AsyncSSH load_certificates): a file
 * name (every certificate in it), bytes to import, a loaded certificate, or
 * a list of these.
 */
export async function loadCertificates(
  certlist: CertificateRef | readonly CertificateRef[],
): Promise<SSHCertificate[]> {
  return loader(certlist);
}

/** Export a certificate and write it to a file (AsyncSSH write_certificate; format default 'openssh'). */
export async function writeCertificate(
  cert: SSHCertificate,
  filename: string,
  format = 'openssh',
): Promise<void> {
  await writeFile(filename, cert.exportCertificate(format));
}

/** Export a certificate and append it to a file (AsyncSSH append_certificate; format default 'openssh'). */
export async function appendCertificate(
  cert: SSHCertificate,
  filename: string,
  format = 'openssh',
): Promise<void> {
  await appendFile(filename, cert.exportCertificate(format));
}

async function readIfExists(path: string): Promise<Uint8Array | undefined> {
  try {
    return new Uint8Array(await readFile(path));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

/**
 * The trust anchors for an X.509 certificate or chain found in hashed
 * certificate directories (AsyncSSH x509_trusted_cert_paths): its issuers
 * as `<dir>/<issuer hash>.<n>` (the links `openssl rehash` makes), then
 * their issuers. Pass the result to validateX509Chain as `trusted`.
 */
export const loadX509TrustedCerts: X509TrustLoader = makeX509TrustLoader(nodeBackend, readIfExists);
