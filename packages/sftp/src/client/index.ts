/** The SFTP client: startSftpClient over an SSHConnection, SFTPClient and SFTPClientFile. */
export {
  SFTPClient,
  type SFTPMakedirsOptions,
  type SFTPOpenOptions,
  type SFTPRealpathOptions,
  type SFTPRemoteCopyOptions,
  type SFTPRemoteCopyPathsOptions,
  type SFTPRmtreeOptions,
  type SFTPStatOptions,
} from './client.js';
export {
  type CopyErrorHandler,
  MAX_SFTP_READ_LEN,
  MAX_SFTP_REQUESTS,
  type ProgressHandler,
  SFTP_BLOCK_SIZE,
  type SFTPCopyOptions,
} from './copy.js';
export { SFTPClientFile } from './file.js';
export type { SFTPLocalFile, SFTPLocalFS } from './local-fs.js';
export { type OpenMode, parseOpenMode, pflagsToV5 } from './open-mode.js';
export type { SFTPPath } from './paths.js';
export { type SFTPClientOptions, startSftpClient } from './start.js';
export type { UtimeOptions } from './times.js';
