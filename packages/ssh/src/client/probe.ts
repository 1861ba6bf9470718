import { userInfo } from 'node:os';
import { queryAuthMethods } from '@ssh/auth';
import type { SSHCertificate, SSHKey } from '@ssh/crypto';
import { Transport } from '@ssh/transport';
import { withClientConfigCanonical } from '../config/client-config.js';
import type { ClientOptionFields } from '../options/client-options.js';
import { pickTransportOptions } from '../options/pick-algorithms.js';
import { connectArgs, deadline, jumpConnector } from './connect.js';
import { dial } from './dial.js';

/** Run a key exchange with the server (no login) and hand the transport to `use`; everything is closed after. */
async function probe<T>(
  fn: string,
  o: ClientOptionFields,
  use: (t: Transport, key: SSHKey | SSHCertificate) => Promise<T>,
): Promise<T> {
  const host = o.host || 'localhost';
  const port = o.port ?? 22;
  const limit = deadline(`${host}:${port}`, o.connectTimeout, o.signal);
  const { stream, jumps } = await dial(o, host, port, limit.signal, jumpConnector(o, limit.signal));
  let hostKey: SSHKey | SSHCertificate | undefined;
  const transport = new Transport(stream, {
    role: 'client',
    ...(o.clientVersion ? { softwareVersion: o.clientVersion } : {}),
    ...pickTransportOptions(o),
    verifyHostKey: (key) => {
      hostKey = key;
      return true;
    },
  });
  const onAbort = () => transport.abort();
  limit.signal.addEventListener('abort', onAbort, { once: true });
  try {
    await transport.ready;
    if (!hostKey) throw new TypeError(`${fn}: the server proved no host key`);
    return await use(transport, hostKey);
  } catch (err) {
    if (limit.signal.aborted) throw limit.signal.reason ?? err;
    throw err;
  } finally {
    limit.signal.removeEventListener('abort', onAbort);
    limit.done();
    transport.disconnect();
    for (const j of jumps.reverse()) j.close();
  }
}

/**
 * Connect just far enough to learn the server's host key (AsyncSSH's
 * `get_server_host_key`): the key is not checked against known_hosts.
 */
export async function getServerHostKey(
  hostOrOptions: string | ClientOptionFields,
  maybeOptions: ClientOptionFields = {},
): Promise<SSHKey | SSHCertificate> {
  const given = connectArgs('getServerHostKey', hostOrOptions, maybeOptions);
  const o = await withClientConfigCanonical(given.host ?? '', given);
  return probe('getServerHostKey', o, async (_t, key) => key);
}

/**
 * Connect through the key exchange and return the auth methods the server
 * offers `username` (AsyncSSH's `get_server_auth_methods`); [] when it lets the user in without any.
 */
export async function getServerAuthMethods(
  hostOrOptions: string | ClientOptionFields,
  maybeOptions: ClientOptionFields = {},
): Promise<string[]> {
  const given = connectArgs('getServerAuthMethods', hostOrOptions, maybeOptions);
  const o = await withClientConfigCanonical(given.host ?? '', given);
  return probe('getServerAuthMethods', o, (t) => queryAuthMethods(t, o.username ?? userInfo().username));
}
