import type { SSHServerProcess } from '@ssh/channels';
import type { SFTPError } from '../codec/errors.js';
import type { SFTPServerHandler } from '../server/handler.js';
import { isSftpServerHandler, scpFileSystemOf } from '../server/scp-fs.js';
import { parseScpCommand } from './command.js';
import type { ScpFileSystem } from './fs.js';
import { ScpSink } from './sink.js';
import { ScpSource } from './source.js';
import { scpStreamOf } from './stream.js';

/**
 * Serve one `scp -f` / `scp -t` session (the command the client asked to
 * run) from a file system, or through an SFTP server's methods (so its
 * chroot and overrides apply), the way OpenSSH's scp does in server mode: errors are
 * reported to the client and the copy goes on; the exit status is 0, or 1
 * when anything failed. The session's channel must have `encoding: null`.
 * Resolves once the session has ended.
 */
export async function runScpServer(
  process: SSHServerProcess,
  target: ScpFileSystem | SFTPServerHandler,
  command: string | null = process.command,
): Promise<void> {
  const server = isSftpServerHandler(target) ? target : null;
  const fs = server ? scpFileSystemOf(server) : (target as ScpFileSystem);
  const logger = process.logger.getChild('sftp');
  let args: ReturnType<typeof parseScpCommand>;
  try {
    args = parseScpCommand(command ?? '');
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    logger.info('Refused SCP command %s: %s', command, message);
    process.stderr.write(new TextEncoder().encode(`scp: ${message}\n`));
    await Promise.resolve(server?.exit()).catch(() => undefined);
    process.exit(1);
    return;
  }
  logger.info('Starting SCP server: %s', command);
  const stream = scpStreamOf(process.stdin, process.stdout, false);
  let failures = 0;
  const errorPolicy = (err: SFTPError) => {
    failures++;
    logger.debug1('SCP server error: %s', err.reason);
  };
  const options = { preserve: args.preserve, recurse: args.recurse, errorPolicy };
  try {
    if (args.source) await new ScpSource(fs, stream, logger, options).run(args.paths);
    else await new ScpSink(fs, stream, logger, args.mustBeDir, options).run(args.paths[0] as string);
  } catch (err) {
    failures++;
    logger.debug1('SCP server stopped: %s', err instanceof Error ? err.message : err);
  }
  await Promise.resolve(server?.exit()).catch(() => undefined);
  process.exit(failures === 0 ? 0 : 1);
}
