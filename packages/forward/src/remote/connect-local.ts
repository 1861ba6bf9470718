import { connect, type Socket } from 'node:net';
import { ChannelOpenError } from '@ssh/channels';
import { OPEN_CONNECT_FAILED } from '@ssh/wire';

/** Where forwarded connections are delivered on this machine. */
export type LocalTarget = { host: string; port: number } | { path: string };

/** Describe a target for messages. */
export function describeTarget(target: LocalTarget): string {
  return 'path' in target ? target.path : `${target.host}:${target.port}`;
}

/**
 * Connect to a local TCP port or UNIX socket, half-close allowed. A failure is
 * ChannelOpenError(OPEN_CONNECT_FAILED), which refuses the channel the peer opened.
 */
export function connectLocal(target: LocalTarget): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket =
      'path' in target
        ? connect({ path: target.path, allowHalfOpen: true })
        : connect({ host: target.host, port: target.port, allowHalfOpen: true });
    socket.pause();
    const failed = (err: Error) => {
      socket.destroy();
      reject(new ChannelOpenError(OPEN_CONNECT_FAILED, `${describeTarget(target)}: ${err.message}`));
    };
    socket.once('error', failed);
    socket.once('connect', () => {
      socket.off('error', failed);
      socket.on('error', () => undefined);
      socket.setNoDelay?.(true);
      resolve(socket);
    });
  });
}
