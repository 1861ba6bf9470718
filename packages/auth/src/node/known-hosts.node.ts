import {
  type KnownHostsArg,
  type KnownHostsMatch,
  matchKnownHosts as matchNeutral,
  SSHKnownHosts,
} from '../known-hosts/index.js';
import { readTextFiles } from './files.js';

/**
 * Read known_hosts from a file or a list of files into one SSHKnownHosts
 * (AsyncSSH read_known_hosts). A leading `~/` is the home directory.
 * File system errors (ENOENT...) are thrown as they are.
 */
export function readKnownHosts(filelist: string | readonly string[]): SSHKnownHosts {
  const kh = new SSHKnownHosts();
  for (const text of readTextFiles(filelist)) kh.load(text);
  return kh;
}

/** Every `knownHosts` form: the neutral ones, plus a file name or a list of file names. */
export type KnownHostsArgWithFiles = KnownHostsArg | string | readonly string[];

/**
 * matchKnownHosts (AsyncSSH match_known_hosts) that also reads file names:
 * a string or list of strings is read with readKnownHosts first.
 */
export function matchKnownHosts(
  knownHosts: KnownHostsArgWithFiles,
  host: string,
  addr: string,
  port?: number | null,
): KnownHostsMatch {
  if (typeof knownHosts === 'string') return readKnownHosts(knownHosts).match(host, addr, port);
  if (Array.isArray(knownHosts) && knownHosts.length > 0 && knownHosts.every((f) => typeof f === 'string')) {
    return readKnownHosts(knownHosts as readonly string[]).match(host, addr, port);
  }
  return matchNeutral(knownHosts as KnownHostsArg, host, addr, port);
}
