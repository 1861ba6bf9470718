import type { SSHLogger } from '@ssh/wire';
import { SFTPBadMessage, SFTPConnectionLost, SFTPError, SFTPFailure } from '../codec/errors.js';
import { sftpErrorFromMessage, sftpErrorFromOs } from '../fs/os-errors.js';
import { formatError, parseRecord, SCP_FATAL, SCP_OK, SCP_WARNING, type ScpRecord } from './protocol.js';
import { OK_BYTE, type ScpByteStream } from './stream.js';

/** Called with each error of a copy so it goes on with the next file; throw to stop. */
export type ScpErrorHandler = (err: SFTPError) => void;

/**
 * What happens to an error that ends one file: a function is told and the
 * copy goes on, `false` drops it silently and goes on (the server side),
 * null throws it.
 */
export type ScpErrorPolicy = ScpErrorHandler | false | null;

/** How an error travels: fatal ones stop the session; sent ones are not reported to the peer again. */
interface ErrorFlags {
  fatal: boolean;
  sent: boolean;
}

const flags = new WeakMap<SFTPError, ErrorFlags>();

/** Mark an error fatal (stops the copy) and/or already known to the peer. */
export function markError(err: SFTPError, fatal: boolean, sent: boolean): SFTPError {
  flags.set(err, { fatal, sent });
  return err;
}

/** Whether an error stops the whole copy. */
export function isFatal(err: SFTPError): boolean {
  return flags.get(err)?.fatal ?? false;
}

function asSftpError(err: unknown): SFTPError {
  if (err instanceof SFTPError) return err;
  if (err instanceof Error && err.name === 'ScpProtocolError') {
    return markError(new SFTPBadMessage(err.message, undefined, { cause: err }), true, false);
  }
  if (err instanceof Error && (err.name === 'ChannelClosedError' || err.name === 'ConnectionLost')) {
    return markError(new SFTPConnectionLost('Connection lost', undefined, { cause: err }), true, true);
  }
  if (err instanceof Error && (err.name === 'LimitOverrunError' || err.name === 'IncompleteReadError')) {
    // A record line longer than the channel buffer, or one cut short: the stream is out of step.
    return markError(
      new SFTPBadMessage(`SCP record unreadable: ${err.message}`, undefined, { cause: err }),
      true,
      false,
    );
  }
  return sftpErrorFromOs(err);
}

/** The connection went away in the middle of a copy. */
export function connectionLost(): SFTPError {
  return markError(new SFTPConnectionLost('Connection lost'), true, true);
}

/** One end of an SCP session: status bytes, records, data and the error policy. */
export class ScpEndpoint {
  constructor(
    protected readonly stream: ScpByteStream,
    readonly logger: SSHLogger,
    protected readonly errorPolicy: ScpErrorPolicy,
  ) {}

  /** The connection-lost error, with what the remote program printed on stderr when there is any. */
  lost(): SFTPError {
    const said = this.stream.diagnostics?.() ?? '';
    if (said === '') return connectionLost();
    return markError(new SFTPConnectionLost(`Connection lost: ${said}`), true, true);
  }

  /** Wait for the peer's status: null for OK, else the error it reported (already "sent"). */
  async awaitResponse(): Promise<SFTPError | null> {
    const status = await this.stream.read(1);
    if (status.length === 0) throw this.lost();
    if (status[0] === SCP_OK) return null;
    const line = await this.stream.readline();
    if (line[line.length - 1] !== 0x0a) throw this.lost();
    const body = line.subarray(0, -1);
    if (status[0] !== SCP_WARNING && status[0] !== SCP_FATAL) {
      const text = new TextDecoder().decode(Uint8Array.of(status[0] as number, ...body));
      return markError(new SFTPBadMessage(`Unexpected SCP response: ${text}`), true, true);
    }
    const message = new TextDecoder().decode(body).replace(/^scp: /, '');
    return markError(sftpErrorFromMessage(message), status[0] === SCP_FATAL, true);
  }

  /** Send a record and wait for the peer's OK; throws what it reports instead. */
  async request(record: Uint8Array): Promise<void> {
    this.stream.write(record);
    const err = await this.awaitResponse();
    if (err) throw err;
  }

  /** Read the next record; null at EOF. */
  async nextRecord(): Promise<{ record: ScpRecord; raw: Uint8Array } | null> {
    const line = await this.stream.readline();
    if (line.length === 0) return null;
    if (line[line.length - 1] !== 0x0a) throw this.lost();
    const raw = line.subarray(0, -1);
    return { record: parseRecord(raw), raw: line };
  }

  sendOk(): void {
    this.stream.write(OK_BYTE);
  }

  /** Report an error to the peer as a warning (or fatal) status line. */
  sendError(err: SFTPError): void {
    const f = flags.get(err);
    this.stream.write(formatError(`scp: ${err.reason}`, f?.fatal ?? false));
    flags.set(err, { fatal: f?.fatal ?? false, sent: true });
  }

  /** Apply the error policy: report to the peer, then throw, call the handler, or drop. */
  handleError(caught: unknown): void {
    const err = asSftpError(caught);
    if (!(flags.get(err)?.sent ?? false)) this.sendError(err);
    this.logger.debug1('SCP error: %s', err.reason);
    if (isFatal(err) || this.errorPolicy === null) throw err;
    if (this.errorPolicy) this.errorPolicy(err);
  }

  /** End our side of the session. */
  close(): Promise<void> {
    return this.stream.close();
  }
}

/** The error a peer sent as a record (it came from the peer, so it is not sent back). */
export function recordError(message: string, fatal: boolean): SFTPError {
  return markError(sftpErrorFromMessage(message.replace(/^scp: /, '')), fatal, true);
}

/** An error for one path, carried as a non-fatal SFTPFailure. */
export function scpFailure(reason: string, path?: string): SFTPError {
  return new SFTPFailure(path === undefined ? reason : `${reason}: ${path}`);
}
