/**
 * @ssh/auth/node: the Node-only parts of @ssh/auth (files and the agent
 * socket), plus everything the neutral entry exports.
 */
export * from './index.js';
export { connectAgent, socketAgentStream } from './node/agent-socket.node.js';
export { readAuthorizedKeys } from './node/authorized-keys.node.js';
export { localUsername, lookupClientHost } from './node/client-host.node.js';
export { KeysignError, type KeysignOptions, keysignHostKeys } from './node/keysign.node.js';
export { type KnownHostsArgWithFiles, matchKnownHosts, readKnownHosts } from './node/known-hosts.node.js';
