import type { KeyBackend } from '../keys/types.js';
import { makeCertApi } from './cert-api.js';
import { SSHX509Certificate, type SSHX509CertificateChain } from './x509-certificate.js';
import { namesEqual } from './x509-name.js';

/** Reads a file; undefined when it does not exist. */
export type TrustFileReader = (path: string) => Promise<Uint8Array | undefined>;

/**
 * Finds the issuers of a certificate (or of each certificate of a chain) in
 * hashed certificate directories, as AsyncSSH's x509_trusted_cert_paths:
 * `<dir>/<issuer hash>.<n>` for n = 0, 1, ... (the links `openssl rehash`
 * makes), keeping those whose subject is the issuer, then their issuers in
 * turn. The result is the trust anchors to validate against.
 */
export type X509TrustLoader = (
  cert: SSHX509Certificate | SSHX509CertificateChain,
  paths: readonly string[],
) => Promise<SSHX509Certificate[]>;

/** Build the hashed-directory lookup over `backend` and a file reader. */
export function makeX509TrustLoader(backend: KeyBackend, readFile: TrustFileReader): X509TrustLoader {
  const certs = makeCertApi(backend);
  return async (start, paths) => {
    const store: SSHX509Certificate[] = [];
    const known = (c: SSHX509Certificate) =>
      store.some((s) => s.der.length === c.der.length && s.der.every((b, i) => b === c.der[i]));
    const expand = async (cert: SSHX509Certificate): Promise<void> => {
      for (const dir of paths) {
        const base = `${dir.replace(/\/+$/, '')}/${cert.issuerHash}`;
        for (let n = 0; ; n++) {
          let found: ReturnType<typeof certs.importCertificateList>;
          try {
            const data = await readFile(`${base}.${n}`);
            if (data === undefined) break;
            found = certs.importCertificateList(data);
          } catch {
            // an unreadable or unparsable entry ends this directory's list, as in AsyncSSH
            break;
          }
          for (const c of found) {
            if (
              !(c instanceof SSHX509Certificate) ||
              !namesEqual(c.subjectName, cert.issuerName) ||
              known(c)
            ) {
              continue;
            }
            store.push(c);
            await expand(c);
          }
        }
      }
    };
    for (const c of start instanceof SSHX509Certificate ? [start] : start.certs) await expand(c);
    return store;
  };
}
