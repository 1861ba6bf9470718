import { stat } from 'node:fs/promises';
import type { SSHConnection } from '@ssh/channels';
import { sftpLogger, ValueError } from '@ssh/wire';
import { LocalScpFileSystem } from '../fs/local-scp-fs.node.js';
import { sftpErrorFromOs } from '../fs/os-errors.js';
import { ScpCopier } from './copier.js';
import type { ScpErrorHandler } from './endpoint.js';
import { isScpConnection, type ScpConnection, startRemoteScp } from './remote.js';
import { ScpSink } from './sink.js';
import { SCP_BLOCK_SIZE, type ScpProgressHandler, ScpSource } from './source.js';

/** A connection opened for a 'host:path' or host-tuple path; closed when the copy ends. */
export interface ScpOpenedConnection {
  readonly connection: SSHConnection;
  close(): void;
  waitClosed?(): Promise<void>;
}

/**
 * One side of a copy: a local path, `[conn, path]` for a remote one, or, with
 * `options.connect`, `'host:path'`, `[host, path]` and `[[host, port], path]`.
 * A connection alone (as the destination) means its default directory.
 */
export type ScpPath =
  | string
  | readonly [ScpConnection | string | readonly [string, number], string]
  | ScpConnection;

/** Options of `scp()`. */
export interface ScpOptions {
  /** Copy access/modify times and permissions (default false). */
  preserve?: boolean;
  /** Copy directory trees (default false); symlinks are followed. */
  recurse?: boolean;
  /** Read/write size (default 262144). */
  blockSize?: number;
  /** Called after each block: source path, destination path, bytes copied, file size. */
  progressHandler?: ScpProgressHandler | null;
  /** Called with each error so the copy goes on with the next file; without one the first error is thrown. */
  errorHandler?: ScpErrorHandler | null;
  /** Opens connections for 'host:path' strings and host tuples (the umbrella passes its `connect`). */
  connect?: (host: string, port: number | undefined) => Promise<ScpOpenedConnection>;
}

interface Resolved {
  conn: ScpConnection | null;
  path: string;
  opened: ScpOpenedConnection | null;
}

/** Whether an array is one `[conn, path]` pair rather than a list of paths. */
function isRemotePair(value: readonly unknown[]): boolean {
  if (value.length !== 2 || typeof value[1] !== 'string') return false;
  const first = value[0];
  return (
    isScpConnection(first) || (Array.isArray(first) && first.length === 2 && typeof first[0] === 'string')
  );
}

function splitHostPath(text: string): [string, string] | null {
  const m = /^(\[[^\]]*\]|[^/:[]+):(.*)$/s.exec(text);
  if (!m) return null;
  return [(m[1] as string).replace(/^\[(.*)\]$/, '$1'), m[2] as string];
}

async function resolve(target: ScpPath | null | undefined, options: ScpOptions): Promise<Resolved> {
  if (target === null || target === undefined) return { conn: null, path: '.', opened: null };
  if (typeof target === 'string') {
    const hp = options.connect ? splitHostPath(target) : null;
    if (!hp || !options.connect) return { conn: null, path: target, opened: null };
    const opened = await options.connect(hp[0], undefined);
    return { conn: opened, path: hp[1], opened };
  }
  if (isScpConnection(target)) return { conn: target, path: '', opened: null };
  const [where, path] = target as readonly [ScpConnection | string | readonly [string, number], string];
  if (isScpConnection(where)) return { conn: where, path, opened: null };
  if (!options.connect)
    throw new ValueError('scp: a host name needs the connect option to open a connection');
  const [host, port] = typeof where === 'string' ? [where, undefined] : [where[0], where[1]];
  const opened = await options.connect(host, port);
  return { conn: opened, path, opened };
}

async function release(r: Resolved): Promise<void> {
  if (!r.opened) return;
  r.opened.close();
  await r.opened.waitClosed?.();
}

/**
 * Copy files or directories with SCP between local paths and remote ones
 * (`[conn, path]`), in either direction or between two remote hosts. Sources
 * may use '*' and '?' wildcards (remote ones are expanded by the remote
 * shell). Several sources need a destination directory, created locally if
 * missing. Errors are SFTPErrors (SFTPNoSuchFile, SFTPPermissionDenied,
 * SFTPFailure...); a copy between two local paths throws ValueError.
 */
export async function scp(
  srcpaths: ScpPath | readonly ScpPath[],
  dstpath?: ScpPath | null,
  options: ScpOptions = {},
): Promise<void> {
  const list: readonly ScpPath[] =
    typeof srcpaths === 'string' || isScpConnection(srcpaths) || isRemotePair(srcpaths as readonly unknown[])
      ? [srcpaths as ScpPath]
      : (srcpaths as readonly ScpPath[]);
  const mustBeDir = list.length > 1;
  const preserve = options.preserve ?? false;
  const recurse = options.recurse ?? false;
  const transfer = {
    preserve,
    recurse,
    blockSize: options.blockSize ?? SCP_BLOCK_SIZE,
    progressHandler: options.progressHandler ?? null,
    errorPolicy: options.errorHandler ?? null,
  };
  const local = new LocalScpFileSystem();
  const dst = await resolve(dstpath, options);
  try {
    if (mustBeDir && !dst.conn) await makeLocalDir(dst.path);
    for (const srcpath of list) {
      const src = await resolve(srcpath, options);
      try {
        if (src.conn && dst.conn) {
          const from = await startRemoteScp(
            src.conn,
            { source: true, mustBeDir, preserve, recurse },
            src.path,
          );
          const to = await startRemoteScp(
            dst.conn,
            { source: false, mustBeDir, preserve, recurse },
            dst.path,
          );
          await new ScpCopier(from, to, sftpLogger, transfer).run();
        } else if (src.conn) {
          const stream = await startRemoteScp(
            src.conn,
            { source: true, mustBeDir, preserve, recurse },
            src.path,
          );
          await new ScpSink(local, stream, sftpLogger, mustBeDir, transfer).run(dst.path);
        } else if (dst.conn) {
          const stream = await startRemoteScp(
            dst.conn,
            { source: false, mustBeDir, preserve, recurse },
            dst.path,
          );
          await new ScpSource(local, stream, sftpLogger, transfer).run(src.path);
        } else {
          throw new ValueError('scp: local to local copies are not supported');
        }
      } finally {
        await release(src);
      }
    }
  } finally {
    await release(dst);
  }
}

async function makeLocalDir(path: string): Promise<void> {
  try {
    if ((await stat(path)).isDirectory()) return;
  } catch (err) {
    if ((err as { code?: string }).code !== 'ENOENT') throw sftpErrorFromOs(err, path);
    await new LocalScpFileSystem().mkdir(path, 0o777);
    return;
  }
  throw sftpErrorFromOs(Object.assign(new Error('Not a directory'), { code: 'ENOTDIR' }), path);
}
