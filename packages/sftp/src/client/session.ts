import { type SSHChannel, SSHClientSession } from '@ssh/channels';
import type { SSHLogger } from '@ssh/wire';
import { FX_CONNECTION_LOST, MAX_SFTP_VERSION, MIN_SFTP_VERSION } from '../codec/constants.js';
import { SFTPBadMessage, SFTPConnectionLost, SFTPError } from '../codec/errors.js';
import { DEFAULT_MAX_SFTP_PACKET, SFTPPacketFramer } from '../codec/framer.js';
import { encodeRequest, type SFTPRequest } from '../codec/requests.js';
import { decodeResponse, type SFTPResponse } from '../codec/responses.js';
import { decodeHello, encodeInit, type SFTPExtensionPair } from '../codec/version.js';

/** A request without its id: the session assigns one. */
export type SFTPRequestBody = SFTPRequest extends infer R
  ? R extends SFTPRequest
    ? Omit<R, 'id'>
    : never
  : never;

interface Pending {
  resolve(res: SFTPResponse): void;
  reject(err: Error): void;
}

/**
 * The client end of one SFTP session on a channel: sends SSH_FXP_INIT, waits
 * for SSH_FXP_VERSION, then matches responses to pipelined requests by id. A
 * malformed packet fails every pending request with SFTPBadMessage and closes
 * the channel.
 */
export class SFTPClientSession extends SSHClientSession {
  private channel: SSHChannel | null = null;
  private readonly framer = new SFTPPacketFramer(DEFAULT_MAX_SFTP_PACKET);
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private error: SFTPError | null = null;
  private helloResolve!: (hello: { version: number; extensions: SFTPExtensionPair[] }) => void;
  private helloReject!: (err: Error) => void;
  /** Resolves with the server's version and extensions. */
  readonly hello: Promise<{ version: number; extensions: SFTPExtensionPair[] }>;
  /** The negotiated version (0 until SSH_FXP_VERSION arrives). */
  version = 0;
  private closedResolve!: () => void;
  /** Resolves once the session has ended. */
  readonly closed: Promise<void>;

  constructor(
    private readonly wantVersion: number,
    readonly logger: SSHLogger,
  ) {
    super();
    this.hello = new Promise((res, rej) => {
      this.helloResolve = res;
      this.helloReject = rej;
    });
    this.hello.catch(() => {});
    this.closed = new Promise((res) => {
      this.closedResolve = res;
    });
  }

  override connectionMade(channel: unknown): void {
    this.channel = channel as SSHChannel;
  }

  override sessionStarted(): void {
    this.channel?.write(encodeInit(this.wantVersion));
  }

  override dataReceived(data: string | Uint8Array): void {
    if (this.error || typeof data === 'string') return;
    try {
      for (const packet of this.framer.push(data)) this.handlePacket(packet);
    } catch (err) {
      const e =
        err instanceof SFTPError
          ? err
          : new SFTPBadMessage(`bad SFTP packet: ${String(err)}`, undefined, { cause: err });
      this.logger.debug1('SFTP session failed: %s', e.message);
      this.fail(e);
      this.channel?.close();
    }
  }

  override eofReceived(): boolean {
    this.fail(new SFTPConnectionLost('SFTP server closed the session'));
    return false;
  }

  override connectionLost(exc: Error | null): void {
    this.fail(
      new SFTPConnectionLost(
        exc ? `SFTP session lost: ${exc.message}` : 'SFTP session closed',
        undefined,
        exc ? { cause: exc } : undefined,
      ),
    );
    this.closedResolve();
  }

  private handlePacket(packet: Uint8Array): void {
    if (this.version === 0) {
      const hello = decodeHello(packet, 'version');
      if (hello.version < MIN_SFTP_VERSION || hello.version > Math.min(this.wantVersion, MAX_SFTP_VERSION)) {
        throw new SFTPBadMessage(`unsupported SFTP version ${hello.version}`);
      }
      this.version = hello.version;
      this.helloResolve(hello);
      return;
    }
    const res = decodeResponse(packet, this.version);
    const waiter = this.pending.get(res.id);
    if (!waiter) throw new SFTPBadMessage(`response to unknown request id ${res.id}`);
    this.pending.delete(res.id);
    waiter.resolve(res);
  }

  /** End the session with `err`: pending and later requests fail with it. */
  fail(err: SFTPError): void {
    if (!this.error) this.error = err;
    this.helloReject(this.error);
    const waiters = [...this.pending.values()];
    this.pending.clear();
    for (const w of waiters) w.reject(this.error);
  }

  /** The error that ended the session, or null while it runs. */
  get failure(): SFTPError | null {
    return this.error;
  }

  /** Send a request; resolves with its response (a status response is not turned into an error here). */
  request(body: SFTPRequestBody): Promise<SFTPResponse> {
    if (this.error) return Promise.reject(this.error);
    const channel = this.channel;
    if (!channel || channel.isClosing()) {
      return Promise.reject(new SFTPError(FX_CONNECTION_LOST, 'SFTP session is closed'));
    }
    const id = this.nextId;
    this.nextId = (this.nextId + 1) >>> 0;
    return new Promise((resolve, reject) => {
      const packet = encodeRequest({ ...body, id } as SFTPRequest, this.version);
      this.pending.set(id, { resolve, reject });
      try {
        channel.write(packet);
      } catch (err) {
        this.pending.delete(id);
        reject(new SFTPConnectionLost(`SFTP session is closed: ${String(err)}`, undefined, { cause: err }));
      }
    });
  }

  /** Close the channel (exit). */
  close(): void {
    this.channel?.close();
  }
}
