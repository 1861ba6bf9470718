import type { SSHConnection } from '@ssh/channels';
import type { Transport } from '@ssh/transport';
import { DISC_BY_APPLICATION } from '@ssh/wire';
import { ExtraInfo } from '../extra-info.js';

/** One client's connection to our server (AsyncSSH's SSHServerConnection). */
export class SSHServerConnection {
  private readonly info: ExtraInfo;

  constructor(
    readonly transport: Transport,
    readonly connection: SSHConnection,
    /** The user who logged in. */
    readonly username: string,
    info: Record<string, unknown>,
  ) {
    this.info = new ExtraInfo(transport, { ...info, username });
  }

  /** Information about the connection (peer address, versions, algorithms, user values). */
  getExtraInfo(name: string, defaultValue?: unknown): unknown {
    return this.info.get(name, defaultValue);
  }

  /** Store values for later `getExtraInfo`. */
  setExtraInfo(values: Record<string, unknown>): void {
    this.info.set(values);
  }

  /** Whether the connection has closed. */
  isClosed(): boolean {
    return this.transport.isClosed;
  }

  /** Send a disconnect with a reason code and close. */
  disconnect(code: number, reason: string, lang?: string): void {
    this.connection.close();
    this.transport.disconnect(code, reason, lang);
  }

  /** Close cleanly. */
  close(): void {
    this.disconnect(DISC_BY_APPLICATION, 'Disconnected by application');
  }

  /** Drop the connection at once. */
  abort(): void {
    this.transport.abort();
  }

  /** Wait until the connection has fully closed. */
  async waitClosed(): Promise<void> {
    await this.transport.closedPromise;
  }
}
