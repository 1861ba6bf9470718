import type { Socket } from 'node:net';
import { userInfo } from 'node:os';
import {
  authenticateClient,
  type ClientAuthKey,
  type ClientAuthOptions,
  type SSHAgentClient,
} from '@ssh/auth';
import { connectAgent, keysignHostKeys, localUsername, lookupClientHost } from '@ssh/auth/node';
import { SSHConnection } from '@ssh/channels';
import { DEFAULT_PUBLIC_KEY_ALGORITHMS, SSHCertificate, type SSHKey } from '@ssh/crypto';
import { type ByteStream, HOST_CERT_ALGORITHMS, Transport } from '@ssh/transport';
import { ConnectionLost, DEFAULT_LOGIN_TIMEOUT, HostKeyNotVerifiable } from '@ssh/wire';
import { watchHostKeys } from '../hostkeys/client-hostkeys.js';
import { caSignatureAlgorithms } from '../options/ca-signature-algs.js';
import type { ClientOptionFields } from '../options/client-options.js';
import { loadCertificate, loadClientKeys, loadPrivateKey } from '../options/keys.js';
import { pickDefined, pickTransportOptions, signatureList } from '../options/pick-algorithms.js';
import type { PeerInfo } from '../server/start-server.js';
import { SSHClientConnection } from './client-connection.js';
import { startClientForwarding } from './client-forwarding-options.js';
import { hostKeyChecker, knownHostsMatch } from './host-key-check.js';
import { SSHClient } from './ssh-client.js';

const CHANNEL_OPTIONS = ['encoding', 'errors', 'window', 'maxPktsize'] as const;
const SESSION_OPTIONS = [
  'command',
  'subsystem',
  'env',
  'sendEnv',
  'requestPty',
  'termType',
  'termSize',
  'termModes',
] as const;

/** `preferredAuth` as a list. */
function authMethods(given: string | readonly string[]): string[] {
  return (typeof given === 'string' ? given.split(',') : [...given]).map((m) => m.trim()).filter(Boolean);
}

const AUTH_OPTIONS = [
  'password',
  'agentIdentities',
  'hostBasedAuth',
  'publicKeyAuth',
  'kbdintAuth',
  'passwordAuth',
  'disableTrivialAuth',
] as const;

/** The options authenticateClient takes as they are, and signatureAlgs expanded to a list. */
function pickAuthOptions(o: ClientOptionFields): Partial<ClientAuthOptions> {
  return {
    ...pickDefined(o, AUTH_OPTIONS),
    // User auth signs with these too, not only the host key check (AsyncSSH's signature_algs).
    ...signatureList(o.signatureAlgs),
  } as Partial<ClientAuthOptions>;
}

/**
 * Hostbased auth settings: host keys (given, or ssh-keysign's), their
 * certificates, and the client host name (given, or a reverse lookup of our
 * address) and local user name, as AsyncSSH defaults them.
 */
async function hostBasedOptions(
  o: ClientOptionFields,
  peer: PeerInfo & { socket?: Socket | undefined },
): Promise<Partial<ClientAuthOptions>> {
  const keys: ClientAuthKey[] = (o.clientHostKeys ?? []).map((k) => loadPrivateKey(k, o.passphrase));
  if (o.clientHostKeysign && peer.socket) {
    keys.push(
      ...keysignHostKeys({
        socket: peer.socket,
        ...(typeof o.clientHostKeysign === 'string' ? { keysignPath: o.clientHostKeysign } : {}),
      }),
    );
  }
  if (keys.length === 0) return {};
  const local = peer.sockname[0];
  return {
    clientHostKeys: keys,
    ...(o.clientHostCerts ? { clientHostCerts: o.clientHostCerts.map(loadCertificate) } : {}),
    clientHost: o.clientHost ?? (local ? await lookupClientHost(local) : ''),
    clientUsername: o.clientUsername ?? localUsername(),
  };
}

/**
 * The ssh-agent to take keys from, as AsyncSSH decides: `agentPath`, else
 * $SSH_AUTH_SOCK, and none when `clientKeys` is given or `agentPath` is null.
 * An agent that cannot be reached is skipped.
 */
async function openAgent(o: ClientOptionFields): Promise<SSHAgentClient | undefined> {
  if (o.agentPath === null || (o.clientKeys !== undefined && o.agentPath === undefined)) return undefined;
  const path = o.agentPath ?? process.env.SSH_AUTH_SOCK;
  if (!path) return undefined;
  return connectAgent(path).catch(() => undefined);
}

/**
 * Run the client side of one SSH connection over `stream`: key exchange with
 * the host key checked against known_hosts (then the SSHClient's
 * validateHostPublicKey), login, then the connection protocol. Rejects, with
 * the stream closed, when any step fails or `signal` fires.
 */
export async function startClientConnection(
  stream: ByteStream,
  o: ClientOptionFields,
  peer: PeerInfo & { host: string; port: number; socket?: Socket | undefined },
  signal?: AbortSignal,
): Promise<SSHClientConnection> {
  const { host, port } = peer;
  const username = o.username ?? userInfo().username;
  const client = o.clientFactory?.() ?? new SSHClient();
  const clientKeys = loadClientKeys(o.clientKeys, {
    passphrase: o.passphrase,
    certs: o.clientCerts,
    ignoreEncrypted: o.ignoreEncrypted,
  });
  // With HostKeyAlias, OpenSSH looks the alias up as it is, without the port.
  const [khHost, khPort] = o.hostKeyAlias ? [o.hostKeyAlias, 22] : [host, port];
  const knownHostsCheck = hostKeyChecker(
    o.knownHosts,
    khHost,
    khPort,
    caSignatureAlgorithms(o.caSignatureAlgs),
  );
  const checkHostKey = (key: SSHKey | SSHCertificate) => {
    try {
      return knownHostsCheck(key);
    } catch (err) {
      const plain = key instanceof SSHCertificate ? key.key : key;
      if (client.validateHostPublicKey(host, peer.peername[0] ?? '', port, plain)) return true;
      throw err;
    }
  };
  // As OpenSSH and AsyncSSH: offer host certificate algorithms first when known_hosts has a CA for this host.
  const hostKeyAlgs = o.serverHostKeyAlgs ?? certFirstHostKeyAlgs(o.knownHosts, khHost, khPort);
  let mux: SSHConnection | undefined;
  const transport = new Transport(
    stream,
    {
      role: 'client',
      ...(o.clientVersion ? { softwareVersion: o.clientVersion } : {}),
      ...pickTransportOptions(o),
      ...(hostKeyAlgs ? { serverHostKeyAlgs: hostKeyAlgs } : {}),
      verifyHostKey: (key) => {
        if (!checkHostKey(key)) throw new HostKeyNotVerifiable(`host key for ${host} is not trusted`);
        return true;
      },
    },
    { drain: () => mux?.transportDrained() },
  );
  const conn = new SSHClientConnection(transport, {
    host,
    port,
    peername: peer.peername,
    sockname: peer.sockname,
    username,
  });
  client.connectionMade(conn);
  transport.closedPromise.then((err) => client.connectionLost(err ?? null));
  let agent: SSHAgentClient | undefined;
  const onAbort = () => transport.abort();
  if (signal?.aborted) transport.abort();
  signal?.addEventListener('abort', onAbort, { once: true });
  let loginTimer: ReturnType<typeof setTimeout> | undefined;
  let loginExpired: ConnectionLost | undefined;
  try {
    await transport.ready;
    const loginTimeout = o.loginTimeout ?? DEFAULT_LOGIN_TIMEOUT;
    if (loginTimeout > 0) {
      loginTimer = setTimeout(() => {
        loginExpired = new ConnectionLost(`login to ${host} did not finish within ${loginTimeout} s`);
        transport.abort();
      }, loginTimeout * 1000);
    }
    agent = await openAgent(o);
    const login = authenticateClient(transport, {
      username,
      clientKeys,
      client,
      agent: agent ?? null,
      ...pickAuthOptions(o),
      ...(o.preferredAuth !== undefined ? { preferredAuth: authMethods(o.preferredAuth) } : {}),
      ...(await hostBasedOptions(o, peer)),
    });
    // A callback that never answers (a password prompt) must not outlive loginTimeout or an abort.
    const closed = transport.closedPromise.then((err) => {
      throw err ?? new ConnectionLost('connection closed during login');
    });
    login.catch(() => undefined);
    closed.catch(() => undefined);
    await Promise.race([login, closed]);
  } catch (err) {
    transport.abort();
    if (signal?.aborted) throw signal.reason ?? err;
    throw loginExpired ?? err;
  } finally {
    signal?.removeEventListener('abort', onAbort);
    if (loginTimer) clearTimeout(loginTimer);
    agent?.close();
  }
  mux = new SSHConnection(transport, pickDefined(o, CHANNEL_OPTIONS));
  // OpenSSH announces its host keys right after login (hostkeys-00@openssh.com).
  const files = o.knownHosts === null || typeof o.knownHosts === 'function' ? undefined : o.knownHosts;
  watchHostKeys(transport, mux, {
    knownHosts: files,
    host: khHost,
    port: khPort,
    handler:
      o.knownHosts === null || typeof o.knownHosts === 'function' ? undefined : o.serverHostKeysHandler,
  });
  const forwarding = await startClientForwarding(mux, o).catch((err: Error) => {
    transport.abort();
    throw err;
  });
  conn.attach(mux, { ...pickDefined(o, SESSION_OPTIONS), ...forwarding });
  if (o.keepaliveInterval) conn.setKeepalive(o.keepaliveInterval, o.keepaliveCountMax ?? 3);
  return conn;
}

function certFirstHostKeyAlgs(option: ClientOptionFields['knownHosts'], host: string, port: number) {
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
