import type { SSHServerChannel, SSHServerProcess } from '@ssh/channels';
import { isScpCommand } from '../scp/command.js';
import { runScpServer } from '../scp/server.js';
import type { MaybePromise, SFTPServerHandler } from './handler.js';
import { runSftpServer } from './session.js';
import { SFTPServer } from './sftp-server.node.js';

/** AsyncSSH's sftp_factory: builds the SFTP server of each session, or true for SFTPServer on the local disk. */
export type SFTPServerFactory = true | ((channel: SSHServerChannel) => MaybePromise<SFTPServerHandler>);

/** The server options that route sessions to SFTP and SCP (AsyncSSH's sftp_factory, sftp_version, allow_scp). */
export interface SFTPServeOptions {
  /** Serve the `sftp` subsystem (and, with allowScp, scp commands); unset refuses both. */
  sftpFactory?: SFTPServerFactory | null;
  /** Highest SFTP version offered (3 to 6, default 3). */
  sftpVersion?: number;
  /** Serve `scp -t` / `scp -f` commands through the SFTP server (needs sftpFactory). */
  allowScp?: boolean;
}

/** Whether a session (its subsystem or command) is one these options serve with SFTP or SCP. */
export function servesSession(
  request: { subsystem: string | null; command: string | null },
  options: SFTPServeOptions,
): boolean {
  if (!options.sftpFactory) return false;
  if (request.subsystem === 'sftp') return true;
  return !!options.allowScp && request.subsystem === null && isScpCommand(request.command);
}

/**
 * Serve a session with SFTP or SCP when the options say so: builds the
 * server with `sftpFactory` and runs the session to its end. Resolves false
 * (doing nothing) for other sessions, which go to the process or session factory.
 */
export async function serveSftpOrScp(process: SSHServerProcess, options: SFTPServeOptions): Promise<boolean> {
  const request = { subsystem: process.subsystem, command: process.command };
  if (!servesSession(request, options)) return false;
  const factory = options.sftpFactory as SFTPServerFactory;
  const server = factory === true ? new SFTPServer(process.channel) : await factory(process.channel);
  if (request.subsystem === 'sftp') {
    await runSftpServer(process, server, { sftpVersion: options.sftpVersion ?? 3 });
  } else {
    await runScpServer(process, server);
  }
  return true;
}
