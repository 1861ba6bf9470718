import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { matchKnownHosts } from '@ssh/auth/node';
import type { SSHKey } from '@ssh/crypto';
import { HostKeyNotVerifiable } from '@ssh/wire';
import type { KnownHostsOption } from '../options/client-options.js';

const same = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * Build the client's host key check from the `knownHosts` option: the key
 * must be listed for the host (or `[host]:port`) and not revoked; `null`
 * trusts any key, as AsyncSSH's `known_hosts=None` does.
 */
export function hostKeyChecker(
  option: KnownHostsOption | undefined,
  host: string,
  port: number,
): (key: SSHKey) => boolean {
  if (option === null) return () => true;
  if (typeof option === 'function') return option;
  const files = option ?? path.join(homedir(), '.ssh', 'known_hosts');
  return (key) => {
    const list = (typeof files === 'string' ? [files] : files).filter((f) => existsSync(f));
    if (list.length === 0) {
      throw new HostKeyNotVerifiable(`host key for ${host} is not trusted: no known_hosts file`);
    }
    const m = matchKnownHosts(list, host, host, port === 22 ? null : port);
    if (m.revokedKeys.some((k: SSHKey) => same(k.publicData, key.publicData))) {
      throw new HostKeyNotVerifiable(`host key for ${host} is revoked`);
    }
    if (!m.hostKeys.some((k: SSHKey) => same(k.publicData, key.publicData))) {
      throw new HostKeyNotVerifiable(`host key for ${host} is not trusted (${key.getFingerprint()})`);
    }
    return true;
  };
}
