import { type SSHCertificate, SSHKey, SSHKeyPair } from '@ssh/crypto';
import type { ClientAuthKey } from './auth-key.js';

const sameBytes = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * Pair private keys with the certificates that certify them (AsyncSSH's
 * `client_host_certs`): a key with a matching certificate is offered as key +
 * certificate first, then on its own. Keys that are not local private keys
 * (agent keys, key pairs) are kept as they are.
 */
export function pairWithCertificates(
  keys: readonly ClientAuthKey[],
  certs: readonly SSHCertificate[],
): ClientAuthKey[] {
  const out: ClientAuthKey[] = [];
  for (const key of keys) {
    if (key instanceof SSHKey && key.isPrivate) {
      for (const cert of certs) {
        if (sameBytes(cert.key.publicData, key.publicData)) out.push(new SSHKeyPair(key, cert));
      }
    }
    out.push(key);
  }
  return out;
}
