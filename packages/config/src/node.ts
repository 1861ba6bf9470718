/** @ssh/config/node: the Node implementation of ConfigHost (files, globs, users, Match exec). */
import { execFile, spawnSync } from 'node:child_process';
import { lookup as dnsLookup } from 'node:dns/promises';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { homedir, hostname, networkInterfaces, userInfo } from 'node:os';
import type { HostLookup, HostLookupResult } from './canonicalize.js';
import {
  type ClientCanonicalizeOptions,
  type ClientConfig,
  resolveClientConfig,
  resolveClientConfigCanonical,
} from './client-resolve.js';
import type { ConfigHost } from './host.js';
import type { ConfigFileRef } from './include.js';
import { matchWildcard } from './patterns.js';
import type { ServerConnectionInfo } from './server-match.js';
import { resolveServerConfig, type ServerConfig } from './server-resolve.js';

function readText(path: string): string | undefined {
  try {
    if (statSync(path).isDirectory()) return undefined;
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}

/** Expand an absolute glob (`*` and `?` within one path segment; leading dots only matched explicitly). */
export function globPaths(pattern: string): string[] {
  const parts = pattern.split('/').filter((p, i) => p !== '' || i === 0);
  let found = [parts[0] === '' ? '' : '.'];
  for (const part of parts.slice(1)) {
    const next: string[] = [];
    for (const dir of found) {
      if (!/[*?]/.test(part)) {
        next.push(`${dir}/${part}`);
        continue;
      }
      let names: string[];
      try {
        names = readdirSync(dir === '' ? '/' : dir);
      } catch {
        continue;
      }
      for (const name of names) {
        if (name.startsWith('.') && !part.startsWith('.')) continue;
        if (matchWildcard(name, part)) next.push(`${dir}/${name}`);
      }
    }
    found = next;
  }
  return found.filter(exists).sort();
}

function localNetworks(): string[] {
  const out: string[] = [];
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) if (a.cidr !== null) out.push(a.cidr);
  }
  return out;
}

function userGroups(user: string): string[] | undefined {
  const r = spawnSync('id', ['-Gn', user], { encoding: 'utf8' });
  if (r.status !== 0) return undefined;
  return r.stdout.trim().split(/\s+/);
}

/** A ConfigHost backed by this machine: real files, environment, user, host name and shell. */
export function nodeConfigHost(overrides: Partial<ConfigHost> = {}): ConfigHost {
  const info = userInfo();
  return {
    readFile: readText,
    glob: globPaths,
    env: process.env,
    userName: info.username,
    homeDir: info.homedir || homedir(),
    uid: info.uid,
    hostName: hostname(),
    exec: (command) => {
      const shell = process.env.SHELL || '/bin/sh';
      return spawnSync(shell, ['-c', command], { stdio: 'ignore' }).status === 0;
    },
    localNetworks,
    userGroups,
    ...overrides,
  };
}

/**
 * The client config files AsyncSSH loads when none are named: `~/.ssh/config`
 * (skipped when missing). `null` loads nothing; a list names files that must exist.
 */
export function clientConfigFiles(paths?: readonly string[] | null, home = homedir()): ConfigFileRef[] {
  if (paths === null) return [];
  if (paths === undefined || paths.length === 0) return [{ path: `${home}/.ssh/config`, optional: true }];
  return paths.map((path) => ({ path }));
}

/** The server config files to load: none by default, as AsyncSSH does. */
export function serverConfigFiles(paths?: readonly string[] | null): ConfigFileRef[] {
  return (paths ?? []).map((path) => ({ path }));
}

/** Options for loadClientConfig. */
export interface LoadClientConfigOptions {
  /** Config paths (must exist); omitted or empty loads `~/.ssh/config` if present; null loads none. */
  readonly config?: readonly string[] | null;
  /** Remote user given outside the config; wins over `User`. */
  readonly user?: string;
  /** Port given outside the config; wins over `Port`. */
  readonly port?: number;
  /** Reject keywords OpenSSH does not know, as OpenSSH does. */
  readonly strict?: boolean;
  /** Replace parts of the Node host (tests, sandboxes). */
  readonly host?: Partial<ConfigHost>;
}

/** Resolve the client config for `host` from this machine's files, AsyncSSH's default file rules applied. */
export function loadClientConfig(host: string, options: LoadClientConfigOptions = {}): ClientConfig {
  const env = nodeConfigHost(options.host);
  return resolveClientConfig(env, {
    host,
    user: options.user,
    port: options.port,
    files: clientConfigFiles(options.config, env.homeDir),
    strict: options.strict,
  });
}

function getent(name: string): Promise<HostLookupResult | null | undefined> {
  if (name.startsWith('-')) return Promise.resolve(null);
  return new Promise((resolve) => {
    execFile('getent', ['ahosts', name], { timeout: 30_000 }, (err, stdout) => {
      if (err && (err as NodeJS.ErrnoException).code === 'ENOENT') return resolve(undefined);
      if (err) return resolve(null);
      const canonicalName = stdout.split('\n')[0]?.trim().split(/\s+/)[2];
      resolve(canonicalName ? { canonicalName } : {});
    });
  });
}

/**
 * Look a name up with the system resolver (getaddrinfo through `getent ahosts`,
 * which also reports the canonical name; node's dns.lookup where getent is missing).
 */
export const nodeHostLookup: HostLookup = async (name) => {
  const viaGetent = await getent(name);
  if (viaGetent !== undefined) return viaGetent;
  try {
    await dnsLookup(name);
    return {};
  } catch {
    return null;
  }
};

/** Options for loadClientConfigCanonical: loadClientConfig's, plus canonicalization settings and resolver. */
export interface LoadClientConfigCanonicalOptions extends LoadClientConfigOptions {
  /** Settings that win over the files' Canonicalize* keywords; `lookup` defaults to nodeHostLookup. */
  readonly canonicalize?: Partial<ClientCanonicalizeOptions>;
}

/**
 * Resolve the client config for `host` as ssh does before connecting: with
 * hostname canonicalization through the system resolver and the final pass on
 * the canonical name.
 */
export function loadClientConfigCanonical(
  host: string,
  options: LoadClientConfigCanonicalOptions = {},
): Promise<ClientConfig> {
  const env = nodeConfigHost(options.host);
  return resolveClientConfigCanonical(
    env,
    {
      host,
      user: options.user,
      port: options.port,
      files: clientConfigFiles(options.config, env.homeDir),
      strict: options.strict,
    },
    { lookup: nodeHostLookup, ...options.canonicalize },
  );
}

/** Options for loadServerConfig. */
export interface LoadServerConfigOptions {
  /** sshd_config paths (must exist); none by default. */
  readonly config?: readonly string[] | null;
  /** The connection to evaluate Match blocks for. */
  readonly connection?: ServerConnectionInfo;
  /** Reject what sshd rejects (unknown keywords, negated criteria). */
  readonly strict?: boolean;
  /** Replace parts of the Node host (tests, sandboxes). */
  readonly host?: Partial<ConfigHost>;
}

/** Resolve a server config from this machine's files (none unless named, as AsyncSSH does). */
export function loadServerConfig(options: LoadServerConfigOptions = {}): ServerConfig {
  return resolveServerConfig(nodeConfigHost(options.host), {
    files: serverConfigFiles(options.config),
    connection: options.connection,
    strict: options.strict,
  });
}
