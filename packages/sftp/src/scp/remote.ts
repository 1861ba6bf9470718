import { openSession, SSHConnection } from '@ssh/channels';
import { type ScpByteStream, scpStreamOf } from './stream.js';

/** A connection SCP can run a remote `scp` on: the channel mux, or anything exposing it as `connection`. */
export type ScpConnection = SSHConnection | { readonly connection: SSHConnection };

/** The channel mux behind an ScpConnection. */
export function muxOf(conn: ScpConnection): SSHConnection {
  return conn instanceof SSHConnection ? conn : conn.connection;
}

/** Whether a value is an ScpConnection. */
export function isScpConnection(value: unknown): value is ScpConnection {
  if (value instanceof SSHConnection) return true;
  return (
    typeof value === 'object' &&
    value !== null &&
    'connection' in value &&
    (value as { connection: unknown }).connection instanceof SSHConnection
  );
}

/** The flags of a remote scp run. */
export interface RemoteScpFlags {
  /** true runs `scp -f` (it sends), false `scp -t` (it receives). */
  source: boolean;
  mustBeDir: boolean;
  preserve: boolean;
  recurse: boolean;
}

/** The `scp` command line for a remote side; the path goes to the remote shell as given (its wildcards expand there). */
export function remoteScpCommand(flags: RemoteScpFlags, path: string): string {
  return [
    'scp',
    flags.source ? '-f' : '-t',
    ...(flags.mustBeDir ? ['-d'] : []),
    ...(flags.preserve ? ['-p'] : []),
    ...(flags.recurse ? ['-r'] : []),
    path === '' ? '.' : path,
  ].join(' ');
}

/** Run `scp -f` or `scp -t` on a session of `conn`; its stderr is read and logged. */
export async function startRemoteScp(
  conn: ScpConnection,
  flags: RemoteScpFlags,
  path: string,
): Promise<ScpByteStream> {
  const mux = muxOf(conn);
  const command = remoteScpCommand(flags, path);
  mux.logger.getChild('sftp').info('Starting remote SCP: %s', command);
  const [stdin, stdout, stderr] = await openSession(mux, { command, encoding: null });
  let printed = '';
  void (async () => {
    const dec = new TextDecoder();
    for (;;) {
      const chunk = await stderr.read(8192).catch(() => new Uint8Array(0));
      if (chunk.length === 0) return;
      const text = dec.decode(chunk as Uint8Array, { stream: true });
      if (printed.length < 4096) printed = (printed + text).slice(0, 4096);
      mux.logger.debug1('remote scp stderr: %s', text.trim());
    }
  })();
  return { ...scpStreamOf(stdout, stdin, true), diagnostics: () => printed.trim() };
}
