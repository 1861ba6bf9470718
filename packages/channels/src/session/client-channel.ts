import {
  DEFAULT_LANG,
  OPEN_REQUEST_PTY_FAILED,
  OPEN_REQUEST_SESSION_FAILED,
  OPEN_REQUEST_X11_FORWARDING_FAILED,
  type PacketReader,
  type TermModes,
} from '@ssh/wire';
import { type ChannelOptions, SSHChannel } from '../channel.js';
import { ChannelOpenError } from '../errors.js';
import type { SSHConnection } from '../mux.js';
import { buildEnvironment, type EnvEntry, type EnvInput, envAsText } from './environment.js';
import {
  decodeExitSignal,
  type ExitSignal,
  encodeEnv,
  encodePtyReq,
  encodeStringArg,
  encodeUint32Arg,
  encodeWindowChange,
  encodeX11Req,
  SIGNAL_NUMBERS,
  signalName,
  type TermSize,
  type X11Request,
} from './requests.js';
import type { ClientSessionHandler } from './session.js';

/** Options of a client session (AsyncSSH create_session arguments). */
export interface ClientSessionOptions extends ChannelOptions {
  /** Remote command; none (and no subsystem) starts a shell. */
  command?: string | null;
  /** Subsystem to start instead of a command. */
  subsystem?: string | null;
  /** Environment variables to send. */
  env?: EnvInput;
  /** Local variable names (wildcards allowed) whose values are sent; `env` wins on conflict. */
  sendEnv?: readonly string[];
  /** PTY policy: true requests one when termType is set, 'force' always, 'auto' only for shells, false never. */
  requestPty?: boolean | 'force' | 'auto';
  termType?: string | null;
  termSize?: TermSize | null;
  termModes?: TermModes;
  /** X11 forwarding request (the channel side; @ssh/forward carries the connections). */
  x11?: X11Request | null;
  /** Go on without X11 when the server refuses it (default: ChannelOpenError). */
  x11IgnoreFailure?: boolean;
  /** Send auth-agent-req@openssh.com. */
  agentForwarding?: boolean;
}

/** A client session channel: the requests a client makes and the exit information it gets. */
export class SSHClientChannel extends SSHChannel {
  private env: EnvEntry[] = [];
  private command: string | null = null;
  private subsystem: string | null = null;
  private exitStatus: number | null = null;
  private exitSignal: ExitSignal | null = null;
  private readonly exitWaiters: (() => void)[] = [];

  private get handler(): ClientSessionHandler | null {
    return this.session as ClientSessionHandler | null;
  }

  /** Open the channel, send env, pty, x11 and agent requests, then shell, exec or subsystem. */
  async start(session: ClientSessionHandler, options: ClientSessionOptions): Promise<void> {
    await this.connection.openChannel(this, 'session');
    void this.waitClosed().then(() => this.wakeExit());
    this.attachSession(session);
    this.command = options.command ?? null;
    this.subsystem = options.subsystem ?? null;
    this.env = buildEnvironment(options.env, options.sendEnv);
    try {
      for (const [k, v] of this.env) await this.sendRequest('env', encodeEnv(k, v));
      const shell = this.command === null && this.subsystem === null;
      const policy = options.requestPty ?? true;
      const wantPty =
        policy === 'force' ||
        (policy === true && !!options.termType) ||
        (policy === 'auto' && shell && !!options.termType);
      if (wantPty) {
        const ok = await this.sendRequest(
          'pty-req',
          encodePtyReq(options.termType ?? '', options.termSize ?? [0, 0], options.termModes ?? {}),
          true,
        );
        if (!ok) throw new ChannelOpenError(OPEN_REQUEST_PTY_FAILED, 'PTY request failed');
      }
      if (
        options.x11 &&
        !(await this.sendRequest('x11-req', encodeX11Req(options.x11), true)) &&
        !options.x11IgnoreFailure
      ) {
        throw new ChannelOpenError(OPEN_REQUEST_X11_FORWARDING_FAILED, 'X11 forwarding request failed');
      }
      if (options.agentForwarding) await this.sendRequest('auth-agent-req@openssh.com', undefined, true);
      const ok =
        this.command !== null
          ? await this.sendRequest('exec', encodeStringArg(this.command), true)
          : this.subsystem !== null
            ? await this.sendRequest('subsystem', encodeStringArg(this.subsystem), true)
            : await this.sendRequest('shell', undefined, true);
      if (!ok) throw new ChannelOpenError(OPEN_REQUEST_SESSION_FAILED, 'Session request failed');
    } catch (err) {
      this.close();
      throw err;
    }
    session.sessionStarted?.();
  }

  /** The environment sent (valid UTF-8 entries). */
  getEnvironment(): Record<string, string> {
    return envAsText(this.env);
  }

  /** The environment sent, as raw bytes. */
  getEnvironmentBytes(): Array<[Uint8Array, Uint8Array]> {
    return this.env.map(([k, v]) => [k, v]);
  }

  /** The command requested, or null. */
  getCommand(): string | null {
    return this.command;
  }

  /** The subsystem requested, or null. */
  getSubsystem(): string | null {
    return this.subsystem;
  }

  /** Exit status; -1 when a signal was reported instead; null while unknown. */
  getExitStatus(): number | null {
    return this.exitStatus;
  }

  /** (signal, coreDumped, msg, lang), or null. */
  getExitSignal(): ExitSignal | null {
    return this.exitSignal;
  }

  /** Exit status, or the negative signal number, or null. */
  getReturncode(): number | null {
    if (this.exitSignal) return -(SIGNAL_NUMBERS[this.exitSignal[0]] ?? 0) || -1;
    return this.exitStatus;
  }

  /** Resolves once an exit status or signal has arrived, or the channel closed. */
  waitExit(): Promise<void> {
    if (this.exitStatus !== null || this.isClosing()) return Promise.resolve();
    return new Promise((res) => this.exitWaiters.push(res));
  }

  /** Send window-change. */
  changeTerminalSize(width: number, height: number, pixwidth = 0, pixheight = 0): void {
    void this.sendRequest('window-change', encodeWindowChange([width, height, pixwidth, pixheight])).catch(
      () => {},
    );
  }

  /** Send a break of `msec` milliseconds (RFC 4335). */
  sendBreak(msec: number): void {
    void this.sendRequest('break', encodeUint32Arg(msec)).catch(() => {});
  }

  /** Deliver a signal by name ('TERM', 'SIGTERM') or number; an unknown number throws RangeError. */
  sendSignal(signal: string | number): void {
    void this.sendRequest('signal', encodeStringArg(signalName(signal))).catch(() => {});
  }

  /** Send KILL. */
  kill(): void {
    this.sendSignal('KILL');
  }

  /** Send TERM. */
  terminate(): void {
    this.sendSignal('TERM');
  }

  protected override handleRequest(type: string, r: PacketReader): boolean {
    switch (type) {
      case 'exit-status':
        this.exitStatus = r.readUint32('exit status');
        this.handler?.exitStatusReceived?.(this.exitStatus);
        this.wakeExit();
        return true;
      case 'exit-signal': {
        this.exitSignal = decodeExitSignal(r);
        this.exitStatus = -1;
        const [sig, core, msg, lang] = this.exitSignal;
        this.handler?.exitSignalReceived?.(sig, core, msg, lang || DEFAULT_LANG);
        this.wakeExit();
        return true;
      }
      case 'xon-xoff':
        this.handler?.xonXoffRequested?.(r.readBoolean('client can do'));
        return true;
      default:
        return false;
    }
  }

  private wakeExit(): void {
    for (const w of this.exitWaiters.splice(0)) w();
  }
}

/** Open a session channel: returns the channel and the session `sessionFactory` made. */
export async function createSession<S extends ClientSessionHandler>(
  conn: SSHConnection,
  sessionFactory: () => S,
  options: ClientSessionOptions = {},
): Promise<[SSHClientChannel, S]> {
  const channel = new SSHClientChannel(conn, options);
  const session = sessionFactory();
  await channel.start(session, options);
  return [channel, session];
}
