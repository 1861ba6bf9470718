import { EXTENDED_DATA_STDERR, type SSHLogger } from '@ssh/wire';
import type { ChannelData } from '../encoding.js';
import type { SSHClientChannel } from '../session/client-channel.js';
import type { ExitSignal } from '../session/requests.js';
import { SSHReader } from '../stream/reader.js';
import type { SSHStreamSession } from '../stream/stream-session.js';
import { SSHWriter } from '../stream/writer.js';
import { ProcessError, type ProcessResult, SSHCompletedProcess, TimeoutError } from './completed.js';
import { ProcessControls } from './process-controls.js';
import {
  DEVNULL,
  type OutputTarget,
  PIPE,
  STDOUT,
  type StderrTarget,
  type StdinSource,
  sourceChunks,
  toSink,
} from './redirect.js';

/** Options of `redirect()`. */
export interface RedirectOptions {
  /** Chunk size when reading from an SSH stream (default 8192). */
  bufsize?: number;
  /** Send EOF on stdin when the source ends (default true). */
  sendEof?: boolean;
  /** End the target when the remote output ends (default true). */
  recvEof?: boolean;
}

/** Options of `wait()`. */
export interface WaitOptions {
  /** Throw ProcessError unless the process exits with status 0. */
  check?: boolean;
  /** Seconds to wait before throwing TimeoutError. */
  timeout?: number | null;
}

/** A remote process: stdin/stdout/stderr streams, exit information, signals and redirection. */
export class SSHClientProcess extends ProcessControls {
  /** Writer for the remote stdin. */
  readonly stdin: SSHWriter;
  /** Reader of the remote stdout. */
  readonly stdout: SSHReader;
  /** Reader of the remote stderr. */
  readonly stderr: SSHReader;
  private readonly session: SSHStreamSession;
  private readonly pumps: Promise<void>[] = [];
  private stdoutRedirected = false;
  private stderrRedirected = false;
  private readonly collected: [ChannelData[], ChannelData[]] = [[], []];

  constructor(channel: SSHClientChannel, session: SSHStreamSession) {
    super(channel);
    this.session = session;
    this.stdin = new SSHWriter(session, null);
    this.stdout = new SSHReader(session, null);
    this.stderr = new SSHReader(session, EXTENDED_DATA_STDERR);
  }

  /** Process-scoped logger. */
  get logger(): SSHLogger {
    return this.channel.logger;
  }
  /** Environment requested. */
  get env(): Record<string, string> {
    return this.channel.getEnvironment();
  }
  /** Command requested, or null. */
  get command(): string | null {
    return this.channel.getCommand();
  }
  /** Subsystem requested, or null. */
  get subsystem(): string | null {
    return this.channel.getSubsystem();
  }
  /** Exit status once known. */
  get exitStatus(): number | null {
    return this.channel.getExitStatus();
  }
  /** Exit signal details once known. */
  get exitSignal(): ExitSignal | null {
    return this.channel.getExitSignal();
  }
  /** Exit status or negative signal number. */
  get returncode(): number | null {
    return this.channel.getReturncode();
  }

  /** Channel extra info. */
  getExtraInfo(name: string, defaultValue?: unknown): unknown {
    return this.channel.getExtraInfo(name, defaultValue);
  }

  /**
   * Re-point stdin, stdout and stderr (undefined or null leaves one as it is).
   * Sources and targets: PIPE, DEVNULL, STDOUT (stderr only), SSH readers and
   * writers of other processes, Web streams, async iterables and sinks.
   */
  redirect(
    stdin?: StdinSource | null,
    stdout?: OutputTarget | null,
    stderr?: StderrTarget | null,
    options: RedirectOptions = {},
  ): void {
    const bufsize = options.bufsize ?? 8192;
    const sendEof = options.sendEof ?? true;
    const recvEof = options.recvEof ?? true;
    if (stdin === DEVNULL) this.stdin.writeEof();
    else if (stdin && stdin !== PIPE) this.pumps.push(this.pumpIn(stdin, bufsize, sendEof));
    if (stdout && stdout !== PIPE) {
      this.stdoutRedirected = true;
      this.pumps.push(this.pumpOut(this.stdout, stdout, bufsize, recvEof));
    }
    if (stderr === STDOUT) {
      this.stderrRedirected = true;
      this.pumps.push(this.mergeStderr(bufsize));
    } else if (stderr && stderr !== PIPE) {
      this.stderrRedirected = true;
      this.pumps.push(this.pumpOut(this.stderr, stderr, bufsize, recvEof));
    }
  }

  /** Output read so far by `communicate`/`wait` plus what is buffered now, without waiting: [stdout, stderr]. */
  collectOutput(): [ChannelData, ChannelData] {
    this.collected[0].push(this.session.takeBuffered(null));
    this.collected[1].push(this.session.takeBuffered(EXTENDED_DATA_STDERR));
    const out = this.session.join(this.collected[0].splice(0));
    const err = this.session.join(this.collected[1].splice(0));
    return [out, err];
  }

  /** Feed `input` (then EOF), wait for the process to finish, and return [stdout, stderr]. */
  async communicate(input?: ChannelData | null): Promise<[ChannelData, ChannelData]> {
    if (input !== undefined && input !== null) {
      this.stdin.write(input);
      this.stdin.writeEof();
    }
    await Promise.all([
      this.stdoutRedirected ? undefined : this.gather(this.stdout, this.collected[0]),
      this.stderrRedirected ? undefined : this.gather(this.stderr, this.collected[1]),
    ]);
    await Promise.all(this.pumps);
    await this.channel.waitClosed();
    return this.collectOutput();
  }

  /** Wait for the process to exit; see WaitOptions. Returns SSHCompletedProcess. */
  async wait(options: WaitOptions = {}, input?: ChannelData | null): Promise<SSHCompletedProcess> {
    const collected = this.communicate(input);
    let result: [ChannelData, ChannelData];
    if (options.timeout !== undefined && options.timeout !== null) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timedOut = new Promise<'timeout'>((res) => {
        timer = setTimeout(() => res('timeout'), (options.timeout as number) * 1000);
      });
      const r = await Promise.race([collected, timedOut]);
      clearTimeout(timer);
      if (r === 'timeout') {
        collected.catch(() => {});
        const [out, err] = this.collectOutput();
        throw new TimeoutError(this.result(out, err), options.timeout);
      }
      result = r;
    } else {
      result = await collected;
    }
    const res = this.result(result[0], result[1]);
    if (options.check && res.returncode !== 0) throw new ProcessError(res);
    return new SSHCompletedProcess(res);
  }

  /** `await using proc = ...` closes the process. */
  async [Symbol.asyncDispose](): Promise<void> {
    this.close();
    await this.waitClosed();
  }

  /** Read `reader` to EOF into `parts`, where collectOutput can see it on a timeout. */
  private async gather(reader: SSHReader, parts: ChannelData[]): Promise<void> {
    for (;;) {
      const chunk = await reader.read(1 << 20);
      if (chunk.length === 0) return;
      parts.push(chunk);
    }
  }

  private result(stdout: ChannelData, stderr: ChannelData): ProcessResult {
    const env = this.channel.getEnvironment();
    return {
      env: Object.keys(env).length > 0 ? env : null,
      command: this.command,
      subsystem: this.subsystem,
      exitStatus: this.exitStatus,
      exitSignal: this.exitSignal,
      returncode: this.returncode,
      stdout: this.stdoutRedirected ? null : stdout,
      stderr: this.stderrRedirected ? null : stderr,
    };
  }

  private async pumpIn(
    src: Exclude<StdinSource, 'pipe' | 'devnull'>,
    bufsize: number,
    sendEof: boolean,
  ): Promise<void> {
    try {
      for await (const chunk of sourceChunks(src, bufsize)) {
        if (this.channel.isClosing()) return;
        this.stdin.write(chunk);
        await this.stdin.drain();
      }
      if (sendEof && !this.channel.isClosing()) this.stdin.writeEof();
    } catch (err) {
      this.logger.debug1('stdin redirect failed: %s', err instanceof Error ? err.message : err);
    }
  }

  private async pumpOut(
    reader: SSHReader,
    target: Exclude<OutputTarget, 'pipe'>,
    bufsize: number,
    recvEof: boolean,
  ): Promise<void> {
    const sink = target === DEVNULL ? null : toSink(target);
    try {
      for (;;) {
        const chunk = await reader.read(bufsize);
        if (chunk.length === 0) break;
        await sink?.write(chunk);
      }
      if (recvEof) await sink?.end?.();
    } catch (err) {
      this.logger.debug1('output redirect failed: %s', err instanceof Error ? err.message : err);
    }
  }

  private async mergeStderr(bufsize: number): Promise<void> {
    for (;;) {
      const chunk = await this.stderr.read(bufsize).catch(() => this.session.empty);
      if (chunk.length === 0) return;
      this.session.feed(null, chunk);
    }
  }
}
