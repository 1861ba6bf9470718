/** known_hosts: parsing, hashed hosts and matching. */
export type { KnownHostsEntry, KnownHostsMarker, SkippedLine } from './entry.js';
export { type HashedHost, hashHostName } from './hashed.js';
export {
  DEFAULT_SSH_PORT,
  hostPortName,
  importKnownHosts,
  type KnownHostsMatch,
  SSHKnownHosts,
} from './known-hosts.js';
export {
  type KnownHostsArg,
  type KnownHostsCallback,
  type KnownHostsCert,
  type KnownHostsKey,
  type KnownHostsLists,
  type KnownHostsLists3,
  type KnownHostsLists7,
  listsToMatch,
  matchKnownHosts,
} from './match.js';
