import {
  createProcess,
  type ProcessOptions,
  type RunOptions,
  type SSHClientProcess,
  type SSHCompletedProcess,
  type SSHConnection,
} from '@ssh/channels';

/** What cancels a run or a process: AbortSignal, as fetch and Node's own APIs take it. */
export interface SignalOption {
  /** Aborting closes the channel and rejects with the signal's reason. */
  signal?: AbortSignal;
}

/** (command, options) as one options object: a command given first joins the options. */
export function withCommand<T extends object>(command: string | T | undefined, options: T | undefined): T {
  if (typeof command === 'string') return { ...(options as T), command };
  return (command ?? options ?? {}) as T;
}

/** Close `proc` when `signal` fires; returns the function that stops listening. */
function closeOnAbort(proc: SSHClientProcess, signal: AbortSignal | undefined): () => void {
  if (!signal) return () => undefined;
  const onAbort = () => proc.close();
  signal.addEventListener('abort', onAbort, { once: true });
  return () => signal.removeEventListener('abort', onAbort);
}

/** createProcess with an AbortSignal that closes the process's channel. */
export async function createAbortableProcess(
  conn: SSHConnection,
  command?: string | (ProcessOptions & SignalOption),
  options?: ProcessOptions & SignalOption,
): Promise<SSHClientProcess> {
  const { signal, ...opts } = withCommand(command, options);
  signal?.throwIfAborted();
  const proc = await createProcess(conn, opts);
  if (signal?.aborted) {
    proc.close();
    throw signal.reason;
  }
  const stop = closeOnAbort(proc, signal);
  proc.channel.waitClosed().then(stop, stop);
  return proc;
}

/** run with an AbortSignal: aborting closes the channel and rejects with the signal's reason. */
export async function runAbortable(
  conn: SSHConnection,
  command?: string | (RunOptions & SignalOption),
  options?: RunOptions & SignalOption,
): Promise<SSHCompletedProcess> {
  const { signal, check, timeout, input, ...opts } = withCommand(command, options);
  const proc = await createAbortableProcess(conn, { ...opts, ...(signal ? { signal } : {}) });
  let onAbort: (() => void) | undefined;
  try {
    const done = proc.wait({ check: check ?? false, timeout: timeout ?? null }, input ?? null);
    if (!signal) return await done;
    const aborted = new Promise<never>((_, reject) => {
      onAbort = () => reject(signal.reason);
      if (signal.aborted) onAbort();
      else signal.addEventListener('abort', onAbort, { once: true });
    });
    return await Promise.race([done, aborted]);
  } finally {
    if (onAbort) signal?.removeEventListener('abort', onAbort);
    proc.close();
  }
}
