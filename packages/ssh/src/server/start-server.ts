import { authenticateServer, importKnownHosts, type SSHAuthorizedKeys, SSHKnownHosts } from '@ssh/auth';
import { lookupClientHost, readKnownHosts } from '@ssh/auth/node';
import { acceptSessions, SSHConnection, type SSHServerProcess } from '@ssh/channels';
import { type SSHCertificate, type SSHKey, SSHKeyPair } from '@ssh/crypto';
import { type ByteStream, Transport } from '@ssh/transport';
import { DEFAULT_LOGIN_TIMEOUT } from '@ssh/wire';
import { announceHostKeys } from '../hostkeys/server-hostkeys.js';
import { caSignatureAlgorithms } from '../options/ca-signature-algs.js';
import { loadCertificate, loadPrivateKey } from '../options/keys.js';
import { pickDefined, pickTransportOptions, signatureList } from '../options/pick-algorithms.js';
import type { ServerOptionFields } from '../options/server-options.js';
import { serverAuthHooks } from './auth-hooks.js';
import { loadAuthorizedKeys, ServerAuthState } from './auth-state.js';
import { acceptDirectTunnels } from './direct-tcpip.js';
import { fileTransferSessions } from './file-transfer.js';
import { acceptRemoteListens } from './remote-listen.js';
import { SSHServerConnection } from './server-connection.js';
import { serverForwardingHooks } from './server-forwarding.js';
import { SSHServer } from './ssh-server.js';

/** What every connection of one server shares: the options with host keys and authorized keys loaded. */
export interface ServerSetup {
  readonly options: ServerOptionFields;
  readonly hostKeys: readonly SSHKey[];
  readonly hostCerts: readonly SSHCertificate[];
  readonly authorized: SSHAuthorizedKeys | undefined;
  readonly knownClientHosts: SSHKnownHosts | undefined;
}

/** Load the host keys and authorized keys the options name; throws TypeError without host keys. */
export function prepareServer(fn: string, options: ServerOptionFields): ServerSetup {
  if (!options.serverHostKeys?.length) throw new TypeError(`${fn}: option "serverHostKeys" is required`);
  caSignatureAlgorithms(options.caSignatureAlgs); // an unknown name fails here, before anything listens
  const hostCerts: SSHCertificate[] = [];
  const hostKeys = options.serverHostKeys.map((k) => {
    const key = loadPrivateKey(k, options.passphrase);
    if (key instanceof SSHKeyPair && key.cert) hostCerts.push(key.cert);
    return key instanceof SSHKeyPair ? key.key : key;
  });
  for (const c of options.serverHostCerts ?? []) hostCerts.push(loadCertificate(c));
  const ak = options.authorizedClientKeys;
  const authorized = ak === undefined ? undefined : loadAuthorizedKeys(ak);
  const kch = options.knownClientHosts;
  const knownClientHosts =
    kch === undefined || kch instanceof SSHKnownHosts
      ? kch
      : typeof kch === 'string' && kch.includes('\n')
        ? importKnownHosts(kch)
        : readKnownHosts(kch as string | readonly string[]);
  return { options, hostKeys, hostCerts, authorized, knownClientHosts };
}

/** Addresses of the two ends, as getExtraInfo reports them. */
export interface PeerInfo {
  peername: [string | undefined, number | undefined];
  sockname: [string | undefined, number | undefined];
}

/**
 * Run the server side of one SSH connection over `stream`: key exchange,
 * user authentication within `loginTimeout`, then sessions. Resolves with the
 * connection once the user has logged in; rejects (with the stream closed)
 * when the handshake or login fails.
 */
export async function startServerConnection(
  stream: ByteStream,
  setup: ServerSetup,
  peer: PeerInfo,
): Promise<SSHServerConnection> {
  const o = setup.options;
  const server: Partial<SSHServer> = o.serverFactory?.() ?? new SSHServer();
  let mux: SSHConnection | undefined;
  const transport = new Transport(
    stream,
    {
      role: 'server',
      serverHostKeys: [...setup.hostKeys],
      ...(setup.hostCerts.length ? { serverHostCerts: [...setup.hostCerts] } : {}),
      ...(o.serverVersion ? { softwareVersion: o.serverVersion } : {}),
      ...pickTransportOptions(o),
    },
    { drain: () => mux?.transportDrained() },
  );
  const conn = new SSHServerConnection(transport, { ...peer }, new ServerAuthState(setup.authorized));
  conn.authState.toggles = pickDefined(o, ['publicKeyAuth', 'passwordAuth', 'kbdintAuth']);
  server.connectionMade?.(conn);
  transport.closedPromise.then((err) => server.connectionLost?.(err ?? null));
  const timer = setTimeout(() => transport.abort(), (o.loginTimeout ?? DEFAULT_LOGIN_TIMEOUT) * 1000);
  (timer as { unref?: () => void }).unref?.();
  try {
    await transport.ready;
    const result = await authenticateServer(transport, {
      hooks: serverAuthHooks(server, conn.authState, peer.peername[0] ?? null),
      ...(o.authBanner ? { banner: o.authBanner } : {}),
      ...(o.maxAuthAttempts ? { maxAuthAttempts: o.maxAuthAttempts } : {}),
      ...(peer.peername[0] ? { clientAddress: peer.peername[0] } : {}),
      ...(peer.peername[1] ? { clientPort: peer.peername[1] } : {}),
      ...(setup.knownClientHosts ? { knownClientHosts: setup.knownClientHosts } : {}),
      ...pickDefined(o, ['trustClientHost', 'hostBasedAuth']),
      // The user key signature algorithms accepted (AsyncSSH's signature_algs).
      ...signatureList(o.signatureAlgs),
      resolveClientHost: lookupClientHost,
      ...(o.caSignatureAlgs !== undefined
        ? { caSignatureAlgorithms: caSignatureAlgorithms(o.caSignatureAlgs) as string[] }
        : {}),
    });
    mux = new SSHConnection(transport, pickDefined(o, ['encoding', 'errors', 'window', 'maxPktsize']));
    if (result.certificate) conn.authState.certificate = result.certificate;
    conn.attach(mux, result.username);
    // What the login key's authorized_keys options and the user certificate allow, as sshd and AsyncSSH apply them.
    const forced = conn.getCertificateOption('force-command') ?? conn.getKeyOption('command');
    const loginEnv = conn.getKeyOption('environment') as Readonly<Record<string, string>> | undefined;
    const ptyAllowed =
      o.allowPty !== false && conn.checkKeyPermission('pty') && conn.checkCertificatePermission('pty');
    const info = { username: result.username, ...peer };
    const files = fileTransferSessions(o);
    const processFactory = files.processFactory;
    const ownSessions =
      server.sessionRequested && server.sessionRequested !== SSHServer.prototype.sessionRequested;
    const sessionRequested =
      o.sessionRequested ?? (ownSessions ? () => server.sessionRequested?.() ?? false : undefined);
    acceptSessions(mux, {
      ...(processFactory
        ? {
            processFactory: (proc: SSHServerProcess) => {
              proc.channel.setExtraInfo(info);
              return processFactory(proc);
            },
          }
        : {}),
      ...(o.sessionFactory ? { sessionFactory: o.sessionFactory } : {}),
      ...(sessionRequested ? { sessionRequested } : {}),
      ...pickDefined(o, ['lineEditor', 'lineEcho', 'lineHistory', 'maxLineLength']),
      allowPty: ptyAllowed,
      ...(files.binarySession ? { binarySession: files.binarySession } : {}),
      ...serverForwardingHooks(mux, conn, o),
      ...(typeof forced === 'string' ? { forcedCommand: forced } : {}),
      ...(loginEnv ? { loginEnv } : {}),
    });
    acceptDirectTunnels(mux, server, conn);
    acceptRemoteListens(mux, server, conn);
    if (o.sendServerHostKeys) announceHostKeys(transport, mux, setup.hostKeys);
    if (o.keepaliveInterval) conn.setKeepalive(o.keepaliveInterval, o.keepaliveCountMax ?? 3);
    server.authCompleted?.();
    return conn;
  } catch (err) {
    if (!transport.isClosed) transport.abort();
    throw err;
  } finally {
    clearTimeout(timer);
  }
}
