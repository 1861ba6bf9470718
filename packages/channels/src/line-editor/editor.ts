import type { DataType, SessionHandler, SSHChannel } from '../channel.js';
import type { ChannelData } from '../encoding.js';
import { History } from './history.js';

/**
 * A key handler: gets the line and cursor position; returns the new
 * [line, pos], true to insert the key as text, or false to ring the bell.
 * A negative pos makes it a hot key: the returned line is delivered at once.
 */
export type KeyHandler = (line: string, pos: number) => [string, number] | boolean;

/** Line editor settings (AsyncSSH line_echo, line_history, max_line_length). */
export interface LineEditorOptions {
  lineEcho?: boolean;
  lineHistory?: number;
  maxLineLength?: number;
}

/** The server channel operations the editor needs. */
export interface EditorOutput {
  rawWrite(data: string, datatype: DataType): void;
}

const BELL = '\x07';

/**
 * Line editing for a server session with a PTY (AsyncSSH's SSHLineEditor):
 * echo, cursor movement, erase, history, and registered keys. Input is given
 * to the session a line at a time; output the application writes is placed
 * above the line being edited, with '\n' turned into '\r\n'.
 */
export class LineEditor implements SessionHandler {
  /** The session the edited input goes to. */
  readonly inner: SessionHandler;
  private readonly out: EditorOutput;
  private readonly keys = new Map<string, KeyHandler>();
  private readonly history: History;
  private readonly maxLineLength: number;
  private readonly lineEcho: boolean;
  private line = '';
  private pos = 0;
  private pendingEsc = '';
  private echo = true;
  private lineMode = true;
  /** Whether editing applies (a PTY was requested and the channel carries text). */
  active = false;

  constructor(inner: SessionHandler, out: EditorOutput, options: LineEditorOptions = {}) {
    this.inner = inner;
    this.out = out;
    this.history = new History(options.lineHistory ?? 1000);
    this.maxLineLength = options.maxLineLength ?? 1024;
    this.lineEcho = options.lineEcho ?? true;
    this.registerDefaults();
  }

  /** Bind `key` (a character or escape sequence) to `handler`. */
  registerKey(key: string, handler: KeyHandler): void {
    this.keys.set(key, handler);
  }

  /** Remove a binding: printable keys insert again, others ring the bell. */
  unregisterKey(key: string): void {
    this.keys.delete(key);
  }

  /** Switch between line-at-a-time editing (true) and raw input. */
  setLineMode(lineMode: boolean): void {
    this.lineMode = lineMode;
  }

  /** Turn echo of input on or off. */
  setEcho(echo: boolean): void {
    this.echo = echo;
  }

  connectionMade(channel: SSHChannel): void {
    this.inner.connectionMade?.(channel);
  }
  connectionLost(exc: Error | null): void {
    this.inner.connectionLost?.(exc);
  }
  sessionStarted(): void {
    this.inner.sessionStarted?.();
  }
  eofReceived(): boolean | undefined {
    return this.inner.eofReceived?.();
  }
  pauseWriting(): void {
    this.inner.pauseWriting?.();
  }
  resumeWriting(): void {
    this.inner.resumeWriting?.();
  }

  dataReceived(data: ChannelData, datatype: DataType): void {
    if (!this.active || !this.lineMode || typeof data !== 'string' || datatype !== null) {
      this.inner.dataReceived?.(data, datatype);
      return;
    }
    let text = this.pendingEsc + data;
    this.pendingEsc = '';
    while (text.length > 0) {
      const key = this.nextKey(text);
      if (key === null) {
        this.pendingEsc = text;
        return;
      }
      text = text.slice(key.length);
      this.handleKey(key);
    }
  }

  /** Output from the application: drawn above the line being edited. */
  writeOutput(data: string, datatype: DataType): void {
    const text = data.replace(/\r?\n/g, '\r\n');
    if (this.line.length === 0 || !this.echo) {
      this.out.rawWrite(text, datatype);
      return;
    }
    this.out.rawWrite(
      `${this.moveLeft(this.pos)}\x1b[K${text}${this.line}${this.moveLeft(this.line.length - this.pos)}`,
      datatype,
    );
  }

  private nextKey(text: string): string | null {
    if (text[0] !== '\x1b') return text[0] as string;
    for (const k of this.keys.keys()) {
      if (k.length > 1 && text.startsWith(k)) return k;
      if (k.length > text.length && k.startsWith(text)) return null;
    }
    if (text.length === 1) return null;
    if (text[1] !== '[') return text.slice(0, 2);
    let i = 2;
    while (i < text.length && '0123456789;'.includes(text[i] as string)) i++;
    return i < text.length ? text.slice(0, i + 1) : null;
  }

  private handleKey(key: string): void {
    const handler = this.keys.get(key);
    if (handler) {
      const r = handler(this.line, this.pos);
      if (r === true) this.insert(key);
      else if (r === false) this.emit(BELL);
      else if (r[1] < 0) this.deliverHotKey(r[0]);
      else this.redraw(r[0], r[1]);
      return;
    }
    if (key >= ' ' && key !== '\x7f' && key.length === 1) this.insert(key);
    else this.emit(BELL);
  }

  private insert(text: string): void {
    if (this.line.length + text.length > this.maxLineLength) {
      this.emit(BELL);
      return;
    }
    this.redraw(this.line.slice(0, this.pos) + text + this.line.slice(this.pos), this.pos + text.length);
  }

  /** Replace the edited line, repainting only what changed from the cursor's old position. */
  private redraw(line: string, pos: number): void {
    const from = Math.min(this.pos, commonPrefix(this.line, line));
    let out = this.moveLeft(this.pos - from) + line.slice(from);
    if (line.length < this.line.length) out += '\x1b[K';
    out += this.moveLeft(line.length - pos);
    this.line = line;
    this.pos = Math.max(0, Math.min(pos, line.length));
    this.emit(out);
  }

  private moveLeft(n: number): string {
    return n > 0 ? `\x1b[${n}D` : '';
  }

  private emit(text: string): void {
    if (this.echo && text) this.out.rawWrite(text, null);
  }

  private finishLine(): void {
    const line = this.line;
    this.emit(this.moveLeft(0) + (this.lineEcho ? '\r\n' : ''));
    this.line = '';
    this.pos = 0;
    this.history.add(line);
    this.inner.dataReceived?.(`${line}\n`, null);
  }

  private deliverHotKey(text: string): void {
    this.inner.dataReceived?.(text, null);
  }

  private registerDefaults(): void {
    const enter = (): [string, number] | boolean => {
      this.finishLine();
      return [this.line, this.pos];
    };
    this.keys.set('\r', enter);
    this.keys.set('\n', enter);
    const erase = (line: string, pos: number): [string, number] | boolean =>
      pos > 0 ? [line.slice(0, pos - 1) + line.slice(pos), pos - 1] : false;
    this.keys.set('\x7f', erase);
    this.keys.set('\b', erase);
    this.keys.set('\x01', (line) => [line, 0]);
    this.keys.set('\x05', (line) => [line, line.length]);
    this.keys.set('\x1b[D', (line, pos) => (pos > 0 ? [line, pos - 1] : false));
    this.keys.set('\x1b[C', (line, pos) => (pos < line.length ? [line, pos + 1] : false));
    this.keys.set('\x1b[H', (line) => [line, 0]);
    this.keys.set('\x1b[F', (line) => [line, line.length]);
    this.keys.set('\x15', () => ['', 0]);
    this.keys.set('\x0b', (line, pos) => [line.slice(0, pos), pos]);
    this.keys.set('\x1b[3~', (line, pos) =>
      pos < line.length ? [line.slice(0, pos) + line.slice(pos + 1), pos] : false,
    );
    const fromHistory =
      (dir: -1 | 1) =>
      (line: string): [string, number] | boolean => {
        const h = this.history.step(dir, line);
        return h === null ? false : [h, h.length];
      };
    this.keys.set('\x1b[A', fromHistory(-1));
    this.keys.set('\x1b[B', fromHistory(1));
    this.keys.set('\x03', () => {
      this.emit('^C\r\n');
      this.line = '';
      this.pos = 0;
      (this.inner as { signalReceived?(s: string): void }).signalReceived?.('INT');
      return [this.line, this.pos];
    });
    this.keys.set('\x04', (line) => {
      if (line.length > 0) return false;
      this.inner.eofReceived?.();
      return ['', 0];
    });
  }
}

function commonPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}
