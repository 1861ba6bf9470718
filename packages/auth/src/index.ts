/** @ssh/auth: User authentication (client and server), known_hosts, authorized_keys, ssh-agent client. */

export * from './agent/index.js';
export * from './authorized-keys/index.js';
export * from './errors.js';
export * from './known-hosts/index.js';
