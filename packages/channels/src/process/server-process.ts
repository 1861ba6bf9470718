import { EXTENDED_DATA_STDERR, type SSHLogger } from '@ssh/wire';
import type { ChannelData } from '../encoding.js';
import type { SSHServerChannel } from '../session/server-channel.js';
import { SSHReader } from '../stream/reader.js';
import type { SSHStreamSession } from '../stream/stream-session.js';
import { SSHWriter } from '../stream/writer.js';
import type { RedirectOptions } from './client-process.js';
import { DEVNULL, type OutputTarget, PIPE, type StdinSource, sourceChunks, toSink } from './redirect.js';

/** The server side of a session in stream form, given to `processFactory`. */
export class SSHServerProcess {
  /** The channel behind the process. */
  readonly channel: SSHServerChannel;
  /** Reader of the client's input (breaks, signals and size changes arrive as exceptions). */
  readonly stdin: SSHReader;
  /** Writer to the client's stdout. */
  readonly stdout: SSHWriter;
  /** Writer to the client's stderr. */
  readonly stderr: SSHWriter;
  private readonly session: SSHStreamSession;

  constructor(channel: SSHServerChannel, session: SSHStreamSession) {
    this.channel = channel;
    this.session = session;
    this.stdin = new SSHReader(session, null);
    this.stdout = new SSHWriter(session, null);
    this.stderr = new SSHWriter(session, EXTENDED_DATA_STDERR);
  }

  /** Process-scoped logger. */
  get logger(): SSHLogger {
    return this.channel.logger;
  }
  /** The command the client asked for, or null. */
  get command(): string | null {
    return this.channel.getCommand();
  }
  /** The subsystem the client asked for, or null. */
  get subsystem(): string | null {
    return this.channel.getSubsystem();
  }
  /** The environment the client set. */
  get env(): Record<string, string> {
    return this.channel.getEnvironment();
  }
  /** PTY terminal type, or null. */
  get termType(): string | null {
    return this.channel.getTerminalType();
  }
  /** (width, height, pixwidth, pixheight), zeros if unset. */
  get termSize(): [number, number, number, number] {
    return this.channel.getTerminalSize();
  }
  /** PTY modes (empty without a PTY). */
  get termModes(): Record<number, number> {
    return this.channel.getTerminalModes();
  }

  /** Channel extra info. */
  getExtraInfo(name: string, defaultValue?: unknown): unknown {
    return this.channel.getExtraInfo(name, defaultValue);
  }

  /**
   * Connect stdin to a local target and stdout/stderr to local sources
   * (PIPE leaves one interactive, DEVNULL discards). Resolves when all pumps end.
   */
  async redirect(
    stdin?: OutputTarget | null,
    stdout?: StdinSource | null,
    stderr?: StdinSource | null,
    options: RedirectOptions = {},
  ): Promise<void> {
    const bufsize = options.bufsize ?? 8192;
    const pumps: Promise<void>[] = [];
    if (stdin && stdin !== PIPE) pumps.push(this.pumpIn(stdin, bufsize, options.recvEof ?? true));
    for (const [src, writer] of [
      [stdout, this.stdout],
      [stderr, this.stderr],
    ] as const) {
      if (src === DEVNULL || !src || src === PIPE) continue;
      pumps.push(this.pumpOut(src, writer, bufsize));
    }
    await Promise.all(pumps);
    if ((options.sendEof ?? true) && (stdout || stderr) && !this.channel.isClosing()) this.channel.writeEof();
  }

  /** Report an exit status and close. */
  exit(status: number): void {
    this.channel.exit(status);
  }
  /** Report death by signal and close. */
  exitWithSignal(signal: string, coreDumped = false, msg = '', lang?: string): void {
    this.channel.exitWithSignal(signal, coreDumped, msg, lang);
  }
  /** Shut the process down. */
  close(): void {
    this.channel.close();
  }
  /** Whether closing or closed. */
  isClosing(): boolean {
    return this.channel.isClosing();
  }
  /** Resolves once the channel is closed. */
  waitClosed(): Promise<void> {
    return this.channel.waitClosed();
  }

  private async pumpIn(
    target: Exclude<OutputTarget, 'pipe'>,
    bufsize: number,
    recvEof: boolean,
  ): Promise<void> {
    const sink = target === DEVNULL ? null : toSink(target);
    for (;;) {
      const chunk: ChannelData = await this.stdin.read(bufsize).catch(() => this.session.empty);
      if (chunk.length === 0) break;
      await sink?.write(chunk);
    }
    if (recvEof) await sink?.end?.();
  }

  private async pumpOut(
    src: Exclude<StdinSource, 'pipe' | 'devnull'>,
    writer: SSHWriter,
    bufsize: number,
  ): Promise<void> {
    for await (const chunk of sourceChunks(src, bufsize)) {
      if (this.channel.isClosing()) return;
      writer.write(chunk);
      await writer.drain();
    }
  }
}
