import type { SSHLogger } from '@ssh/wire';
import { SFTPNoSuchFile } from '../codec/errors.js';
import { sftpErrorFromOs } from '../fs/os-errors.js';
import { ScpEndpoint, type ScpErrorPolicy, scpFailure } from './endpoint.js';
import type { ScpFileSystem, ScpStat } from './fs.js';
import { expandGlob } from './glob.js';
import { END_RECORD, formatCopyRecord, formatTimesRecord, joinPath } from './protocol.js';
import type { ScpByteStream } from './stream.js';

/** Called after each block: source path, destination path, bytes copied, file size. */
export type ScpProgressHandler = (srcpath: string, dstpath: string, copied: number, total: number) => void;

/** Options shared by the sending and receiving ends. */
export interface ScpTransferOptions {
  preserve?: boolean;
  recurse?: boolean;
  blockSize?: number;
  progressHandler?: ScpProgressHandler | null;
  errorPolicy?: ScpErrorPolicy;
}

/** Default read/write size of SCP copies (256 KiB, as AsyncSSH). */
export const SCP_BLOCK_SIZE = 262144;

function basename(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  const i = trimmed.lastIndexOf('/');
  return i < 0 ? trimmed : trimmed.slice(i + 1);
}

/** The sending end (what `scp -f` does): reads files from a file system and sends C/D/E/T records. */
export class ScpSource extends ScpEndpoint {
  private readonly preserve: boolean;
  private readonly recurse: boolean;
  private readonly blockSize: number;
  private readonly progress: ScpProgressHandler | null;

  constructor(
    private readonly fs: ScpFileSystem,
    stream: ScpByteStream,
    logger: SSHLogger,
    options: ScpTransferOptions = {},
  ) {
    super(stream, logger, options.errorPolicy ?? null);
    this.preserve = options.preserve ?? false;
    this.recurse = options.recurse ?? false;
    this.blockSize = Math.max(1, options.blockSize ?? SCP_BLOCK_SIZE);
    this.progress = options.progressHandler ?? null;
  }

  /** Send everything the paths name (wildcards expanded on `fs`), then close the stream. */
  async run(srcpaths: string | readonly string[]): Promise<void> {
    try {
      const ready = await this.awaitResponse();
      if (ready) throw ready;
      for (const pattern of typeof srcpaths === 'string' ? [srcpaths] : srcpaths) {
        try {
          const paths = await expandGlob(this.fs, pattern);
          if (paths.length === 0) throw new SFTPNoSuchFile(`No matches found: ${pattern}`);
          for (const path of paths) await this.sendPath(path, basename(path));
        } catch (err) {
          this.handleError(err);
        }
      }
    } catch (err) {
      this.handleError(err);
    } finally {
      await this.close();
    }
  }

  private async sendPath(srcpath: string, dstpath: string): Promise<void> {
    try {
      let st: ScpStat;
      try {
        st = await this.fs.stat(srcpath);
      } catch (err) {
        throw sftpErrorFromOs(err, srcpath);
      }
      if (st.type === 'directory' && !this.recurse) throw scpFailure('Not a regular file', srcpath);
      if (st.type === 'other') throw scpFailure('Not a regular file', srcpath);
      if (this.preserve) await this.request(formatTimesRecord(st.mtime, st.atime));
      if (st.type === 'directory') await this.sendDir(srcpath, dstpath, st);
      else await this.sendFile(srcpath, dstpath, st);
    } catch (err) {
      this.handleError(err);
    }
  }

  private async sendDir(srcpath: string, dstpath: string, st: ScpStat): Promise<void> {
    const names = (await this.fs.listdir(srcpath)).sort();
    await this.request(formatCopyRecord('D', st.permissions, 0, basename(srcpath)));
    for (const name of names) await this.sendPath(joinPath(srcpath, name), joinPath(dstpath, name));
    await this.request(END_RECORD);
  }

  private async sendFile(srcpath: string, dstpath: string, st: ScpStat): Promise<void> {
    let file: Awaited<ReturnType<ScpFileSystem['open']>>;
    try {
      file = await this.fs.open(srcpath, 'r');
    } catch (err) {
      throw sftpErrorFromOs(err, srcpath);
    }
    const size = st.size;
    let localError: unknown = null;
    try {
      await this.request(formatCopyRecord('C', st.permissions, size, basename(srcpath)));
      let offset = 0;
      while (offset < size) {
        const want = Math.min(this.blockSize, size - offset);
        let data: Uint8Array;
        if (localError) data = new Uint8Array(want);
        else {
          try {
            data = await file.read(want, offset);
            if (data.length === 0) throw scpFailure('File shrank while being sent', srcpath);
          } catch (err) {
            localError = err;
            data = new Uint8Array(want);
          }
        }
        this.stream.write(data);
        await this.stream.drain();
        offset += data.length;
        this.progress?.(srcpath, dstpath, offset, size);
      }
    } finally {
      await file.close().catch(() => undefined);
    }
    const local = localError === null ? null : sftpErrorFromOs(localError, srcpath);
    if (local) this.sendError(local);
    else this.sendOk();
    const remote = await this.awaitResponse();
    const err = remote ?? local;
    if (err) throw err;
  }
}
