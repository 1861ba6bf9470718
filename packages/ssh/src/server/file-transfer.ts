import type { ProcessHandler, SSHServerProcess, StreamSessionHandler } from '@ssh/channels';
import { type SFTPServeOptions, serveSftpOrScp, servesSession } from '@ssh/sftp/node';

/** AsyncSSH's sftp_factory: true serves the local disk; a function makes the handler of each SFTP session. */
export type SftpFactory = NonNullable<SFTPServeOptions['sftpFactory']> | false;

/** The session handling a server gets from its SFTP/SCP options, under its own factories. */
export interface FileTransferSessions {
  processFactory?: ProcessHandler;
  binarySession?: (command: string | null, subsystem: string | null) => boolean;
}

/**
 * With `sftpFactory`, 'sftp' subsystem requests (and, with `allowScp`, scp
 * commands) are served by an SFTP server on a channel switched to bytes;
 * every other request goes to the server's processFactory or sessionFactory,
 * or is answered with an error when it has neither.
 */
export function fileTransferSessions(o: {
  sftpFactory?: SftpFactory | undefined;
  sftpVersion?: number | undefined;
  allowScp?: boolean | undefined;
  processFactory?: ProcessHandler | undefined;
  sessionFactory?: StreamSessionHandler | undefined;
}): FileTransferSessions {
  if (!o.sftpFactory) return o.processFactory ? { processFactory: o.processFactory } : {};
  const serve: SFTPServeOptions = {
    sftpFactory: o.sftpFactory,
    ...(o.sftpVersion !== undefined ? { sftpVersion: o.sftpVersion } : {}),
    ...(o.allowScp !== undefined ? { allowScp: o.allowScp } : {}),
  };
  const fallback = async (proc: SSHServerProcess) => {
    if (o.processFactory) return o.processFactory(proc);
    if (o.sessionFactory) return o.sessionFactory(proc.stdin, proc.stdout, proc.stderr);
    proc.stderr.write('this server only provides SFTP\n');
    proc.exit(1);
  };
  return {
    binarySession: (command, subsystem) => servesSession({ command, subsystem }, serve),
    processFactory: async (proc) => {
      if (!(await serveSftpOrScp(proc, serve))) return fallback(proc);
    },
  };
}
