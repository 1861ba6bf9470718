import net from 'node:net';
import { ConnectionLost } from '@ssh/wire';

/** Open a TCP connection, honouring a timeout (seconds) and an AbortSignal. */
export function openSocket(
  host: string,
  port: number,
  timeout?: number,
  signal?: AbortSignal,
): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason ?? new Error('aborted'));
      return;
    }
    const sock = net.connect({ host, port });
    sock.setNoDelay(true);
    let timer: ReturnType<typeof setTimeout> | undefined;
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
      if (timer) clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      sock.off('error', onError);
    };
    if (timeout)
      timer = setTimeout(
        () => fail(new ConnectionLost(`connection to ${host}:${port} timed out`)),
        timeout * 1000,
      );
    signal?.addEventListener('abort', onAbort, { once: true });
    sock.once('error', onError);
    sock.once('connect', () => {
      cleanup();
      resolve(sock);
    });
  });
}
