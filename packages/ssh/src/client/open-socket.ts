import net from 'node:net';
import { ConnectionLost } from '@ssh/wire';

/** Where and how to open a TCP connection. */
export interface SocketTarget {
  host: string;
  port: number;
  family?: 0 | 4 | 6 | undefined;
  /** dns.lookup hints (the `flags` option, checked by lookupHints). */
  hints?: number | undefined;
  localAddr?: readonly [string, number] | undefined;
  tcpKeepalive?: boolean | undefined;
}

/** Open a TCP connection; `signal` cancels it (the caller turns timeouts into an abort). */
export function openSocket(t: SocketTarget, signal?: AbortSignal): Promise<net.Socket> {
  const { host, port } = t;
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason ?? new Error('aborted'));
      return;
    }
    const sock = net.connect({
      host,
      port,
      ...(t.family ? { family: t.family } : {}),
      ...(t.hints ? { hints: t.hints } : {}),
      ...(t.localAddr
        ? { localAddress: t.localAddr[0], ...(t.localAddr[1] ? { localPort: t.localAddr[1] } : {}) }
        : {}),
    });
    sock.setNoDelay(true);
    sock.setKeepAlive(t.tcpKeepalive ?? true);
    const fail = (err: Error) => {
      cleanup();
      sock.destroy();
      reject(err);
    };
    const onAbort = () =>
      fail(signal?.reason instanceof Error ? signal.reason : new Error('connect aborted'));
    const onError = (err: Error) =>
      fail(
        new ConnectionLost(`cannot connect to ${host}:${port}: ${err.message}`, undefined, { cause: err }),
      );
    const cleanup = () => {
      signal?.removeEventListener('abort', onAbort);
      sock.off('error', onError);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    sock.once('error', onError);
    sock.once('connect', () => {
      cleanup();
      resolve(sock);
    });
  });
}
