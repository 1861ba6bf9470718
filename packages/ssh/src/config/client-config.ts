import { homedir } from 'node:os';
import { type ClientConfigOptions, toClientOptions } from '@ssh/config';
import { loadClientConfig, nodeConfigHost } from '@ssh/config/node';
import type { ClientOptionFields } from '../options/client-options.js';

const expandHome = (p: string) => (p === '~' || p.startsWith('~/') ? homedir() + p.slice(1) : p);

/** The ssh_config keywords `connect` honours, as its option names. */
function fromConfig(c: ClientConfigOptions): ClientOptionFields {
  const out: Record<string, unknown> = {
    host: c.host,
    port: c.port,
    username: c.username,
    family: c.family,
    localAddr: c.localAddr,
    encryptionAlgs: c.encryptionAlgs,
    kexAlgs: c.kexAlgs,
    macAlgs: c.macAlgs,
    compressionAlgs: c.compressionAlgs,
    serverHostKeyAlgs: c.serverHostKeyAlgs,
    connectTimeout: c.connectTimeout,
    knownHosts: c.knownHosts?.map(expandHome),
    clientKeys: c.clientKeys?.map(expandHome),
    preferredAuth: c.preferredAuth,
    passwordAuth: c.passwordAuth,
    publicKeyAuth: c.publicKeyAuth,
    kbdintAuth: c.kbdintAuth,
    proxyCommand: c.proxyCommand,
    tunnel: c.tunnel,
    rekeyBytes: c.rekeyBytes,
    rekeySeconds: c.rekeySeconds,
    keepaliveInterval: c.keepaliveInterval,
    keepaliveCountMax: c.keepaliveCountMax,
    tcpKeepalive: c.tcpKeepalive,
    command: c.command,
    requestPty: c.requestPty,
    sendEnv: c.sendEnv,
    env: c.env,
    clientCerts: c.clientCerts?.map(expandHome),
    hostKeyAlias: c.hostKeyAlias,
    agentPath: c.agentPath === undefined ? undefined : c.agentPath === null ? null : expandHome(c.agentPath),
    hostBasedAuth: c.hostBasedAuth,
  };
  // IdentitiesOnly: only the IdentityFile keys are used, not the agent's others.
  if (c.identitiesOnly && c.clientKeys) out.agentPath = null;
  for (const k of Object.keys(out)) if (out[k] === undefined) delete out[k];
  return out as ClientOptionFields;
}

/**
 * Apply ssh_config under explicit options, as AsyncSSH does: `config` names
 * the files (default ~/.ssh/config when present; null reads none), `Host` and
 * `Match` are matched against the host as given, `HostName` names the host
 * dialled, and explicit options win over the file.
 */
export function withClientConfig(host: string, o: ClientOptionFields): ClientOptionFields {
  if (o.config === null) return o;
  const files = o.config === undefined ? undefined : typeof o.config === 'string' ? [o.config] : o.config;
  const resolved = loadClientConfig(host, {
    ...(files ? { config: files } : {}),
    ...(o.username !== undefined ? { user: o.username } : {}),
    ...(o.port !== undefined ? { port: o.port } : {}),
  });
  const fromFile = fromConfig(toClientOptions(resolved, nodeConfigHost()));
  const explicit = Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
  return { ...fromFile, ...explicit, host: resolved.hostname };
}
