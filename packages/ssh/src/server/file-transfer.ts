import type { ProcessHandler, SSHServerChannel, SSHServerProcess, StreamSessionHandler } from '@ssh/channels';
import { isScpCommand, runScpServer, runSftpServer, type SFTPServerHandler } from '@ssh/sftp';
import { SFTPServer } from '@ssh/sftp/node';

/** AsyncSSH's sftp_factory: true serves the local disk; a function makes the handler of each SFTP session. */
export type SftpFactory = boolean | ((channel: SSHServerChannel) => SFTPServerHandler);

/** The session handling a server gets from its SFTP/SCP options, under its own factories. */
export interface FileTransferSessions {
  processFactory?: ProcessHandler;
  binarySession?: (command: string | null, subsystem: string | null) => boolean;
}

/**
 * With `sftpFactory`, 'sftp' subsystem requests (and, with `allowScp`, scp
 * commands) are served by an SFTP server; every other request goes to the
 * server's processFactory or sessionFactory, or is answered with an error
 * when it has neither.
 */
export function fileTransferSessions(o: {
  sftpFactory?: SftpFactory | undefined;
  sftpVersion?: number | undefined;
  allowScp?: boolean | undefined;
  processFactory?: ProcessHandler | undefined;
  sessionFactory?: StreamSessionHandler | undefined;
}): FileTransferSessions {
  const make =
    o.sftpFactory === true
      ? (channel: SSHServerChannel) => new SFTPServer(channel)
      : typeof o.sftpFactory === 'function'
        ? o.sftpFactory
        : null;
  if (!make) return o.processFactory ? { processFactory: o.processFactory } : {};
  const isSftp = (subsystem: string | null) => subsystem === 'sftp';
  const isScp = (command: string | null) => o.allowScp === true && isScpCommand(command);
  const fallback = async (proc: SSHServerProcess) => {
    if (o.processFactory) return o.processFactory(proc);
    if (o.sessionFactory) return o.sessionFactory(proc.stdin, proc.stdout, proc.stderr);
    proc.stderr.write('this server only provides SFTP\n');
    proc.exit(1);
  };
  return {
    binarySession: (command, subsystem) => isSftp(subsystem) || isScp(command),
    processFactory: (proc) => {
      if (isSftp(proc.subsystem)) {
        return runSftpServer(proc, make(proc.channel), {
          ...(o.sftpVersion !== undefined ? { sftpVersion: o.sftpVersion } : {}),
        });
      }
      if (isScp(proc.command)) return runScpServer(proc, make(proc.channel));
      return fallback(proc);
    },
  };
}
