import { ConnectionLost } from '@ssh/wire';
import { withClientConfigCanonical } from '../config/client-config.js';
import { type ClientOptionFields, resolveClientOptions } from '../options/client-options.js';
import type { SSHClientConnection } from './client-connection.js';
import { dial, type JumpConnector, parseHop } from './dial.js';
import { startClientConnection } from './start-client.js';

/** The default SSH port. */
const SSH_PORT = 22;

/** `connect`'s arguments as one options object: the host may come first, alone. */
export function connectArgs(
  fn: string,
  hostOrOptions: string | ClientOptionFields,
  maybeOptions: ClientOptionFields = {},
): ClientOptionFields {
  const given = typeof hostOrOptions === 'string' ? { ...maybeOptions, host: hostOrOptions } : hostOrOptions;
  return resolveClientOptions(fn, given);
}

/**
 * An AbortSignal that fires when the user's signal does or `timeout` seconds
 * pass (a ConnectionLost naming the host); `done` clears the timer.
 */
export function deadline(
  what: string,
  timeout: number | undefined,
  signal: AbortSignal | undefined,
): { signal: AbortSignal; done: () => void } {
  const ctrl = new AbortController();
  const onAbort = () => ctrl.abort(signal?.reason);
  if (signal?.aborted) ctrl.abort(signal.reason);
  signal?.addEventListener('abort', onAbort, { once: true });
  const timer = timeout
    ? setTimeout(() => ctrl.abort(new ConnectionLost(`connection to ${what} timed out`)), timeout * 1000)
    : undefined;
  return {
    signal: ctrl.signal,
    done: () => {
      if (timer) clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    },
  };
}

/**
 * Connect to an SSH server, check its host key, log in, and return the
 * connection (AsyncSSH's `connect`). The host may be given alone as the first
 * argument. ssh_config (`config`, default ~/.ssh/config) fills in what the
 * options leave out. Every failure rejects with a typed error and leaves
 * nothing open.
 */
export async function connect(
  hostOrOptions: string | ClientOptionFields,
  maybeOptions: ClientOptionFields = {},
): Promise<SSHClientConnection> {
  const given = connectArgs('connect', hostOrOptions, maybeOptions);
  return connectResolved(await withClientConfigCanonical(given.host ?? '', given));
}

/** Connect with options already checked and layered with config. */
async function connectResolved(o: ClientOptionFields): Promise<SSHClientConnection> {
  const host = o.host || 'localhost';
  const port = o.port ?? SSH_PORT;
  const limit = deadline(`${host}:${port}`, o.connectTimeout, o.signal);
  try {
    const { stream, peer, jumps, socket } = await dial(
      o,
      host,
      port,
      limit.signal,
      jumpConnector(o, limit.signal),
    );
    try {
      const conn = await startClientConnection(stream, o, { host, port, ...peer, socket }, limit.signal);
      if (jumps.length) conn.whenClosed(() => closeAll(jumps));
      return conn;
    } catch (err) {
      stream.destroy();
      closeAll(jumps);
      throw err;
    }
  } finally {
    limit.done();
  }
}

function closeAll(conns: SSHClientConnection[]) {
  for (const c of [...conns].reverse()) c.close();
}

/** Connects jump hosts for a string `tunnel`: each hop takes its settings from config only, as AsyncSSH and OpenSSH do. */
export function jumpConnector(o: ClientOptionFields, signal: AbortSignal): JumpConnector {
  return (hop, through) => {
    const h = parseHop(hop);
    return connect(h.host, {
      ...(h.username ? { username: h.username } : {}),
      ...(h.port !== undefined ? { port: h.port } : {}),
      ...(o.config !== undefined ? { config: o.config } : {}),
      ...(through ? { tunnel: through } : {}),
      signal,
    });
  };
}
