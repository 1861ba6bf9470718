import { ChannelCodec, type ErrorsPolicy } from '@ssh/channels';
import { PacketReader } from '@ssh/wire';
import { SFTPAttrs } from '../codec/attrs.js';
import * as C from '../codec/constants.js';
import { SFTPOpUnsupported } from '../codec/errors.js';
import { EXT_FSTATVFS, EXT_FSYNC, encodeExtendedData } from '../codec/extensions.js';
import { decodeVfsAttrs, type SFTPVFSAttrs } from '../codec/vfs-attrs.js';
import { type Block, readRemoteParallel, writeRemoteParallel } from './parallel.js';
import { expectAttrs, expectExtended, expectOk } from './replies.js';
import type { SFTPClientSession } from './session.js';
import { timesToAttrs, type UtimeOptions } from './times.js';

/** What an open file needs from its client. */
export interface FileContext {
  session: SFTPClientSession;
  extensions: ReadonlyMap<string, Uint8Array>;
}

/**
 * An open remote file (AsyncSSH SFTPClientFile). Reads return text when the
 * file was opened with an encoding, bytes otherwise.
 */
export class SFTPClientFile<T extends string | Uint8Array = string | Uint8Array> {
  private position = 0;
  private closed = false;
  private readonly codec: ChannelCodec | null;

  /** @internal Made by SFTPClient.open. */
  constructor(
    private readonly ctx: FileContext,
    /** The server's handle for this file. */
    readonly handle: Uint8Array,
    private readonly appending: boolean,
    encoding: string | null,
    errors: ErrorsPolicy,
    private readonly blockSize: number | null,
    private readonly maxRequests: number,
  ) {
    this.codec = encoding === null ? null : new ChannelCodec(encoding, errors);
  }

  private get session(): SFTPClientSession {
    return this.ctx.session;
  }

  private checkOpen(): void {
    if (this.closed) throw new TypeError('I/O operation on closed file');
  }

  /**
   * Read up to `size` bytes (all to EOF when negative) at `offset` or the
   * current position; empty at EOF.
   */
  async read(size = -1, offset?: number): Promise<T> {
    this.checkOpen();
    const at = offset ?? this.position;
    let want = size;
    if (want < 0) {
      const st = await this.stat();
      want = Math.max(0, (st.size ?? 0) - at);
      if (st.size === null) want = Number.MAX_SAFE_INTEGER - at;
    }
    const data = await this.readRange(at, want);
    if (offset === undefined) this.position = at + data.length;
    return this.wrap(data);
  }

  private async readRange(at: number, want: number): Promise<Uint8Array> {
    if (want === 0) return new Uint8Array(0);
    const block = this.blockSize ?? want;
    const parts: Block[] = [];
    let eof = Number.POSITIVE_INFINITY;
    let got = 0;
    for await (const [off, data] of readRemoteParallel(
      this.session,
      this.handle,
      at,
      want,
      block,
      this.maxRequests,
    )) {
      parts.push([off, data]);
      got += data.length;
      if (this.blockSize === null) break;
    }
    if (this.blockSize === null) {
      const first = parts[0];
      return first ? first[1] : new Uint8Array(0);
    }
    // Everything below the first gap (EOF) counts.
    parts.sort((a, b) => a[0] - b[0]);
    let end = at;
    for (const [off, data] of parts) {
      if (off > end) break;
      end = Math.max(end, off + data.length);
    }
    eof = end - at;
    const out = new Uint8Array(Math.min(eof, got));
    for (const [off, data] of parts) {
      if (off - at >= out.length) continue;
      out.set(data.subarray(0, out.length - (off - at)), off - at);
    }
    return out;
  }

  /** Read blocks in parallel: yields [offset, bytes] as they arrive, possibly out of order. */
  async *readParallel(size = -1, offset?: number): AsyncGenerator<[number, Uint8Array]> {
    this.checkOpen();
    const at = offset ?? this.position;
    let want = size;
    if (want < 0) want = Math.max(0, ((await this.stat()).size ?? 0) - at);
    yield* readRemoteParallel(this.session, this.handle, at, want, this.blockSize ?? 16384, this.maxRequests);
  }

  /** Write `data` at `offset` or the current position; returns the byte count. */
  async write(data: T | string | Uint8Array, offset?: number): Promise<number> {
    this.checkOpen();
    let bytes: Uint8Array;
    if (typeof data === 'string') {
      if (!this.codec) throw new TypeError('string written to a file opened in binary mode');
      bytes = this.codec.encode(data);
    } else {
      bytes = data;
    }
    const at = offset ?? this.position;
    const block = this.blockSize ?? Math.max(bytes.length, 1);
    await writeRemoteParallel(this.session, this.handle, at, bytes, block, this.maxRequests);
    if (offset === undefined && !this.appending) this.position = at + bytes.length;
    return bytes.length;
  }

  /** Move the position relative to SEEK_SET (default), SEEK_CUR or SEEK_END; returns the new position. */
  async seek(offset: number, fromWhat: number = C.SEEK_SET): Promise<number> {
    this.checkOpen();
    if (fromWhat === C.SEEK_SET) this.position = offset;
    else if (fromWhat === C.SEEK_CUR) this.position += offset;
    else if (fromWhat === C.SEEK_END) this.position = ((await this.stat()).size ?? 0) + offset;
    else throw new RangeError(`invalid seek origin ${fromWhat}`);
    if (this.position < 0) this.position = 0;
    return this.position;
  }

  /** The current position. */
  async tell(): Promise<number> {
    this.checkOpen();
    return this.position;
  }

  /** Attributes of the open file (`flags` selects attributes on v4+). */
  async stat(flags: number = C.DEFAULT_STAT_FLAGS): Promise<SFTPAttrs> {
    this.checkOpen();
    return expectAttrs(await this.session.request({ kind: 'fstat', handle: this.handle, flags }));
  }

  /** Set the initialized fields of `attrs` on the open file. */
  async setstat(attrs: SFTPAttrs): Promise<void> {
    this.checkOpen();
    expectOk(await this.session.request({ kind: 'fsetstat', handle: this.handle, attrs }));
  }

  /** File system attributes of the open file (fstatvfs@openssh.com). */
  async statvfs(): Promise<SFTPVFSAttrs> {
    this.checkOpen();
    if (!this.ctx.extensions.has(EXT_FSTATVFS)) throw new SFTPOpUnsupported('fstatvfs not supported');
    const data = encodeExtendedData({ name: EXT_FSTATVFS, handle: this.handle }, this.session.version);
    const reply = expectExtended(
      await this.session.request({ kind: 'extended', request: EXT_FSTATVFS, data }),
    );
    return decodeVfsAttrs(new PacketReader(reply));
  }

  /** Set the file's size (default: the current position). */
  async truncate(size?: number): Promise<void> {
    await this.setstat(new SFTPAttrs({ size: size ?? this.position }));
  }

  /** Change owner and group: numbers (uid/gid) or names (v4+). */
  async chown(uidOrOwner: number | string, gidOrGroup: number | string): Promise<void> {
    await this.setstat(ownerAttrs(uidOrOwner, gidOrGroup));
  }

  /** Change the permission bits. */
  async chmod(mode: number): Promise<void> {
    await this.setstat(new SFTPAttrs({ permissions: mode }));
  }

  /** Set access and modify times (`times` in seconds or `ns` in nanoseconds; now when both are omitted). */
  async utime(options: UtimeOptions = {}): Promise<void> {
    await this.setstat(timesToAttrs(options));
  }

  /** Take a byte-range lock (v6 SSH_FXP_BLOCK; flags are FXF_BLOCK_*). */
  async lock(offset: number, length: number, flags: number): Promise<void> {
    this.checkOpen();
    if (this.session.version < 6) throw new SFTPOpUnsupported('byte range locks need SFTP version 6');
    expectOk(
      await this.session.request({ kind: 'block', handle: this.handle, offset, length, lockMask: flags }),
    );
  }

  /** Release a byte-range lock (v6 SSH_FXP_UNBLOCK). */
  async unlock(offset: number, length: number): Promise<void> {
    this.checkOpen();
    if (this.session.version < 6) throw new SFTPOpUnsupported('byte range locks need SFTP version 6');
    expectOk(await this.session.request({ kind: 'unblock', handle: this.handle, offset, length }));
  }

  /** Flush the file to stable storage (fsync@openssh.com). */
  async fsync(): Promise<void> {
    this.checkOpen();
    if (!this.ctx.extensions.has(EXT_FSYNC)) throw new SFTPOpUnsupported('fsync not supported');
    const data = encodeExtendedData({ name: EXT_FSYNC, handle: this.handle }, this.session.version);
    expectOk(await this.session.request({ kind: 'extended', request: EXT_FSYNC, data }));
  }

  /** Close the handle (a second close does nothing). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    expectOk(await this.session.request({ kind: 'close', handle: this.handle }));
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  private wrap(data: Uint8Array): T {
    if (!this.codec) return data as T;
    return this.codec.decoder().decode(data, true) as T;
  }
}

/** Attributes for chown: uid/gid when numbers, owner/group names otherwise. */
export function ownerAttrs(uidOrOwner: number | string, gidOrGroup: number | string): SFTPAttrs {
  const a = new SFTPAttrs();
  if (typeof uidOrOwner === 'number') a.uid = uidOrOwner;
  else a.owner = uidOrOwner;
  if (typeof gidOrGroup === 'number') a.gid = gidOrGroup;
  else a.group = gidOrGroup;
  if (a.owner !== null && a.group === null) a.group = String(a.gid);
  if (a.group !== null && a.owner === null) a.owner = String(a.uid);
  return a;
}
