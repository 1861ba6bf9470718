import { type ScpOptions, type ScpPath, scp as scpCopy } from '@ssh/sftp/node';
import { connect } from './client/connect.js';
import { parseHop } from './client/dial.js';
import type { ClientOptionFields } from './options/client-options.js';

/**
 * Copy files with SCP (AsyncSSH's `scp`): sources and destination are local
 * paths, `[conn, path]` pairs, or `'[user@]host:path'` / `[host, path]` /
 * `[[host, port], path]`, for which a connection is opened with the
 * remaining options (as `connect` takes them) and closed afterwards.
 */
export function scp(
  srcpaths: ScpPath | readonly ScpPath[],
  dstpath?: ScpPath | null,
  options: Omit<ScpOptions, 'connect'> & ClientOptionFields = {},
): Promise<void> {
  const { preserve, recurse, blockSize, progressHandler, errorHandler, ...connectOptions } = options;
  return scpCopy(srcpaths, dstpath, {
    ...(preserve !== undefined ? { preserve } : {}),
    ...(recurse !== undefined ? { recurse } : {}),
    ...(blockSize !== undefined ? { blockSize } : {}),
    ...(progressHandler !== undefined ? { progressHandler } : {}),
    ...(errorHandler !== undefined ? { errorHandler } : {}),
    connect: (host, port) => {
      const hop = parseHop(host);
      return connect(hop.host, {
        ...connectOptions,
        ...(hop.username ? { username: hop.username } : {}),
        ...(port !== undefined ? { port } : {}),
      });
    },
  });
}
