/** @ssh/sftp: SFTP codec (v3-v6 and extensions), SFTP client and server, SCP. */
export * from './codec/index.js';
