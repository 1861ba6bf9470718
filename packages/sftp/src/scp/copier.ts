import type { SSHLogger } from '@ssh/wire';
import type { SFTPError } from '../codec/errors.js';
import { isFatal, recordError, ScpEndpoint, type ScpErrorPolicy } from './endpoint.js';
import { SCP_BLOCK_SIZE, type ScpProgressHandler } from './source.js';
import type { ScpByteStream } from './stream.js';

/** Options of a remote-to-remote copy. */
export interface ScpCopierOptions {
  blockSize?: number;
  progressHandler?: ScpProgressHandler | null;
  errorPolicy?: ScpErrorPolicy;
}

/**
 * A remote-to-remote copy: a remote `scp -f` talks to a remote `scp -t`
 * through us; records and statuses are relayed, file data is streamed.
 */
export class ScpCopier {
  private readonly source: ScpEndpoint;
  private readonly sink: ScpEndpoint;
  private readonly blockSize: number;
  private readonly progress: ScpProgressHandler | null;
  private readonly errorPolicy: ScpErrorPolicy;

  constructor(
    private readonly sourceStream: ScpByteStream,
    private readonly sinkStream: ScpByteStream,
    logger: SSHLogger,
    options: ScpCopierOptions = {},
  ) {
    this.source = new ScpEndpoint(sourceStream, logger, null);
    this.sink = new ScpEndpoint(sinkStream, logger, null);
    this.blockSize = Math.max(1, options.blockSize ?? SCP_BLOCK_SIZE);
    this.progress = options.progressHandler ?? null;
    this.errorPolicy = options.errorPolicy ?? null;
  }

  private handle(err: SFTPError): void {
    if (isFatal(err) || this.errorPolicy === null) throw err;
    if (this.errorPolicy) this.errorPolicy(err);
  }

  /** Pass one status from `from` to `to`; returns the error it carried. */
  private async relayStatus(from: ScpEndpoint, to: ScpEndpoint): Promise<SFTPError | null> {
    const err = await from.awaitResponse();
    if (err) to.sendError(err);
    else to.sendOk();
    return err;
  }

  /** Copy everything the source sends, then close both sessions. */
  async run(): Promise<void> {
    try {
      const ready = await this.relayStatus(this.sink, this.source);
      if (ready) throw ready;
      const dirs: string[] = [];
      for (;;) {
        const next = await this.source.nextRecord();
        if (!next) break;
        const rec = next.record;
        this.sinkStream.write(next.raw);
        if (rec.kind === 'error') {
          this.handle(recordError(rec.message, rec.fatal));
          continue;
        }
        const refused = await this.relayStatus(this.sink, this.source);
        if (refused) {
          this.handle(refused);
          continue;
        }
        if (rec.kind === 'D') dirs.push(rec.name);
        else if (rec.kind === 'E') dirs.pop();
        else if (rec.kind === 'C') await this.copyData([...dirs, rec.name].join('/'), rec.size);
      }
    } finally {
      await this.sourceStream.close();
      await this.sinkStream.close();
    }
  }

  private async copyData(path: string, size: number): Promise<void> {
    let offset = 0;
    while (offset < size) {
      const data = await this.sourceStream.read(Math.min(this.blockSize, size - offset));
      if (data.length === 0) throw this.source.lost();
      this.sinkStream.write(data);
      await this.sinkStream.drain();
      offset += data.length;
      this.progress?.(path, path, offset, size);
    }
    const sourceErr = await this.relayStatus(this.source, this.sink);
    const sinkErr = await this.relayStatus(this.sink, this.source);
    const err = sinkErr ?? sourceErr;
    if (err) this.handle(err);
  }
}
