import { KeyImportError } from '../errors.js';
import type { KeyBackend } from '../keys/types.js';
import { makeCertApi } from './cert-api.js';
import { SSHCertificate } from './ssh-certificate.js';

/** A certificate reference: a file name, bytes to import, or a loaded certificate. */
export type CertificateRef = string | Uint8Array | SSHCertificate;

/** Reads a whole file (rejects when it cannot). */
export type CertificateFileReader = (path: string) => Promise<Uint8Array>;

/** AsyncSSH load_certificates bound to a backend and, under Node, to the file system. */
export type CertificateLoader = (
  certlist: CertificateRef | readonly CertificateRef[],
) => Promise<SSHCertificate[]>;

/**
 * Build load_certificates over `backend`: each reference gives every
 * certificate it holds. Without `readFile`, file names are refused with a
 * KeyImportError (the neutral entry point).
 */
export function makeCertificateLoader(
  backend: KeyBackend,
  readFile?: CertificateFileReader,
): CertificateLoader {
  const api = makeCertApi(backend);
  return async (certlist) => {
    const refs: readonly CertificateRef[] = Array.isArray(certlist) ? certlist : [certlist as CertificateRef];
    const out: SSHCertificate[] = [];
    for (const ref of refs) {
      if (ref instanceof SSHCertificate) out.push(ref);
      else if (typeof ref !== 'string') out.push(...api.importCertificateList(ref));
      else if (readFile) out.push(...api.importCertificateList(await readFile(ref)));
      else throw new KeyImportError(`cannot read '${ref}' here: file names need the node entry point`);
    }
    return out;
  };
}
