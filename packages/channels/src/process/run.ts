import { EXTENDED_DATA_STDERR } from '@ssh/wire';
import type { ChannelData } from '../encoding.js';
import type { SSHConnection } from '../mux.js';
import { type ClientSessionOptions, createSession } from '../session/client-channel.js';
import { SSHReader } from '../stream/reader.js';
import { SSHStreamSession } from '../stream/stream-session.js';
import { SSHWriter } from '../stream/writer.js';
import { type RedirectOptions, SSHClientProcess } from './client-process.js';
import type { SSHCompletedProcess } from './completed.js';
import type { OutputTarget, StderrTarget, StdinSource } from './redirect.js';

/** Options of createProcess (create_process): session options plus input and redirection. */
export interface ProcessOptions extends ClientSessionOptions, RedirectOptions {
  /** Data fed to stdin, followed by EOF. */
  input?: ChannelData | null;
  stdin?: StdinSource | null;
  stdout?: OutputTarget | null;
  stderr?: StderrTarget | null;
}

/** Options of run(): process options plus `check` and `timeout` (seconds). */
export interface RunOptions extends ProcessOptions {
  check?: boolean;
  timeout?: number | null;
}

function withCommand<T extends ClientSessionOptions>(
  command: string | T | undefined,
  options: T | undefined,
): T {
  if (typeof command === 'string') return { ...(options as T), command };
  return (command ?? options ?? {}) as T;
}

/** Open a session in stream form: [stdin writer, stdout reader, stderr reader] (open_session). */
export async function openSession(
  conn: SSHConnection,
  options: ClientSessionOptions = {},
): Promise<[SSHWriter, SSHReader, SSHReader]> {
  const [, session] = await createSession(conn, () => new SSHStreamSession(), options);
  return [new SSHWriter(session), new SSHReader(session), new SSHReader(session, EXTENDED_DATA_STDERR)];
}

/** Start a remote process (create_process). `command` may be given as the first argument. */
export async function createProcess(
  conn: SSHConnection,
  command?: string | ProcessOptions,
  options?: ProcessOptions,
): Promise<SSHClientProcess> {
  const opts = withCommand(command, options);
  const [channel, session] = await createSession(conn, () => new SSHStreamSession(), opts);
  const proc = new SSHClientProcess(channel, session);
  proc.redirect(opts.stdin, opts.stdout, opts.stderr, opts);
  if (opts.input !== undefined && opts.input !== null) {
    proc.stdin.write(opts.input);
    proc.stdin.writeEof();
  }
  return proc;
}

/**
 * Run a command to completion (run): returns SSHCompletedProcess; `check`
 * throws ProcessError on a non-zero exit, `timeout` throws TimeoutError.
 */
export async function run(
  conn: SSHConnection,
  command?: string | RunOptions,
  options?: RunOptions,
): Promise<SSHCompletedProcess> {
  const opts = withCommand(command, options);
  const proc = await createProcess(conn, { ...opts, input: null });
  try {
    return await proc.wait({ check: opts.check ?? false, timeout: opts.timeout ?? null }, opts.input ?? null);
  } finally {
    proc.close();
  }
}
