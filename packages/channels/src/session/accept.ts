import { EXTENDED_DATA_STDERR, OPEN_ADMINISTRATIVELY_PROHIBITED } from '@ssh/wire';
import { ChannelOpenError } from '../errors.js';
import type { SSHConnection } from '../mux.js';
import { SSHServerProcess } from '../process/server-process.js';
import { SSHReader } from '../stream/reader.js';
import { SSHServerStreamSession } from '../stream/server-stream-session.js';
import { SSHWriter } from '../stream/writer.js';
import { type ServerChannelOptions, SSHServerChannel } from './server-channel.js';
import type { ServerSessionHandler } from './session.js';

/** A stream-style session handler: (stdin, stdout, stderr), may be async. */
export type StreamSessionHandler = (stdin: SSHReader, stdout: SSHWriter, stderr: SSHWriter) => unknown;

/** A process-style handler given an SSHServerProcess. */
export type ProcessHandler = (process: SSHServerProcess) => unknown;

/** What `sessionRequested` may return (AsyncSSH's session_requested). */
export type SessionRequestResult =
  | ServerSessionHandler
  | StreamSessionHandler
  | [SSHServerChannel, ServerSessionHandler | StreamSessionHandler]
  | false;

/** How a server answers session opens. */
export interface ServerSessionOptions extends ServerChannelOptions {
  /** Decide on each session; may throw ChannelOpenError. Overrides the factories. */
  sessionRequested?: () => SessionRequestResult | Promise<SessionRequestResult>;
  /** Handler for shell, exec and subsystems in process form; wins over sessionFactory. */
  processFactory?: ProcessHandler;
  /** Handler for shell, exec and subsystems in stream form. */
  sessionFactory?: StreamSessionHandler;
  /** Wrap PTY sessions with a line editor (see SSHLineEditorChannel; default true). Applied by `lineEditorFor`. */
  lineEditor?: boolean;
}

function runHandler(channel: SSHServerChannel, work: () => unknown): void {
  try {
    const r = work();
    if (r instanceof Promise) {
      r.catch((err: unknown) => {
        channel.logger.debug1('Session handler failed: %s', err instanceof Error ? err.message : err);
        channel.close();
      });
    }
  } catch (err) {
    channel.logger.debug1('Session handler failed: %s', err instanceof Error ? err.message : err);
    channel.close();
  }
}

function streamSession(
  channel: SSHServerChannel,
  options: ServerSessionOptions,
  handler: StreamSessionHandler | undefined,
  proc: ProcessHandler | undefined,
): SSHServerStreamSession {
  return new SSHServerStreamSession((s) => {
    if (proc) runHandler(channel, () => proc(new SSHServerProcess(channel, s)));
    else if (handler) {
      runHandler(channel, () =>
        handler(new SSHReader(s), new SSHWriter(s), new SSHWriter(s, EXTENDED_DATA_STDERR)),
      );
    }
  }, options.allowPty ?? true);
}

/**
 * Accept incoming `session` channels on a server connection: through
 * `sessionRequested`, else `processFactory`, else `sessionFactory`; with none
 * of them sessions are refused. After no-more-sessions@openssh.com they are refused too.
 */
export function acceptSessions(conn: SSHConnection, options: ServerSessionOptions): void {
  conn.registerChannelType('session', async () => {
    if (conn.noMoreSessions) {
      throw new ChannelOpenError(OPEN_ADMINISTRATIVELY_PROHIBITED, 'no more sessions allowed');
    }
    let result: SessionRequestResult = false;
    if (options.sessionRequested) result = await options.sessionRequested();
    else if (options.processFactory || options.sessionFactory) {
      const channel = new SSHServerChannel(conn, options);
      channel.bindSession(streamSession(channel, options, options.sessionFactory, options.processFactory));
      return channel;
    }
    if (result === false) throw new ChannelOpenError(OPEN_ADMINISTRATIVELY_PROHIBITED, 'Session refused');
    const [channel, session] = Array.isArray(result) ? result : [new SSHServerChannel(conn, options), result];
    channel.bindSession(
      typeof session === 'function' ? streamSession(channel, options, session, undefined) : session,
    );
    return channel;
  });
}

/** Build a server channel with its own settings, for `sessionRequested` to return (createServerChannel). */
export function createServerChannel(
  conn: SSHConnection,
  options: ServerChannelOptions = {},
): SSHServerChannel {
  return new SSHServerChannel(conn, options);
}
