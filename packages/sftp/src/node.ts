/** @ssh/sftp/node: SCP copies from and to the local disk, the local-disk SFTP server and SCP server. */

export { nodeLocalFs } from './client/local-fs.node.js';
export { LocalScpFileSystem } from './fs/local-scp-fs.node.js';
export { type ScpOpenedConnection, type ScpOptions, type ScpPath, scp } from './scp/scp.node.js';
export {
  type SFTPServeOptions,
  type SFTPServerFactory,
  serveSftpOrScp,
  servesSession,
} from './server/factory.node.js';
export { LocalSFTPFile, SFTPServer } from './server/sftp-server.node.js';
