import { type SFTPClient, type SFTPClientOptions, startSftpClient } from '@ssh/sftp';
import { nodeLocalFs } from '@ssh/sftp/node';
import { SSHClientForwarding } from './client-forwarding.js';

/** The file transfer methods of a client connection (AsyncSSH's start_sftp_client), over `@ssh/sftp`. */
export abstract class SSHClientFiles extends SSHClientForwarding {
  /** Open the server's 'sftp' subsystem and return an SFTP client on it (get/put use the local disk). */
  startSftpClient(options: SFTPClientOptions = {}): Promise<SFTPClient> {
    return startSftpClient(this.connection, { localFs: nodeLocalFs, ...options });
  }
}
