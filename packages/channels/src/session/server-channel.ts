import { DEFAULT_LANG, EXTENDED_DATA_STDERR, type PacketReader } from '@ssh/wire';
import { type ChannelOptions, type DataType, SSHChannel } from '../channel.js';
import type { ChannelData } from '../encoding.js';
import { LineEditor, type LineEditorOptions } from '../line-editor/editor.js';
import { SSHLineEditorChannel } from '../line-editor/line-editor-channel.js';
import type { SSHConnection } from '../mux.js';
import type { EnvEntry } from './environment.js';
import { envAsText } from './environment.js';
import {
  decodePtyReq,
  decodeWindowChange,
  decodeX11Req,
  encodeBooleanArg,
  encodeExitSignal,
  encodeUint32Arg,
  signalName,
  type X11Request,
} from './requests.js';
import type { ServerSessionHandler } from './session.js';

/** Server session options (AsyncSSH SSHServerConnectionOptions for sessions). */
export interface ServerChannelOptions extends ChannelOptions, LineEditorOptions {
  /** Permit PTY allocation (default true). */
  allowPty?: boolean;
  /** Edit input lines on PTY sessions with a text encoding (default true). */
  lineEditor?: boolean;
  /**
   * A command that replaces whatever the client asks to run (authorized_keys
   * `command=`, a certificate's `force-command`); an exec's own command goes
   * to SSH_ORIGINAL_COMMAND, as sshd does.
   */
  forcedCommand?: string | null;
  /** Environment variables set by the login (authorized_keys `environment=`), before the client's. */
  loginEnv?: Readonly<Record<string, string>>;
  /**
   * Whether a session exchanges bytes whatever the encoding, decided when the
   * client names its command or subsystem (SFTP and SCP need bytes).
   */
  binarySession?: (command: string | null, subsystem: string | null) => boolean;
  /**
   * Serve the client's agent forwarding request: resolve to the local socket
   * path that relays to its agent (getAgentPath), or null to refuse.
   */
  agentForwarding?: (channel: SSHServerChannel) => Promise<string | null>;
  /** Serve an X11 forwarding request: resolve to the DISPLAY to use (getX11Display), or null to refuse. */
  x11Forwarding?: (channel: SSHServerChannel, request: X11Request) => Promise<string | null>;
}

/** A server session channel: what the client asked for, and how the server answers. */
export class SSHServerChannel extends SSHChannel {
  private readonly allowPty: boolean;
  private readonly forcedCommand: string | null;
  private readonly binarySession: ServerChannelOptions['binarySession'];
  private readonly agentForwarding: ServerChannelOptions['agentForwarding'];
  private readonly x11Forwarding: ServerChannelOptions['x11Forwarding'];
  private agentPath: string | null = null;
  private x11Display: string | null = null;
  private readonly env: EnvEntry[] = [];
  private command: string | null = null;
  private subsystem: string | null = null;
  private termType: string | null = null;
  private termSize: [number, number, number, number] = [0, 0, 0, 0];
  private termModes: Record<number, number> = {};
  private started = false;
  private startSession: (() => void) | null = null;
  private pendingSession: ServerSessionHandler | null = null;
  private readonly editorOptions: ServerChannelOptions;
  private editor: LineEditor | null = null;
  /** Line editing controls, once a PTY session with a text encoding has one. */
  lineEditor: SSHLineEditorChannel | null = null;

  constructor(connection: SSHConnection, options: ServerChannelOptions = {}) {
    super(connection, options);
    this.allowPty = options.allowPty ?? true;
    this.editorOptions = options;
    this.forcedCommand = options.forcedCommand ?? null;
    this.binarySession = options.binarySession;
    this.agentForwarding = options.agentForwarding;
    this.x11Forwarding = options.x11Forwarding;
    const enc = new TextEncoder();
    for (const [k, v] of Object.entries(options.loginEnv ?? {}))
      this.env.push([enc.encode(k), enc.encode(v)]);
  }

  /** Send data; on a line-edited PTY, output is drawn around the line being edited. */
  override write(data: ChannelData, datatype: DataType = null): void {
    if (this.editor?.active && typeof data === 'string') this.editor.writeOutput(data, datatype);
    else super.write(data, datatype);
  }

  /** Write without the line editor. */
  rawWrite(data: ChannelData, datatype: DataType): void {
    super.write(data, datatype);
  }

  /** Choose the session handler to attach once the open confirmation has gone out. */
  bindSession(session: ServerSessionHandler): void {
    this.pendingSession = session;
  }

  override accepted(): void {
    const s = this.pendingSession;
    this.pendingSession = null;
    if (!s) return;
    if ((this.editorOptions.lineEditor ?? true) && this.codec.encoding !== null) {
      this.editor = new LineEditor(s, this, this.editorOptions);
      this.attachSession(this.editor);
    } else this.attachSession(s);
  }

  private get handler(): ServerSessionHandler | null {
    return (this.editor ? this.editor.inner : this.session) as ServerSessionHandler | null;
  }

  /** The environment the client set (valid UTF-8 entries). */
  getEnvironment(): Record<string, string> {
    return envAsText(this.env);
  }

  /** The environment as raw bytes, including entries that are not UTF-8. */
  getEnvironmentBytes(): Array<[Uint8Array, Uint8Array]> {
    return this.env.map(([k, v]) => [k, v]);
  }

  /** The command the client asked for, or null. */
  getCommand(): string | null {
    return this.command;
  }

  /** The local socket path relaying to the client's agent, when it asked for agent forwarding; else null. */
  getAgentPath(): string | null {
    return this.agentPath;
  }

  /** The DISPLAY relaying to the client's X server, when it asked for X11 forwarding; else null. */
  getX11Display(): string | null {
    return this.x11Display;
  }

  /** The subsystem the client asked for, or null. */
  getSubsystem(): string | null {
    return this.subsystem;
  }

  /** The PTY terminal type, or null without a PTY. */
  getTerminalType(): string | null {
    return this.termType;
  }

  /** (width, height, pixwidth, pixheight); zeros if unset. */
  getTerminalSize(): [number, number, number, number] {
    return [...this.termSize];
  }

  /** The value of one PTY_* mode, or null. */
  getTerminalMode(mode: number): number | null {
    return this.termModes[mode] ?? null;
  }

  /** All PTY modes (empty without a PTY). */
  getTerminalModes(): Record<number, number> {
    return { ...this.termModes };
  }

  /** Send data as stderr. */
  writeStderr(data: ChannelData): void {
    this.write(data, EXTENDED_DATA_STDERR);
  }

  /** Send several chunks as stderr. */
  writelinesStderr(list: Iterable<ChannelData>): void {
    this.writelines(list, EXTENDED_DATA_STDERR);
  }

  /** Tell the client whether it may handle Ctrl-S/Ctrl-Q locally. */
  setXonXoff(clientCanDo: boolean): void {
    void this.sendRequest('xon-xoff', encodeBooleanArg(clientCanDo)).catch(() => {});
  }

  /** Report an exit status after the queued output, then close. */
  exit(status: number): void {
    if (this.isClosing()) return;
    this.whenFlushed(() => {
      void this.sendRequest('exit-status', encodeUint32Arg(status >>> 0)).catch(() => {});
      this.writeEof();
      this.close();
    });
  }

  /** Report death by a signal after the queued output, then close. */
  exitWithSignal(signal: string | number, coreDumped = false, msg = '', lang = DEFAULT_LANG): void {
    if (this.isClosing()) return;
    const name = signalName(signal);
    this.whenFlushed(() => {
      void this.sendRequest('exit-signal', encodeExitSignal(name, coreDumped, msg, lang)).catch(() => {});
      this.writeEof();
      this.close();
    });
  }

  protected override handleRequest(type: string, r: PacketReader): boolean | Promise<boolean> {
    const h = this.handler;
    switch (type) {
      case 'pty-req': {
        if (!this.allowPty || this.started) return false;
        const pty = decodePtyReq(r);
        if (h?.ptyRequested && !h.ptyRequested(pty.termType, pty.termSize, pty.termModes)) return false;
        this.termType = pty.termType;
        this.termSize = pty.termSize;
        this.termModes = pty.termModes;
        if (this.editor) {
          this.editor.active = true;
          this.lineEditor = new SSHLineEditorChannel(this, this.editor);
        }
        return true;
      }
      case 'env':
        this.env.push([r.readString('name').slice(), r.readString('value').slice()]);
        return true;
      case 'shell':
      case 'exec':
      case 'subsystem':
        return this.startRequest(type, r);
      case 'window-change': {
        const [w, hgt, pw, ph] = decodeWindowChange(r);
        if (this.termType === null) return false;
        this.termSize = [w, hgt, pw, ph];
        h?.terminalSizeChanged?.(w, hgt, pw, ph);
        return true;
      }
      case 'signal':
        h?.signalReceived?.(r.readUtf8('signal name'));
        return true;
      case 'break':
        return h?.breakReceived?.(r.readUint32('break length')) ?? false;
      case 'x11-req': {
        const request = decodeX11Req(r);
        if (!this.x11Forwarding) return h?.x11Requested?.(request) ?? false;
        return this.x11Forwarding(this, request).then((display) => {
          this.x11Display = display;
          return display !== null;
        });
      }
      case 'auth-agent-req@openssh.com':
        if (!this.agentForwarding) return h?.agentRequested?.() ?? false;
        return this.agentForwarding(this).then((path) => {
          this.agentPath = path;
          return path !== null;
        });
      default:
        return false;
    }
  }

  protected override afterRequest(_type: string, ok: boolean): void {
    const start = this.startSession;
    this.startSession = null;
    if (ok && start) start();
  }

  private startRequest(type: string, r: PacketReader): boolean {
    if (this.started) return false;
    const h = this.handler;
    let ok: boolean;
    if (this.forcedCommand !== null) {
      if (type === 'exec') {
        const enc = new TextEncoder();
        this.env.push([enc.encode('SSH_ORIGINAL_COMMAND'), enc.encode(r.readUtf8('command'))]);
      }
      this.command = this.forcedCommand;
      ok = h?.execRequested?.(this.command) ?? false;
    } else if (type === 'shell') ok = h?.shellRequested?.() ?? false;
    else if (type === 'exec') {
      this.command = r.readUtf8('command');
      ok = h?.execRequested?.(this.command) ?? false;
    } else {
      this.subsystem = r.readUtf8('subsystem name');
      ok = h?.subsystemRequested?.(this.subsystem) ?? false;
    }
    if (ok) {
      this.started = true;
      if (this.binarySession?.(this.command, this.subsystem)) this.codec.switchTo(null);
      this.startSession = () => h?.sessionStarted?.();
    }
    return ok;
  }
}
