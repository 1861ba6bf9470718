import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { type KnownHostsMatch, matchKnownHosts } from '@ssh/auth/node';
import { SSHCertificate, type SSHKey, SSHOpenSSHCertificate } from '@ssh/crypto';
import { HostKeyNotVerifiable } from '@ssh/wire';
import type { KnownHostsOption } from '../options/client-options.js';

const same = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);

/** The known_hosts entries for a host, from the files the option names (default ~/.ssh/known_hosts). */
export function knownHostsMatch(
  option: string | readonly string[] | undefined,
  host: string,
  port: number,
): KnownHostsMatch {
  const files = option ?? path.join(homedir(), '.ssh', 'known_hosts');
  const list = (typeof files === 'string' ? [files] : files).filter((f) => existsSync(f));
  if (list.length === 0)
    throw new HostKeyNotVerifiable(`host key for ${host} is not trusted: no known_hosts file`);
  return matchKnownHosts(list, host, host, port === 22 ? null : port);
}

/**
 * Build the client's host key check from the `knownHosts` option: a plain
 * key must be listed for the host (or `[host]:port`) and not revoked; a host
 * certificate must be valid for the host name and signed by a CA listed with
 * `@cert-authority`. `null` trusts any key, as AsyncSSH's `known_hosts=None`.
 */
export function hostKeyChecker(
  option: KnownHostsOption | undefined,
  host: string,
  port: number,
  caSignatureAlgorithms?: readonly string[],
): (key: SSHKey | SSHCertificate) => boolean {
  if (option === null) return () => true;
  if (typeof option === 'function') return (k) => option(k instanceof SSHCertificate ? k.key : k);
  return (presented) => {
    const m = knownHostsMatch(option, host, port);
    const key = presented instanceof SSHCertificate ? presented.key : presented;
    if (m.revokedKeys.some((k: SSHKey) => same(k.publicData, key.publicData))) {
      throw new HostKeyNotVerifiable(`host key for ${host} is revoked`);
    }
    if (presented instanceof SSHOpenSSHCertificate) {
      try {
        presented.validate({
          type: 'host',
          principal: host,
          trustedCAs: m.caKeys,
          ...(caSignatureAlgorithms ? { caSignatureAlgorithms } : {}),
        });
      } catch (err) {
        throw new HostKeyNotVerifiable(
          `host certificate for ${host} is not trusted: ${(err as Error).message}`,
        );
      }
      return true;
    }
    if (!m.hostKeys.some((k: SSHKey) => same(k.publicData, key.publicData))) {
      throw new HostKeyNotVerifiable(`host key for ${host} is not trusted (${key.getFingerprint()})`);
    }
    return true;
  };
}
