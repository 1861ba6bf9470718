/** @ssh/sftp: SFTP codec (v3-v6 and extensions), SFTP client and server, SCP. */

export * from './client/index.js';
export * from './codec/index.js';
export { isScpCommand, parseScpCommand, type ScpCommand, ScpCommandError } from './scp/command.js';
export { ScpCopier, type ScpCopierOptions } from './scp/copier.js';
export type { ScpErrorHandler, ScpErrorPolicy } from './scp/endpoint.js';
export type { ScpFile, ScpFileSystem, ScpStat } from './scp/fs.js';
export { runScpServer } from './scp/server.js';
export { ScpSink } from './scp/sink.js';
export { SCP_BLOCK_SIZE, type ScpProgressHandler, ScpSource, type ScpTransferOptions } from './scp/source.js';
export { type ScpByteStream, scpStreamOf } from './scp/stream.js';
export type { MaybePromise, SFTPFileObject, SFTPServerHandler } from './server/handler.js';
export { isSftpServerHandler, scpFileSystemOf } from './server/scp-fs.js';
export { runSftpServer, type SFTPServerSessionOptions } from './server/session.js';
