// Where the client examples connect: the first argument names the server as
// [user@]host[:port] (default localhost, as AsyncSSH's examples use). The
// environment can name the client key and known_hosts file to use instead
// of ~/.ssh/id_* and ~/.ssh/known_hosts: SSH_CLIENT_KEY and SSH_KNOWN_HOSTS.
import type { SSHClientConnectionOptions } from '@ssh/ssh';

/** The host to connect to and the connect() options for `destination`. */
export function target(destination = process.argv[2] ?? 'localhost'): [string, SSHClientConnectionOptions] {
  const m = /^(?:(?<user>[^@]+)@)?(?<host>\[[^\]]+\]|[^:]+)(?::(?<port>\d+))?$/.exec(destination);
  if (!m?.groups?.host) throw new TypeError(`not a [user@]host[:port] destination: ${destination}`);
  const { user, host, port } = m.groups;
  const options: SSHClientConnectionOptions = {};
  if (user) options.username = user;
  if (port) options.port = Number(port);
  if (process.env.SSH_CLIENT_KEY) options.clientKeys = [process.env.SSH_CLIENT_KEY];
  if (process.env.SSH_KNOWN_HOSTS) options.knownHosts = process.env.SSH_KNOWN_HOSTS;
  return [host.replace(/^\[(.*)\]$/, '$1'), options];
}

/**
 * A `[host:]port` argument of the forwarding examples, such as the service to
 * reach or the address to listen on: the host (`fallback[0]` when absent;
 * '' means every interface) and the port.
 */
export function hostPort(arg: string | undefined, fallback: [string, number]): [string, number] {
  if (arg === undefined) return fallback;
  const m = /^(?:(?<host>\[[^\]]*\]|[^:]*):)?(?<port>\d+)$/.exec(arg);
  if (!m?.groups?.port) throw new TypeError(`not a [host:]port: ${arg}`);
  return [(m.groups.host ?? fallback[0]).replace(/^\[(.*)\]$/, '$1'), Number(m.groups.port)];
}
