import type { SSHLogger } from '@ssh/wire';
import type { DataType, SSHChannel } from '../channel.js';
import type { ChannelData } from '../encoding.js';
import type { Separator, SSHStreamSession } from './stream-session.js';

/**
 * A readable stream over one datatype of a channel (stdout, stderr, or a
 * server's stdin). Data is a string with an encoding, a Uint8Array with
 * `encoding: null`. The generic `T` is that data type.
 */
export class SSHReader<T extends ChannelData = ChannelData> implements AsyncIterable<T> {
  private readonly session: SSHStreamSession;
  /** The datatype read: null for normal data, EXTENDED_DATA_STDERR for stderr. */
  readonly datatype: DataType;

  constructor(session: SSHStreamSession, datatype: DataType = null) {
    this.session = session;
    this.datatype = datatype;
  }

  /** The channel behind the stream. */
  get channel(): SSHChannel {
    return this.session.channel as SSHChannel;
  }

  /** The stream's logger. */
  get logger(): SSHLogger {
    return this.channel.logger;
  }

  /** Channel extra info. */
  getExtraInfo(name: string, defaultValue?: unknown): unknown {
    return this.channel.getExtraInfo(name, defaultValue);
  }

  /** Inject data as if received (testing aid). */
  feedData(data: T): void {
    this.session.feed(this.datatype, data);
  }

  /** Inject EOF (testing aid). */
  feedEof(): void {
    this.session.feedEof();
  }

  /** True once EOF was received and the buffer is drained. */
  atEof(): boolean {
    return this.session.atEof(this.datatype);
  }

  /**
   * Read up to `n` characters or bytes; n = -1 (default) reads until EOF.
   * Resolves empty at EOF. Signals and breaks queued on the stream are thrown.
   */
  read(n = -1): Promise<T> {
    return this.session.read(this.datatype, n, false) as Promise<T>;
  }

  /** Read one line including its '\n'; the partial last line at EOF; empty at EOF. */
  async readline(): Promise<T> {
    try {
      return await this.readuntil('\n');
    } catch (err) {
      if (err instanceof Error && err.name === 'IncompleteReadError') {
        return (err as Error & { partial: T }).partial;
      }
      throw err;
    }
  }

  /**
   * Read through a separator (text or bytes, a list of them, or a RegExp with
   * `maxSeparatorLen`); at EOF throws IncompleteReadError carrying the partial data.
   */
  readuntil(separator: Separator = '\n', maxSeparatorLen = 0): Promise<T> {
    return this.session.readuntil(this.datatype, separator, maxSeparatorLen) as Promise<T>;
  }

  /** Read exactly `n`; IncompleteReadError with the partial data if EOF comes first. */
  readexactly(n: number): Promise<T> {
    return this.session.read(this.datatype, n, true) as Promise<T>;
  }

  /** Iterate line by line until EOF. */
  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    for (;;) {
      const line = await this.readline();
      if (line.length === 0) return;
      yield line;
    }
  }
}
