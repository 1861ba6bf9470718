import { createHash } from 'node:crypto';
import net from 'node:net';

/** `n` bytes of a pattern that does not repeat every power of two. */
export function pattern(n: number): Buffer {
  const b = Buffer.alloc(n);
  for (let i = 0; i < n; i++) b[i] = (i * 7 + (i >>> 13)) & 255;
  return b;
}

export const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

/** A local echo server (TCP on 127.0.0.1:0, or a UNIX socket path) that half-closes after its client does. */
export async function startEcho(
  path?: string,
): Promise<{ port: number; server: net.Server; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer({ allowHalfOpen: true }, (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => undefined);
    s.pipe(s);
  });
  await new Promise<void>((resolve) =>
    path ? server.listen(path, resolve) : server.listen(0, '127.0.0.1', resolve),
  );
  const a = server.address();
  return {
    port: a && typeof a === 'object' ? a.port : 0,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** What an exchange saw: the bytes received before the far side closed, and whether it was reset. */
export interface Exchange {
  data: Buffer;
  error: string | undefined;
}

/**
 * Connect, send `payload`, half-close, and collect everything until the far
 * side closes. With `lingerMs`, wait that long before half-closing (to check
 * that data flows before EOF).
 */
export function exchange(
  target: { port: number; host?: string } | { path: string },
  payload: Uint8Array,
): Promise<Exchange> {
  return new Promise((resolve) => {
    const sock =
      'port' in target
        ? net.connect({ port: target.port, host: target.host ?? '127.0.0.1', allowHalfOpen: true })
        : net.connect({ path: target.path, allowHalfOpen: true });
    const chunks: Buffer[] = [];
    let error: string | undefined;
    sock.on('data', (d: Buffer) => chunks.push(d));
    sock.on('error', (e: NodeJS.ErrnoException) => {
      error = e.code ?? e.message;
    });
    sock.on('close', () => resolve({ data: Buffer.concat(chunks), error }));
    sock.on('connect', () => sock.end(payload));
  });
}

/**
 * A server that reads everything until its client half-closes, then answers
 * with the SHA-256 of what it read and closes: data that flows only after EOF.
 * With `slow`, it pauses after each chunk, so that the sender must wait.
 */
export async function startDigest(
  path?: string,
  slow = false,
): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer({ allowHalfOpen: true }, (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => undefined);
    const hash = createHash('sha256');
    s.on('data', (d: Buffer) => {
      hash.update(d);
      if (slow) {
        s.pause();
        setTimeout(() => s.resume(), 2);
      }
    });
    s.on('end', () => s.end(hash.digest('hex')));
  });
  await new Promise<void>((resolve) =>
    path ? server.listen(path, resolve) : server.listen(0, '127.0.0.1', resolve),
  );
  const a = server.address();
  return {
    port: a && typeof a === 'object' ? a.port : 0,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
