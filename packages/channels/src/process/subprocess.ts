import { EXTENDED_DATA_STDERR } from '@ssh/wire';
import type { ChannelData } from '../encoding.js';
import {
  type ClientSessionOptions,
  createSession,
  type SSHClientChannel,
} from '../session/client-channel.js';
import type { ClientSessionHandler } from '../session/session.js';
import { ProcessControls } from './process-controls.js';

/** The asyncio-style protocol of a remote subprocess; override what you need. */
export class SSHSubprocessProtocol {
  /** The process started. */
  connectionMade(_transport: SSHSubprocessTransport): void {}
  /** stdout (1) or stderr (2) ended, with an error or null. */
  pipeConnectionLost(_fd: 1 | 2, _exc: Error | null): void {}
  /** Data on stdout (1) or stderr (2): text with an encoding, else bytes. */
  pipeDataReceived(_fd: 1 | 2, _data: ChannelData): void {}
  /** The process finished; ask the transport for the return code. */
  processExited(): void {}
}

/** The stdout or stderr pipe of a remote subprocess. */
export class SSHSubprocessReadPipe {
  constructor(
    private readonly channel: SSHClientChannel,
    /** 1 for stdout, 2 for stderr. */
    readonly fd: 1 | 2,
  ) {}
  getExtraInfo(name: string, defaultValue?: unknown): unknown {
    return this.channel.getExtraInfo(name, defaultValue);
  }
  /** Pause delivery from the remote process (the window closes behind it). */
  pauseReading(): void {
    this.channel.pauseReading();
  }
  resumeReading(): void {
    this.channel.resumeReading();
  }
  /** Shut the remote process down. */
  close(): void {
    this.channel.close();
  }
}

/** The stdin pipe of a remote subprocess. */
export class SSHSubprocessWritePipe {
  constructor(private readonly channel: SSHClientChannel) {}
  getExtraInfo(name: string, defaultValue?: unknown): unknown {
    return this.channel.getExtraInfo(name, defaultValue);
  }
  canWriteEof(): boolean {
    return true;
  }
  getWriteBufferSize(): number {
    return this.channel.getWriteBufferSize();
  }
  setWriteBufferLimits(high?: number, low?: number): void {
    this.channel.setWriteBufferLimits(high, low);
  }
  write(data: ChannelData): void {
    this.channel.write(data);
  }
  writelines(list: Iterable<ChannelData>): void {
    this.channel.writelines(list);
  }
  writeEof(): void {
    this.channel.writeEof();
  }
  /** Close the channel at once. */
  abort(): void {
    this.channel.abort();
  }
  close(): void {
    this.channel.close();
  }
}

/** The transport of a remote subprocess: its pipes, return code and signals. */
export class SSHSubprocessTransport extends ProcessControls {
  private readonly pipes: [SSHSubprocessWritePipe, SSHSubprocessReadPipe, SSHSubprocessReadPipe];

  constructor(channel: SSHClientChannel) {
    super(channel);
    this.pipes = [
      new SSHSubprocessWritePipe(channel),
      new SSHSubprocessReadPipe(channel, 1),
      new SSHSubprocessReadPipe(channel, 2),
    ];
  }
  getExtraInfo(name: string, defaultValue?: unknown): unknown {
    return this.channel.getExtraInfo(name, defaultValue);
  }
  /** Always null: SSH has no remote process ids. */
  getPid(): null {
    return null;
  }
  /** The pipe for fd 0 (write), 1 or 2 (read). */
  getPipeTransport(fd: 0): SSHSubprocessWritePipe;
  getPipeTransport(fd: 1 | 2): SSHSubprocessReadPipe;
  getPipeTransport(fd: 0 | 1 | 2): SSHSubprocessWritePipe | SSHSubprocessReadPipe {
    return this.pipes[fd];
  }
  /** Exit status, negative signal number, or null. */
  getReturncode(): number | null {
    return this.channel.getReturncode();
  }
}

/** Routes a session's callbacks to a subprocess protocol. */
class SubprocessSession implements ClientSessionHandler {
  transport: SSHSubprocessTransport | null = null;
  constructor(private readonly protocol: SSHSubprocessProtocol) {}
  connectionMade(channel: unknown): void {
    this.transport = new SSHSubprocessTransport(channel as SSHClientChannel);
    this.protocol.connectionMade(this.transport);
  }
  dataReceived(data: ChannelData, datatype: number | null): void {
    this.protocol.pipeDataReceived(datatype === EXTENDED_DATA_STDERR ? 2 : 1, data);
  }
  private pipesOpen = true;
  eofReceived(): boolean {
    this.endPipes(null);
    return true;
  }
  connectionLost(exc: Error | null): void {
    this.endPipes(exc);
    this.protocol.processExited();
  }
  private endPipes(exc: Error | null): void {
    if (!this.pipesOpen) return;
    this.pipesOpen = false;
    this.protocol.pipeConnectionLost(1, exc);
    this.protocol.pipeConnectionLost(2, exc);
  }
}

/**
 * Start a remote process driven by a protocol (create_subprocess): returns
 * [SSHSubprocessTransport, protocol]. `command` may be given first.
 */
export async function createSubprocess<P extends SSHSubprocessProtocol>(
  conn: Parameters<typeof createSession>[0],
  protocolFactory: () => P,
  command?: string | ClientSessionOptions,
  options: ClientSessionOptions = {},
): Promise<[SSHSubprocessTransport, P]> {
  const opts = typeof command === 'string' ? { ...options, command } : { ...(command ?? options) };
  const protocol = protocolFactory();
  const session = new SubprocessSession(protocol);
  await createSession(conn, () => session, opts);
  return [session.transport as SSHSubprocessTransport, protocol];
}
