/** @ssh/transport: the SSH transport layer (RFC 4253). */
export * from './algorithms/expand.js';
export * from './kex/kexinit.js';
export * from './kex/negotiate.js';
export * from './stream/byte-stream.js';
export * from './stream/memory-stream.js';
export * from './version.js';
