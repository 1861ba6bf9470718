/** @ssh/transport: the SSH transport layer (RFC 4253). */
export * from './version.js';
