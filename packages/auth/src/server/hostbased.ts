import {
  checkCertificateSignature,
  decodeSSHCertificate,
  decodeSSHPublicKey,
  type SSHKey,
  SSHOpenSSHCertificate,
} from '@ssh/crypto';
import type { PacketReader } from '@ssh/wire';
import type { KnownHostsMatch } from '../known-hosts/known-hosts.js';
import { hostBasedSignedData } from '../userauth/hostbased.js';
import type { AuthRequestHead } from '../userauth/messages.js';
import type { ServerAuthHooks } from './hooks.js';

/** Client host keys a server trusts for hostbased auth: an `SSHKnownHosts` fits. */
export interface KnownClientHosts {
  match(host: string, addr: string, port?: number | null): KnownHostsMatch;
}

/** What the server knows when it checks a hostbased request. */
export interface HostBasedCheck {
  readonly hooks: ServerAuthHooks;
  readonly sessionId: Uint8Array;
  readonly allowedSigs: readonly string[];
  readonly knownClientHosts?: KnownClientHosts | undefined;
  readonly trustClientHost?: boolean | undefined;
  readonly clientAddress?: string | undefined;
  readonly clientPort?: number | undefined;
  readonly resolveClientHost?:
    | ((address: string) => string | undefined | Promise<string | undefined>)
    | undefined;
}

const CERT_SUFFIX = '-cert-v01@openssh.com';
const sameKey = (a: SSHKey, b: SSHKey) =>
  a.publicData.length === b.publicData.length && a.publicData.every((x, i) => x === b.publicData[i]);

/**
 * Check a hostbased request (RFC 4252 §9): the client host name (trusted as
 * sent, or compared with the name its address resolves to), its host key or
 * host certificate (against `knownClientHosts` and the hooks), the client
 * user, and the signature. Returns the host key on success, undefined when
 * the request must fail.
 */
export async function checkHostBased(
  c: HostBasedCheck,
  head: AuthRequestHead,
  r: PacketReader,
): Promise<SSHKey | undefined> {
  const algorithm = r.readUtf8('public key algorithm');
  const blob = r.readString('client host key').slice();
  const sentHost = r.readUtf8('client host name');
  const clientUsername = r.readUtf8('client user name');
  const signature = r.readString('signature').slice();
  const clientHost = sentHost.endsWith('.') ? sentHost.slice(0, -1) : sentHost;
  const addr = c.clientAddress ?? '';
  const port = c.clientPort ?? 0;
  const plainAlg = algorithm.endsWith(CERT_SUFFIX) ? algorithm.slice(0, -CERT_SUFFIX.length) : algorithm;
  if (!c.allowedSigs.includes(plainAlg)) return undefined;

  if (!c.trustClientHost) {
    const resolved = (addr && (await c.resolveClientHost?.(addr))) || addr;
    if (resolved.toLowerCase() !== clientHost.toLowerCase()) return undefined;
  }
  const known = c.knownClientHosts?.match(clientHost, addr, null);
  const revoked = (k: SSHKey) => !!known?.revokedKeys.some((x) => sameKey(x, k));
  let key: SSHKey;
  let check: (data: Uint8Array) => void;
  try {
    if (algorithm.endsWith(CERT_SUFFIX)) {
      const cert = decodeSSHCertificate(blob);
      if (!(cert instanceof SSHOpenSSHCertificate) || revoked(cert.key) || revoked(cert.signingKey))
        return undefined;
      const trusted =
        !!known?.caKeys.some((k) => sameKey(k, cert.signingKey)) ||
        !!(await c.hooks.validateHostCaKey?.(clientHost, addr, port, cert.signingKey));
      if (!trusted) return undefined;
      cert.validate({ type: 'host', principal: clientHost, trustedCAs: [cert.signingKey] });
      key = cert.key;
      check = (data) => checkCertificateSignature(cert, algorithm, data, signature);
    } else {
      const k = decodeSSHPublicKey(blob);
      if (!k.sigAlgorithms.includes(algorithm) || revoked(k)) return undefined;
      const trusted =
        !!known?.hostKeys.some((x) => sameKey(x, k)) ||
        !!(await c.hooks.validateHostPublicKey?.(clientHost, addr, port, k));
      if (!trusted) return undefined;
      key = k;
      check = (data) => k.checkSignature(data, signature, algorithm);
    }
    const userOk = c.hooks.validateHostBasedUser
      ? await c.hooks.validateHostBasedUser(head.username, clientHost, clientUsername)
      : clientUsername === head.username;
    if (!userOk) return undefined;
    check(hostBasedSignedData(c.sessionId, head, { algorithm, blob, clientHost: sentHost, clientUsername }));
    return key;
  } catch {
    return undefined;
  }
}
