import { userInfo } from 'node:os';
import { authenticateClient } from '@ssh/auth';
import { SSHConnection } from '@ssh/channels';
import { DEFAULT_PUBLIC_KEY_ALGORITHMS } from '@ssh/crypto';
import { HOST_CERT_ALGORITHMS, Transport } from '@ssh/transport';
import { fromNodeStream } from '@ssh/transport/node';
import { HostKeyNotVerifiable, MSG_IGNORE } from '@ssh/wire';
import { checkClientOptions, type SSHClientConnectionOptions } from '../options/client-options.js';
import { loadClientKeys } from '../options/keys.js';
import { SSHClientConnection } from './client-connection.js';
import { hostKeyChecker, knownHostsMatch } from './host-key-check.js';
import { openSocket } from './open-socket.js';

/**
 * Connect to an SSH server, check its host key, log in, and return the
 * connection (AsyncSSH's `connect`). The host may be given alone as the first
 * argument. Every failure rejects with a typed error and leaves nothing open.
 */
export async function connect(
  hostOrOptions: string | SSHClientConnectionOptions,
  maybeOptions: SSHClientConnectionOptions = {},
): Promise<SSHClientConnection> {
  const options =
    typeof hostOrOptions === 'string' ? { ...maybeOptions, host: hostOrOptions } : { ...hostOrOptions };
  checkClientOptions(options as Record<string, unknown>);
  const host = options.host ?? 'localhost';
  const port = options.port ?? 22;
  const username = options.username ?? userInfo().username;
  const clientKeys = loadClientKeys(options.clientKeys, options.passphrase);
  const checkHostKey = hostKeyChecker(options.knownHosts, host, port);
  // As OpenSSH and AsyncSSH: offer host certificate algorithms first when known_hosts has a CA for this host.
  const hostKeyAlgs = options.serverHostKeyAlgs ?? defaultHostKeyAlgs(options.knownHosts, host, port);
  const sock = await openSocket(host, port, options.connectTimeout, options.signal);
  // The connection layer resumes its channels when the socket drains.
  let connection: SSHConnection | undefined;
  const transport = new Transport(
    fromNodeStream(sock),
    {
      role: 'client',
      ...(options.clientVersion ? { softwareVersion: options.clientVersion } : {}),
      ...pick(options),
      ...(hostKeyAlgs ? { serverHostKeyAlgs: hostKeyAlgs } : {}),
      verifyHostKey: (key) => {
        if (!checkHostKey(key)) throw new HostKeyNotVerifiable(`host key for ${host} is not trusted`);
        return true;
      },
    },
    { drain: () => connection?.transportDrained() },
  );
  const onAbort = () => transport.abort();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  const timer = options.connectTimeout
    ? setTimeout(() => transport.abort(), options.connectTimeout * 1000)
    : undefined;
  try {
    await transport.ready;
    await authenticateClient(transport, {
      username,
      clientKeys,
      ...(options.password !== undefined ? { password: options.password } : {}),
      ...(options.preferredAuth
        ? {
            preferredAuth:
              typeof options.preferredAuth === 'string'
                ? options.preferredAuth.split(',')
                : options.preferredAuth,
          }
        : {}),
    });
  } catch (err) {
    transport.abort();
    if (options.signal?.aborted) throw options.signal.reason ?? err;
    throw err;
  } finally {
    if (timer) clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
  }
  connection = new SSHConnection(transport, {
    ...(options.encoding !== undefined ? { encoding: options.encoding } : {}),
    ...(options.window !== undefined ? { window: options.window } : {}),
    ...(options.maxPktsize !== undefined ? { maxPktsize: options.maxPktsize } : {}),
  });
  // OpenSSH announces its host keys right after login (hostkeys-00@openssh.com, no reply wanted).
  // Answering with an SSH_MSG_IGNORE acknowledges those bytes at once: sshd does not set
  // TCP_NODELAY for non-interactive sessions, so otherwise its next small reply (our first
  // channel's confirmation) waits ~40 ms for our delayed ACK.
  connection.registerGlobalRequest('hostkeys-00@openssh.com', () => {
    transport.send(Uint8Array.of(MSG_IGNORE, 0, 0, 0, 0));
    return true;
  });
  const conn = new SSHClientConnection(transport, connection, {
    host,
    port,
    username,
    peername: [sock.remoteAddress, sock.remotePort],
    sockname: [sock.localAddress, sock.localPort],
  });
  if (options.keepaliveInterval) conn.setKeepalive(options.keepaliveInterval, options.keepaliveCountMax ?? 3);
  return conn;
}

function defaultHostKeyAlgs(option: SSHClientConnectionOptions['knownHosts'], host: string, port: number) {
  if (option === null || typeof option === 'function') return undefined;
  try {
    if (knownHostsMatch(option, host, port).caKeys.length === 0) return undefined;
  } catch {
    return undefined;
  }
  return [
    ...HOST_CERT_ALGORITHMS.filter((a) => !a.startsWith('ssh-rsa-') && !a.startsWith('ssh-dss')),
    ...DEFAULT_PUBLIC_KEY_ALGORITHMS,
  ];
}

function pick(o: SSHClientConnectionOptions) {
  const out: Record<string, unknown> = {};
  for (const k of [
    'kexAlgs',
    'encryptionAlgs',
    'macAlgs',
    'compressionAlgs',
    'signatureAlgs',
    'serverHostKeyAlgs',
    'rekeyBytes',
    'rekeySeconds',
  ] as const) {
    if (o[k] !== undefined) out[k] = o[k];
  }
  return out;
}
