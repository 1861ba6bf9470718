import type { DataType, SessionHandler, SSHChannel } from '../channel.js';
import { type ChannelData, concatBytes } from '../encoding.js';
import { ChannelClosedError, IncompleteReadError, LimitOverrunError } from '../errors.js';

type Item = ChannelData | Error;

/** The buffered data of one datatype of a channel. */
class Inbox {
  readonly items: Item[] = [];
  length = 0;
  waiter: (() => void) | null = null;

  wake(): void {
    const w = this.waiter;
    this.waiter = null;
    w?.();
  }
}

/** A separator for readuntil: text or bytes, a list of them, or a RegExp. */
export type Separator = ChannelData | readonly ChannelData[] | RegExp;

/**
 * The session behind SSHReader and SSHWriter (AsyncSSH's SSHStreamSession):
 * buffers what arrives per datatype, up to the channel's window, pausing the
 * channel (and so the peer, through the window) while a reader lags behind.
 * EOF leaves the channel half open so the application can still answer.
 */
export class SSHStreamSession implements SessionHandler {
  channel: SSHChannel | null = null;
  private readonly inboxes = new Map<DataType, Inbox>();
  private buffered = 0;
  private limit = 0;
  private eof = false;
  private closed = false;
  private error: Error | null = null;
  private writePaused = false;
  private drainWaiters: (() => void)[] = [];
  /** Whether the channel exchanges bytes (read once data flows: a server may switch a session to bytes for SFTP). */
  private get bytesMode(): boolean {
    return this.channel?.codec.encoding === null;
  }

  connectionMade(channel: SSHChannel): void {
    this.channel = channel;
    this.limit = channel.recvWindowSize;
  }

  connectionLost(exc: Error | null): void {
    this.closed = true;
    this.error = exc;
    for (const inbox of this.inboxes.values()) inbox.wake();
    this.wakeDrain();
  }

  dataReceived(data: ChannelData, datatype: DataType): void {
    this.feed(datatype, data);
    if (this.buffered >= this.limit) this.channel?.pauseReading();
  }

  eofReceived(): boolean {
    this.eof = true;
    for (const inbox of this.inboxes.values()) inbox.wake();
    return true;
  }

  pauseWriting(): void {
    this.writePaused = true;
  }

  resumeWriting(): void {
    this.writePaused = false;
    this.wakeDrain();
  }

  /** Queue data (or an exception to raise in order) for readers of `datatype`. */
  feed(datatype: DataType, item: Item): void {
    const inbox = this.inbox(datatype);
    inbox.items.push(item);
    if (!(item instanceof Error)) {
      inbox.length += item.length;
      this.buffered += item.length;
    }
    inbox.wake();
  }

  /** Mark EOF from the application side (testing aid). */
  feedEof(): void {
    this.eofReceived();
  }

  /** True once EOF was seen and nothing of `datatype` is left. */
  atEof(datatype: DataType): boolean {
    return (this.eof || this.closed) && this.inbox(datatype).items.length === 0;
  }

  /** The empty value of this session's data kind. */
  get empty(): ChannelData {
    return this.bytesMode ? new Uint8Array(0) : '';
  }

  /** Read up to `n` (n < 0: until EOF). Exceptions queued in order are thrown when reached. */
  async read(datatype: DataType, n: number, exact: boolean): Promise<ChannelData> {
    const inbox = this.inbox(datatype);
    if (n === 0) return this.empty;
    if (n < 0) return this.readAll(inbox);
    for (;;) {
      const head = inbox.items[0];
      if (head instanceof Error) {
        inbox.items.shift();
        throw head;
      }
      const avail = this.available(inbox);
      const stopped = this.eof || this.closed || avail < inbox.length || this.hasStopper(inbox);
      if (exact) {
        if (avail >= n) return this.take(inbox, n);
        if (stopped) throw new IncompleteReadError(this.take(inbox, avail), n);
      } else {
        if (avail > 0) return this.take(inbox, Math.min(n, avail));
        if (stopped) return this.finalRead(this.empty);
      }
      await this.wait(inbox);
    }
  }

  /** Read until EOF (or a queued exception), draining the buffer as data comes so the window keeps opening. */
  private async readAll(inbox: Inbox): Promise<ChannelData> {
    const parts: ChannelData[] = [];
    for (;;) {
      if (inbox.items[0] instanceof Error) {
        if (parts.length > 0) return this.join(parts);
        throw inbox.items.shift();
      }
      const avail = this.available(inbox);
      if (avail > 0) parts.push(this.take(inbox, avail));
      if (this.eof || this.closed || inbox.items.length > 0) {
        return this.finalRead(parts.length === 0 ? this.empty : this.join(parts));
      }
      await this.wait(inbox);
    }
  }

  private available(inbox: Inbox): number {
    let n = 0;
    for (const i of inbox.items) {
      if (i instanceof Error) break;
      n += i.length;
    }
    return n;
  }

  private hasStopper(inbox: Inbox): boolean {
    return inbox.items.some((i) => i instanceof Error);
  }

  private finalRead(out: ChannelData): ChannelData {
    if (out.length === 0 && this.closed && this.error && !this.eof) throw this.error;
    return out;
  }

  /** Everything of `datatype` buffered now (up to a queued exception), without waiting. */
  takeBuffered(datatype: DataType): ChannelData {
    const inbox = this.inbox(datatype);
    return this.take(inbox, this.available(inbox));
  }

  /** Read through `separator`; at EOF throws IncompleteReadError with what was read. */
  async readuntil(datatype: DataType, separator: Separator, maxSeparatorLen = 0): Promise<ChannelData> {
    const inbox = this.inbox(datatype);
    for (;;) {
      const head = inbox.items[0];
      if (head instanceof Error) {
        inbox.items.shift();
        throw head;
      }
      const joined = this.peekData(inbox);
      const end = findSeparator(joined, separator, maxSeparatorLen);
      if (end >= 0) return this.take(inbox, end);
      const stopper = inbox.items.find((i) => i instanceof Error);
      if (this.eof || this.closed || stopper) {
        const partial = this.take(inbox, joined.length);
        throw new IncompleteReadError(partial, null);
      }
      if (inbox.length >= this.limit) {
        throw new LimitOverrunError('separator not found within the buffer limit', inbox.length);
      }
      await this.wait(inbox);
    }
  }

  /** Wait until the channel's send buffer is below its low-water mark. */
  async drain(): Promise<void> {
    while (this.writePaused && !this.closed) {
      await new Promise<void>((res) => this.drainWaiters.push(res));
    }
    if (this.closed && this.error) throw this.error;
  }

  private inbox(datatype: DataType): Inbox {
    let inbox = this.inboxes.get(datatype);
    if (!inbox) {
      inbox = new Inbox();
      this.inboxes.set(datatype, inbox);
    }
    return inbox;
  }

  private wait(inbox: Inbox): Promise<void> {
    if (this.closed && inbox.items.length === 0) return Promise.resolve();
    return new Promise((res) => {
      inbox.waiter = res;
    });
  }

  private peekData(inbox: Inbox): ChannelData {
    const parts: ChannelData[] = [];
    for (const i of inbox.items) {
      if (i instanceof Error) break;
      parts.push(i);
    }
    return this.join(parts);
  }

  /** Join chunks of this session's data kind. */
  join(parts: ChannelData[]): ChannelData {
    if (parts.length === 0) return this.empty;
    if (this.bytesMode) return concatBytes(parts as Uint8Array[]);
    return (parts as string[]).join('');
  }

  /** Remove `n` units from the front of the inbox (stopping at a queued exception). */
  private take(inbox: Inbox, n: number): ChannelData {
    const parts: ChannelData[] = [];
    let want = n;
    while (want > 0 && inbox.items.length > 0) {
      const head = inbox.items[0] as Item;
      if (head instanceof Error) break;
      if (head.length <= want) {
        parts.push(head);
        inbox.items.shift();
        want -= head.length;
      } else {
        // Bytes are cut as views (no copy); text as substrings.
        if (typeof head === 'string') {
          parts.push(head.slice(0, want));
          inbox.items[0] = head.slice(want);
        } else {
          parts.push(head.subarray(0, want));
          inbox.items[0] = head.subarray(want);
        }
        want = 0;
      }
    }
    const out = parts.length === 0 ? this.empty : this.join(parts);
    inbox.length -= out.length;
    this.buffered -= out.length;
    if (this.buffered < this.limit) this.channel?.resumeReading();
    return out;
  }

  private wakeDrain(): void {
    for (const w of this.drainWaiters.splice(0)) w();
  }

  /** Fail writes on a closed channel the way AsyncSSH does. */
  checkWritable(): void {
    if (this.closed) throw this.error ?? new ChannelClosedError();
  }
}

function findSeparator(data: ChannelData, sep: Separator, maxLen: number): number {
  if (sep instanceof RegExp) {
    const text = typeof data === 'string' ? data : new TextDecoder('latin1').decode(data);
    const m = new RegExp(sep.source, sep.flags.replace('g', '')).exec(text);
    if (!m) return -1;
    const end = m.index + m[0].length;
    if (maxLen > 0 && end === text.length && m[0].length < maxLen) return -1;
    return end;
  }
  const list: readonly ChannelData[] = Array.isArray(sep) ? sep : [sep as ChannelData];
  let best = -1;
  for (const s of list) {
    const i = indexOf(data, s);
    if (i >= 0 && (best < 0 || i + s.length < best)) best = i + s.length;
  }
  return best;
}

function indexOf(data: ChannelData, sep: ChannelData): number {
  if (typeof data === 'string')
    return data.indexOf(typeof sep === 'string' ? sep : new TextDecoder().decode(sep));
  const s = typeof sep === 'string' ? new TextEncoder().encode(sep) : sep;
  if (s.length === 0) return 0;
  const first = s[0] as number;
  for (let i = data.indexOf(first); i >= 0 && i <= data.length - s.length; i = data.indexOf(first, i + 1)) {
    let j = 1;
    while (j < s.length && data[i + j] === s[j]) j++;
    if (j === s.length) return i;
  }
  return -1;
}
