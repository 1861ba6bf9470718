import { homedir } from 'node:os';
import { type ClientConfig, type ClientConfigOptions, canonicalizeHost, toClientOptions } from '@ssh/config';
import {
  loadClientConfig,
  loadClientConfigCanonical,
  nodeConfigHost,
  nodeHostLookup,
} from '@ssh/config/node';
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
    knownHosts: c.knownHosts,
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
    caSignatureAlgs: c.caSignatureAlgs,
    command: c.command,
    requestPty: c.requestPty,
    sendEnv: c.sendEnv,
    env: c.env,
    clientCerts: c.clientCerts?.map(expandHome),
    hostKeyAlias: c.hostKeyAlias,
    agentPath: c.agentPath === undefined ? undefined : c.agentPath === null ? null : expandHome(c.agentPath),
    hostBasedAuth: c.hostBasedAuth,
    clientHostKeysign: c.clientHostKeysign,
    canonicalizeHostname: c.canonicalizeHostname,
    canonicalDomains: c.canonicalDomains,
    canonicalizeFallbackLocal: c.canonicalizeFallbackLocal,
    canonicalizeMaxDots: c.canonicalizeMaxDots,
    canonicalizePermittedCnames: c.canonicalizePermittedCnames,
  };
  // IdentitiesOnly: only the IdentityFile keys are used, not the agent's others.
  if (c.identitiesOnly && c.clientKeys) out.agentPath = null;
  for (const k of Object.keys(out)) if (out[k] === undefined) delete out[k];
  return out as ClientOptionFields;
}

function configFiles(o: ClientOptionFields): readonly string[] | undefined {
  return o.config === undefined || o.config === null
    ? undefined
    : typeof o.config === 'string'
      ? [o.config]
      : o.config;
}

function layer(resolved: ClientConfig, o: ClientOptionFields): ClientOptionFields {
  const fromFile = fromConfig(toClientOptions(resolved, nodeConfigHost()));
  const explicit = Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
  return { ...fromFile, ...explicit, host: resolved.hostname };
}

/**
 * Apply ssh_config under explicit options, as AsyncSSH does: `config` names
 * the files (default ~/.ssh/config when present; null reads none), `Host` and
 * `Match` are matched against the host as given, `HostName` names the host
 * dialled, and explicit options win over the file. No name is looked up (for
 * connections on a socket already made).
 */
export function withClientConfig(host: string, o: ClientOptionFields): ClientOptionFields {
  if (o.config === null) return o;
  const files = configFiles(o);
  const resolved = loadClientConfig(host, {
    ...(files ? { config: files } : {}),
    ...(o.username !== undefined ? { user: o.username } : {}),
    ...(o.port !== undefined ? { port: o.port } : {}),
  });
  return layer(resolved, o);
}

const CANON_KEYS = [
  'canonicalizeHostname',
  'canonicalDomains',
  'canonicalizeFallbackLocal',
  'canonicalizeMaxDots',
  'canonicalizePermittedCnames',
] as const;

/**
 * withClientConfig for a connection about to be dialled: the host name is
 * canonicalized as ssh does (the canonicalize* options win over the
 * Canonicalize* keywords; a tunnel or proxyCommand skips it unless 'always'),
 * and the config's final pass runs on the canonical name (`Match canonical`).
 */
export async function withClientConfigCanonical(
  host: string,
  o: ClientOptionFields,
): Promise<ClientOptionFields> {
  const mode = o.canonicalizeHostname;
  if (typeof mode === 'string' && mode !== 'always') {
    throw new TypeError(`option "canonicalizeHostname" must be true, false or 'always', not '${mode}'`);
  }
  const given = Object.fromEntries(CANON_KEYS.filter((k) => o[k] !== undefined).map((k) => [k, o[k]]));
  const proxied = (v: unknown) => v !== undefined && v !== null && v !== 'none';
  // An explicit tunnel or proxyCommand decides; with neither given, the config's ProxyJump/ProxyCommand do.
  const explicitDirect =
    proxied(o.tunnel) || proxied(o.proxyCommand)
      ? false
      : o.tunnel !== undefined && o.proxyCommand !== undefined
        ? true
        : undefined;
  if (o.config === null) {
    const name = await canonicalizeHost(host, given, explicitDirect ?? true, nodeHostLookup);
    return name === host ? o : { ...o, host: name };
  }
  const files = configFiles(o);
  const resolved = await loadClientConfigCanonical(host, {
    ...(files ? { config: files } : {}),
    ...(o.username !== undefined ? { user: o.username } : {}),
    ...(o.port !== undefined ? { port: o.port } : {}),
    canonicalize: { ...given, ...(explicitDirect !== undefined ? { direct: explicitDirect } : {}) },
  });
  return layer(resolved, o);
}
