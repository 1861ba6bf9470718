/** @ssh/channels/node: Node stream adapters and file redirection for SSH readers, writers and processes. */
export * from './stream/node-streams.node.js';
