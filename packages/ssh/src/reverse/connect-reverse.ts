import { type CanonicalizeSettings, canonicalizeHost } from '@ssh/config';
import { nodeHostLookup } from '@ssh/config/node';
import { openTunnelStream } from '@ssh/forward';
import type { ByteStream } from '@ssh/transport';
import { fromNodeStream } from '@ssh/transport/node';
import type { SSHClientConnection } from '../client/client-connection.js';
import { deadline } from '../client/connect.js';
import { openSocket } from '../client/open-socket.js';
import { proxyCommandStream } from '../client/proxy-command.js';
import { tunnelConnection } from '../client/tunnel-connection.js';
import { lookupHints } from '../options/address-flags.js';
import { resolveServerOptions, type ServerOptionFields } from '../options/server-options.js';
import { withServerConfig } from '../server/listen.js';
import type { SSHServerConnection } from '../server/server-connection.js';
import { type PeerInfo, prepareServer, startServerConnection } from '../server/start-server.js';
import { socketPeerInfo } from '../socket-info.js';

/**
 * Dial out to host:port and run an SSH server on that connection (AsyncSSH's
 * `connect_reverse`): the peer runs a client in reverse. Resolves once the
 * peer has logged in. The host name is canonicalized first when
 * `canonicalizeHostname` asks for it, as connect does.
 */
export async function connectReverse(
  hostOrOptions: string | ServerOptionFields,
  maybeOptions: ServerOptionFields = {},
): Promise<SSHServerConnection> {
  const given = typeof hostOrOptions === 'string' ? { ...maybeOptions, host: hostOrOptions } : hostOrOptions;
  const o = withServerConfig(resolveServerOptions('connectReverse', given));
  const setup = prepareServer('connectReverse', o);
  const hints = lookupHints('connectReverse', o.flags);
  const port = o.port ?? 22;
  const tunnel = o.tunnel === 'none' ? null : o.tunnel;
  const proxied = Boolean(tunnel) || Boolean(o.proxyCommand && o.proxyCommand !== 'none');
  const host = await canonicalizeHost(o.host || 'localhost', canonicalSettings(o), !proxied, nodeHostLookup);
  const limit = deadline(`${host}:${port}`, o.connectTimeout, o.signal);
  const opened: SSHClientConnection[] = [];
  try {
    let stream: ByteStream;
    let peer: PeerInfo;
    if (tunnel) {
      const via = await tunnelConnection('connectReverse', tunnel, undefined, limit.signal);
      opened.push(...via.opened);
      stream = (await openTunnelStream(via.conn.connection, host, port)).stream;
      peer = { peername: [host, port], sockname: ['', 0] };
    } else if (o.proxyCommand) {
      stream = proxyCommandStream(o.proxyCommand);
      peer = { peername: [host, port], sockname: ['', 0] };
    } else {
      const sock =
        o.sock && !('listen' in o.sock)
          ? o.sock
          : await openSocket(
              {
                host,
                port,
                family: o.family,
                hints,
                localAddr: o.localAddr,
                tcpKeepalive: o.tcpKeepalive,
              },
              limit.signal,
            );
      stream = fromNodeStream(sock);
      peer = socketPeerInfo(sock);
    }
    const onAbort = () => stream.destroy();
    limit.signal.addEventListener('abort', onAbort, { once: true });
    try {
      const conn = await startServerConnection(stream, setup, peer);
      if (opened.length) conn.waitClosed().then(() => closeAll(opened));
      return conn;
    } catch (err) {
      if (limit.signal.aborted) throw limit.signal.reason ?? err;
      throw err;
    } finally {
      limit.signal.removeEventListener('abort', onAbort);
    }
  } catch (err) {
    closeAll(opened);
    throw err;
  } finally {
    limit.done();
  }
}

function closeAll(conns: SSHClientConnection[]): void {
  for (const c of [...conns].reverse()) c.close();
}

/** The canonicalize* options (AsyncSSH's server options for connect_reverse's host). */
function canonicalSettings(o: ServerOptionFields): CanonicalizeSettings {
  const mode = o.canonicalizeHostname;
  if (typeof mode === 'string' && mode !== 'always') {
    throw new TypeError(
      `connectReverse: option "canonicalizeHostname" must be true, false or 'always', not '${mode}'`,
    );
  }
  return {
    ...(mode !== undefined ? { canonicalizeHostname: mode } : {}),
    ...(o.canonicalDomains !== undefined ? { canonicalDomains: o.canonicalDomains } : {}),
    ...(o.canonicalizeFallbackLocal !== undefined
      ? { canonicalizeFallbackLocal: o.canonicalizeFallbackLocal }
      : {}),
    ...(o.canonicalizeMaxDots !== undefined ? { canonicalizeMaxDots: o.canonicalizeMaxDots } : {}),
  };
}
