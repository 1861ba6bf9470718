import { appendFile, readFile, writeFile } from 'node:fs/promises';
import { nodeBackend } from '../keys/backend.node.js';
import { makeCertApi } from './cert-api.js';
import { SSHCertificate } from './ssh-certificate.js';

const api = makeCertApi(nodeBackend);

/** Read one certificate from a file (AsyncSSH read_certificate). */
export async function readCertificate(filename: string): Promise<SSHCertificate> {
  return api.importCertificate(await readFile(filename));
}

/** Read every certificate in a file (AsyncSSH read_certificate_list). */
export async function readCertificateList(filename: string): Promise<SSHCertificate[]> {
  return api.importCertificateList(await readFile(filename));
}

/** A certificate reference: a file name, bytes to import, or a loaded certificate. */
export type CertificateRef = string | Uint8Array | SSHCertificate;

/**
 * Load certificates from references (AsyncSSH load_certificates): a file
 * name (every certificate in it), bytes to import, a loaded certificate, or
 * a list of these.
 */
export async function loadCertificates(
  certlist: CertificateRef | readonly CertificateRef[],
): Promise<SSHCertificate[]> {
  const refs: readonly CertificateRef[] = Array.isArray(certlist) ? certlist : [certlist as CertificateRef];
  const out: SSHCertificate[] = [];
  for (const ref of refs) {
    if (ref instanceof SSHCertificate) out.push(ref);
    else if (typeof ref === 'string') out.push(...(await readCertificateList(ref)));
    else out.push(...api.importCertificateList(ref));
  }
  return out;
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
