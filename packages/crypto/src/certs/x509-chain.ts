import { CertificateValidationError } from '../errors.js';
import { portableBackend } from '../keys/backend.js';
import type { KeyBackend } from '../keys/types.js';
import { parseTimeValue, type TimeValue } from './time-value.js';
import type { SSHX509Certificate } from './x509-certificate.js';
import { namesEqual } from './x509-name.js';
import { verifyX509Signature } from './x509-signature.js';

/** What validateX509Chain checks a chain against. */
export interface X509ValidateOptions {
  /** Trust anchors: certificates (usually self-signed roots) whose keys are trusted. */
  readonly trusted: readonly SSHX509Certificate[];
  /** Allowed purposes of the end-entity certificate: names, dotted OIDs or 'any' (default: not checked). */
  readonly purposes?: string | readonly string[] | null;
  /** A user or host name the end-entity certificate must list, when it lists any. */
  readonly principal?: string;
  /** A user name the end entity must be for (AsyncSSH's check): in its userPrincipals (e-mail SANs, else CN). */
  readonly userPrincipal?: string;
  /** A host name or address the end entity must be for (AsyncSSH's check): in its hostPrincipals (DNS / IP SANs, else CN). */
  readonly hostPrincipal?: string;
  /** The time to check validity windows against (default now). */
  readonly now?: TimeValue;
  /** The backend used to check signatures (default portable). */
  readonly backend?: KeyBackend;
  /** Longest chain accepted (default 10). */
  readonly maxDepth?: number;
}

const KEY_CERT_SIGN = 1 << 5;
const sameDer = (a: SSHX509Certificate, b: SSHX509Certificate) =>
  a.der.length === b.der.length && a.der.every((x, i) => x === b.der[i]);

/**
 * Validate an X.509 chain (end entity first) as SSH X.509 authentication
 * needs (RFC 6187, RFC 5280 path basics): every certificate within its
 * validity window, each signed by the next (or by a trusted certificate),
 * issuers being CAs within their path length, no unknown critical
 * extension, ending at a trusted certificate; the end entity allowing one
 * of `purposes`, listing `principal` when it lists principals, and being
 * for `userPrincipal` / `hostPrincipal` when given (as AsyncSSH). Throws
 * CertificateValidationError naming the failed check.
 */
export function validateX509Chain(chain: readonly SSHX509Certificate[], options: X509ValidateOptions): void {
  const leaf = chain[0];
  if (!leaf) throw new CertificateValidationError('chain', 'empty X.509 certificate chain');
  const backend = options.backend ?? portableBackend;
  const now = parseTimeValue(options.now ?? Date.now() / 1000);
  const fail = (reason: CertificateValidationError['reason'], c: SSHX509Certificate, m: string): never => {
    throw new CertificateValidationError(reason, `X.509 certificate '${c.subject}': ${m}`);
  };
  if (!leaf.allowsPurpose(options.purposes)) fail('purpose', leaf, 'does not allow the requested purpose');
  if (
    options.principal !== undefined &&
    leaf.principals.length > 0 &&
    !leaf.principals.includes(options.principal)
  ) {
    fail('principal', leaf, `not valid for '${options.principal}'`);
  }
  if (options.userPrincipal !== undefined && !leaf.userPrincipals.includes(options.userPrincipal)) {
    fail('principal', leaf, `not valid for user '${options.userPrincipal}'`);
  }
  if (options.hostPrincipal !== undefined && !leaf.hostPrincipals.includes(options.hostPrincipal)) {
    fail('principal', leaf, `not valid for host '${options.hostPrincipal}'`);
  }
  const pool = [...chain.slice(1), ...options.trusted];
  let current = leaf;
  let intermediates = 0;
  for (let depth = 0; depth <= (options.maxDepth ?? 10); depth++) {
    if (now < current.validAfter) fail('not-yet-valid', current, 'not yet valid');
    if (now > current.validBefore) fail('expired', current, 'expired');
    if (current.parts.unknownCritical.length > 0) {
      fail(
        'critical-option',
        current,
        `unknown critical extension ${current.parts.unknownCritical.join(', ')}`,
      );
    }
    if (options.trusted.some((t) => sameDer(t, current))) return;
    const cur = current;
    const issuer = pool.find(
      (c) =>
        namesEqual(c.parts.subject, cur.parts.issuer) &&
        verifyX509Signature(
          backend,
          c.parts.keyBlob,
          cur.parts.sigAlgOid,
          cur.parts.tbs,
          cur.parts.signature,
        ),
    );
    if (!issuer)
      throw new CertificateValidationError(
        'chain',
        `X.509 certificate '${current.subject}': no trusted issuer signed it`,
      );
    if (!issuer.isCA) fail('ca', issuer, 'issuer is not a CA');
    const ku = issuer.parts.keyUsage;
    if (ku !== undefined && (ku & KEY_CERT_SIGN) === 0)
      fail('ca', issuer, 'issuer may not sign certificates');
    if (depth > 0 && !current.isSelfIssued) intermediates++;
    const pathLen = issuer.parts.pathLen;
    if (pathLen !== undefined && intermediates > pathLen)
      fail('ca', issuer, `path length ${pathLen} exceeded`);
    current = issuer;
  }
  fail('chain', leaf, 'chain too long');
}
