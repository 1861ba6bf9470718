/** @ssh/transport: the SSH transport layer (RFC 4253). */
export * from './algorithms/expand.js';
export * from './algorithms/local-lists.js';
export * from './kex/handshake.js';
export * from './kex/kexinit.js';
export * from './kex/negotiate.js';
export * from './messages/disconnect.js';
export * from './messages/transport-messages.js';
export * from './packet/packet-receiver.js';
export * from './packet/packet-sender.js';
export * from './stream/byte-stream.js';
export * from './stream/memory-stream.js';
export * from './transport.js';
export * from './version.js';
