/** @ssh/testing: start real SSH peers (OpenSSH, AsyncSSH, Dropbear; Debian 12 and 13) for interop tests. */
export * from './generation.js';
export * from './keys.js';
export * from './peers/asyncssh.js';
export * from './peers/asyncssh-client.js';
export * from './peers/catalogue.js';
export * from './peers/dropbear.js';
export * from './peers/fake-x-server.js';
export * from './peers/openssh.js';
export * from './peers/openssh-client.js';
export * from './peers/running-server.js';
export * from './peers/ssh-agent.js';
export * from './ports.js';
export * from './process.js';
export * from './require-peer.js';
export * from './test-user.js';
export * from './workdir.js';
