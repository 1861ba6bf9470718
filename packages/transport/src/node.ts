/** @ssh/transport/node: adapters from Node sockets and streams to the transport's byte stream. */
export { fromNodeStream } from './node/socket-stream.js';
