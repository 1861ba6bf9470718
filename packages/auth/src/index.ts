/** @ssh/auth: User authentication (client and server), known_hosts, authorized_keys, ssh-agent client. */

export * from './agent/index.js';
export * from './authorized-keys/index.js';
export * from './client/auth-key.js';
export * from './client/authenticate.js';
export * from './client/hooks.js';
export * from './client/options.js';
export * from './client/pair-certificates.js';
export * from './client/query-methods.js';
export * from './errors.js';
export * from './known-hosts/index.js';
export * from './server/authenticate.js';
export * from './server/hooks.js';
export * from './userauth/hostbased.js';
export * from './userauth/hostbound.js';
export * from './userauth/messages.js';
export * from './userauth/password-change.js';
