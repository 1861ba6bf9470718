import { BreakReceived, SignalReceived, TerminalSizeChanged } from '../errors.js';
import type { ServerSessionHandler } from '../session/session.js';
import { SSHStreamSession } from './stream-session.js';

/**
 * The stream session of a server channel: accepts shell, exec and subsystem,
 * PTYs when allowed, and queues breaks, signals and size changes on stdin as
 * exceptions, in order with the data. `onStart` runs once the session starts.
 */
export class SSHServerStreamSession extends SSHStreamSession implements ServerSessionHandler {
  private readonly onStart: (session: SSHServerStreamSession) => void;
  private readonly allowPty: boolean;

  constructor(onStart: (session: SSHServerStreamSession) => void, allowPty = true) {
    super();
    this.onStart = onStart;
    this.allowPty = allowPty;
  }

  ptyRequested(): boolean {
    return this.allowPty;
  }
  shellRequested(): boolean {
    return true;
  }
  execRequested(): boolean {
    return true;
  }
  subsystemRequested(): boolean {
    return true;
  }
  breakReceived(msec: number): boolean {
    this.feed(null, new BreakReceived(msec));
    return true;
  }
  signalReceived(signal: string): void {
    this.feed(null, new SignalReceived(signal));
  }
  terminalSizeChanged(width: number, height: number, pixwidth: number, pixheight: number): void {
    this.feed(null, new TerminalSizeChanged(width, height, pixwidth, pixheight));
  }
  sessionStarted(): void {
    this.onStart(this);
  }
}
