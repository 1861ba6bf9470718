import type { SSHLogger } from '@ssh/wire';
import { SFTPBadMessage } from '../codec/errors.js';
import { sftpErrorFromOs } from '../fs/os-errors.js';
import { markError, recordError, ScpEndpoint, scpFailure } from './endpoint.js';
import type { ScpFile, ScpFileSystem } from './fs.js';
import { isSafeName, joinPath } from './protocol.js';
import { SCP_BLOCK_SIZE, type ScpProgressHandler, type ScpTransferOptions } from './source.js';
import type { ScpByteStream } from './stream.js';

/** The receiving end (what `scp -t` does): takes C/D/E/T records and writes files to a file system. */
export class ScpSink extends ScpEndpoint {
  private readonly preserve: boolean;
  private readonly recurse: boolean;
  private readonly blockSize: number;
  private readonly progress: ScpProgressHandler | null;
  private records = 0;

  constructor(
    private readonly fs: ScpFileSystem,
    stream: ScpByteStream,
    logger: SSHLogger,
    private readonly mustBeDir: boolean,
    options: ScpTransferOptions = {},
  ) {
    super(stream, logger, options.errorPolicy ?? null);
    this.preserve = options.preserve ?? false;
    this.recurse = options.recurse ?? false;
    this.blockSize = Math.max(1, options.blockSize ?? SCP_BLOCK_SIZE);
    this.progress = options.progressHandler ?? null;
  }

  /** Receive into `dstpath` (a file, or a directory to put entries in), then close the stream. */
  async run(dstpath: string): Promise<void> {
    try {
      if (this.mustBeDir && !(await this.isDir(dstpath))) {
        this.handleError(scpFailure('Not a directory', dstpath));
      } else {
        this.sendOk();
        await this.receive('', dstpath);
      }
    } catch (err) {
      this.handleError(err);
    } finally {
      await this.close();
    }
  }

  private async isDir(path: string): Promise<boolean> {
    try {
      return (await this.fs.stat(path)).type === 'directory';
    } catch {
      return false;
    }
  }

  /** Handle records until EOF (top level) or the E ending this directory. */
  private async receive(srcdir: string, dstpath: string): Promise<void> {
    let times: { atime: number; mtime: number } | null = null;
    for (;;) {
      const next = await this.nextRecord();
      if (!next) {
        // EOF before any record, with words on stderr: the remote scp never ran (or died at once).
        if (srcdir !== '' || (this.records === 0 && this.stream.diagnostics?.())) throw this.lost();
        return;
      }
      this.records++;
      const rec = next.record;
      try {
        if (rec.kind === 'error') throw recordError(rec.message, rec.fatal);
        if (rec.kind === 'T') {
          times = { atime: rec.atime, mtime: rec.mtime };
          this.sendOk();
          continue;
        }
        if (rec.kind === 'E') {
          this.sendOk();
          if (srcdir !== '') return;
          continue;
        }
        const attrs = times;
        times = null;
        if (!isSafeName(rec.name)) {
          throw markError(new SFTPBadMessage(`Invalid file name: ${rec.name}`), true, false);
        }
        const src = joinPath(srcdir, rec.name);
        const dst = (await this.isDir(dstpath)) ? joinPath(dstpath, rec.name) : dstpath;
        if (rec.kind === 'D') await this.receiveDir(src, dst, rec.mode);
        else await this.receiveFile(src, dst, rec.size, rec.mode);
        if (this.preserve) {
          try {
            await this.fs.setstat(dst, {
              permissions: rec.mode & 0o7777,
              ...(attrs ? { atime: attrs.atime, mtime: attrs.mtime } : {}),
            });
          } catch (err) {
            throw sftpErrorFromOs(err, dst);
          }
        }
      } catch (err) {
        this.handleError(err);
      }
    }
  }

  private async receiveDir(srcpath: string, dstpath: string, mode: number): Promise<void> {
    if (!this.recurse) {
      throw markError(new SFTPBadMessage('Directory received without recurse'), true, false);
    }
    try {
      if (await this.fs.exists(dstpath)) {
        if ((await this.fs.stat(dstpath)).type !== 'directory') throw scpFailure('Not a directory', dstpath);
      } else await this.fs.mkdir(dstpath, mode & 0o777);
    } catch (err) {
      throw sftpErrorFromOs(err, dstpath);
    }
    this.sendOk();
    await this.receive(srcpath, dstpath);
  }

  private async receiveFile(srcpath: string, dstpath: string, size: number, mode: number): Promise<void> {
    let file: ScpFile;
    try {
      file = await this.fs.open(dstpath, 'w', mode & 0o777);
    } catch (err) {
      throw sftpErrorFromOs(err, dstpath);
    }
    let localError: unknown = null;
    try {
      this.sendOk();
      let offset = 0;
      while (offset < size) {
        const data = await this.stream.read(Math.min(this.blockSize, size - offset));
        if (data.length === 0) throw this.lost();
        if (localError === null) {
          try {
            await file.write(data, offset);
          } catch (err) {
            localError = err;
          }
        }
        offset += data.length;
        this.progress?.(srcpath, dstpath, offset, size);
      }
    } finally {
      await file.close().catch((err: unknown) => {
        localError ??= err;
      });
    }
    const remote = await this.awaitResponse();
    const local = localError === null ? null : sftpErrorFromOs(localError, dstpath);
    if (local) this.sendError(local);
    else this.sendOk();
    const err = remote ?? local;
    if (err) throw err;
  }
}
