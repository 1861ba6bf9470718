import type { SessionHandler } from '../channel.js';
import type { ChannelData } from '../encoding.js';
import type { ExitSignal, X11Request } from './requests.js';

/** Common base of the session handler classes: half-open EOF is off (the channel closes on EOF). */
export class SSHSession implements SessionHandler {
  /** The channel opened. */
  connectionMade(_channel: unknown): void {}
  /** The channel closed: `exc` is null on a clean close. */
  connectionLost(_exc: Error | null): void {}
  /** The shell, exec or subsystem request was accepted. */
  sessionStarted(): void {}
  /** Data arrived; `datatype` is null or EXTENDED_DATA_STDERR. */
  dataReceived(_data: ChannelData, _datatype: number | null): void {}
  /** EOF arrived; return true to keep the channel half open. */
  eofReceived(): boolean {
    return false;
  }
  /** The send buffer went above the high-water mark. */
  pauseWriting(): void {}
  /** The send buffer drained below the low-water mark. */
  resumeWriting(): void {}
}

/** Handler of a client session channel (shell, exec or subsystem). */
export class SSHClientSession extends SSHSession {
  /** The server says whether the client should handle Ctrl-S/Ctrl-Q locally. */
  xonXoffRequested(_clientCanDo: boolean): void {}
  /** The remote command exited with `status`. */
  exitStatusReceived(_status: number): void {}
  /** The remote command died by a signal. */
  exitSignalReceived(_signal: string, _coreDumped: boolean, _msg: string, _lang: string): void {}
}

/** Handler of a server session channel. Shell, exec and subsystem are refused unless overridden. */
export class SSHServerSession extends SSHSession {
  /** The client asks for a PTY; accept by default. */
  ptyRequested(
    _termType: string,
    _termSize: [number, number, number, number],
    _termModes: Record<number, number>,
  ): boolean {
    return true;
  }
  /** The client asks for a shell. */
  shellRequested(): boolean {
    return false;
  }
  /** The client asks to run `command`. */
  execRequested(_command: string): boolean {
    return false;
  }
  /** The client asks for subsystem `subsystem`. */
  subsystemRequested(_subsystem: string): boolean {
    return false;
  }
  /** The client asks for X11 forwarding (the forwarding itself lives in @ssh/forward). */
  x11Requested(_request: X11Request): boolean {
    return false;
  }
  /** The client asks for agent forwarding. */
  agentRequested(): boolean {
    return false;
  }
  /** The client sent a break of `msec`; return true when handled. */
  breakReceived(_msec: number): boolean {
    return false;
  }
  /** The client delivered signal `signal`. */
  signalReceived(_signal: string): void {}
  /** The client's terminal changed size. */
  terminalSizeChanged(_width: number, _height: number, _pixwidth: number, _pixheight: number): void {}
}

/** Shape of a client session handler the channel calls (all methods optional). */
export interface ClientSessionHandler extends SessionHandler {
  xonXoffRequested?(clientCanDo: boolean): void;
  exitStatusReceived?(status: number): void;
  exitSignalReceived?(signal: string, coreDumped: boolean, msg: string, lang: string): void;
}

/** Shape of a server session handler the channel calls (all methods optional). */
export interface ServerSessionHandler extends SessionHandler {
  ptyRequested?(
    termType: string,
    termSize: [number, number, number, number],
    termModes: Record<number, number>,
  ): boolean;
  shellRequested?(): boolean;
  execRequested?(command: string): boolean;
  subsystemRequested?(subsystem: string): boolean;
  x11Requested?(request: X11Request): boolean;
  agentRequested?(): boolean;
  breakReceived?(msec: number): boolean;
  signalReceived?(signal: string): void;
  terminalSizeChanged?(width: number, height: number, pixwidth: number, pixheight: number): void;
}

export type { ExitSignal };
