import type { SSHLogger } from '@ssh/wire';
import type { DataType, SSHChannel } from '../channel.js';
import type { ChannelData } from '../encoding.js';
import type { SSHStreamSession } from './stream-session.js';

/** A writable stream over one datatype of a channel (a client's stdin, a server's stdout or stderr). */
export class SSHWriter<T extends ChannelData = ChannelData> {
  private readonly session: SSHStreamSession;
  /** The datatype written: null for normal data, EXTENDED_DATA_STDERR for stderr. */
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

  /** Whether EOF can be written (always true for channels). */
  canWriteEof(): boolean {
    return true;
  }

  /** Write text or bytes (per the channel's encoding). Await `drain()` to respect back-pressure. */
  write(data: T): void {
    this.session.checkWritable();
    this.channel.write(data, this.datatype);
  }

  /** Write several chunks. */
  writelines(list: Iterable<T>): void {
    for (const d of list) this.write(d);
  }

  /** Resolves when writing may continue (the channel's send buffer is below its low-water mark). */
  drain(): Promise<void> {
    return this.session.drain();
  }

  /** Send EOF (for the whole channel). */
  writeEof(): void {
    this.channel.writeEof();
  }

  /** Close the channel (all its streams). */
  close(): void {
    this.channel.close();
  }

  /** Whether the channel is closing or closed. */
  isClosing(): boolean {
    return this.channel.isClosing();
  }

  /** Resolves once the channel is closed. */
  waitClosed(): Promise<void> {
    return this.channel.waitClosed();
  }
}
