import type { SSHClientChannel } from '../session/client-channel.js';

/**
 * What a client process and a subprocess transport both do to their session
 * channel: terminal size, break, signals, closing.
 */
export class ProcessControls {
  /** The session channel behind the process. */
  readonly channel: SSHClientChannel;

  constructor(channel: SSHClientChannel) {
    this.channel = channel;
  }

  /** Send new terminal dimensions. */
  changeTerminalSize(width: number, height: number, pixwidth = 0, pixheight = 0): void {
    this.channel.changeTerminalSize(width, height, pixwidth, pixheight);
  }

  /** Send a break of `msec`. */
  sendBreak(msec: number): void {
    this.channel.sendBreak(msec);
  }

  /** Deliver a signal. */
  sendSignal(signal: string | number): void {
    this.channel.sendSignal(signal);
  }

  /** Send TERM. */
  terminate(): void {
    this.channel.terminate();
  }

  /** Send KILL. */
  kill(): void {
    this.channel.kill();
  }

  /** Shut the process channel down. */
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
}
