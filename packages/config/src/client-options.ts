import { CLIENT_PATH_TOKENS, expandClientPath, PROXY_TOKENS } from './client-expand.js';
import type { ClientConfig } from './client-resolve.js';
import { ConfigParseError } from './errors.js';
import type { ConfigHost } from './host.js';
import { expandTokens } from './tokens.js';
import type { ConfigValue, RekeyLimit } from './values.js';

/** AsyncSSH-style client options (camelCase) taken from a resolved ssh_config. */
export interface ClientConfigOptions {
  /** From HostName (resolved target host). */
  host?: string;
  /** From Port. */
  port?: number;
  /** From User. */
  username?: string;
  /** From AddressFamily: 0 any, 4 inet, 6 inet6. */
  family?: 0 | 4 | 6;
  /** From BindAddress, as [address, 0]. */
  localAddr?: [string, number];
  /** From CanonicalDomains. */
  canonicalDomains?: string[];
  /** From CanonicalizeFallbackLocal. */
  canonicalizeFallbackLocal?: boolean;
  /** From CanonicalizeHostname. */
  canonicalizeHostname?: boolean | 'always';
  /** From CanonicalizeMaxDots. */
  canonicalizeMaxDots?: number;
  /** From CanonicalizePermittedCNAMEs as [source patterns, target patterns] rules. */
  canonicalizePermittedCnames?: Array<[string[], string[]]>;
  /** From CASignatureAlgorithms (with any +/-/^ prefix). */
  caSignatureAlgs?: string;
  /** From CertificateFile paths, expanded. */
  clientCerts?: string[];
  /** From KbdInteractiveAuthentication / ChallengeResponseAuthentication. */
  kbdintAuth?: boolean;
  /** From Ciphers (with any +/-/^ prefix). */
  encryptionAlgs?: string;
  /** From Compression: yes enables zlib, no is "none". */
  compressionAlgs?: string;
  /** From ConnectTimeout in seconds. */
  connectTimeout?: number;
  /** From EnableSSHKeysign. */
  clientHostKeysign?: boolean;
  /** From ForwardAgent (a socket path counts as yes). */
  agentForwarding?: boolean;
  /** From ForwardX11Trusted: 'ignore_failure' when yes. */
  x11Forwarding?: boolean | 'ignore_failure';
  /** From UserKnownHostsFile paths (expanded) then GlobalKnownHostsFile paths (as written, as ssh uses them). */
  knownHosts?: string[];
  /** From GSSAPIAuthentication. */
  gssAuth?: boolean;
  /** From GSSAPIDelegateCredentials. */
  gssDelegateCreds?: boolean;
  /** From GSSAPIKeyExchange. */
  gssKex?: boolean;
  /** From HostbasedAuthentication. */
  hostBasedAuth?: boolean;
  /** From HostKeyAlgorithms (with any +/-/^ prefix). */
  serverHostKeyAlgs?: string;
  /** From HostKeyAlias. */
  hostKeyAlias?: string;
  /** From IdentitiesOnly. */
  identitiesOnly?: boolean;
  /** From IdentityAgent (null for none). */
  agentPath?: string | null;
  /** From IdentityFile paths, expanded. */
  clientKeys?: string[];
  /** From KexAlgorithms (with any +/-/^ prefix). */
  kexAlgs?: string;
  /** From MACs (with any +/-/^ prefix). */
  macAlgs?: string;
  /** From PasswordAuthentication. */
  passwordAuth?: boolean;
  /** From PreferredAuthentications. */
  preferredAuth?: string;
  /** From ProxyCommand with %h %n %p %r expanded (null for none). */
  proxyCommand?: string | null;
  /** From ProxyJump (null for none). */
  tunnel?: string | null;
  /** From PubkeyAuthentication. */
  publicKeyAuth?: boolean;
  /** From RekeyLimit byte count. */
  rekeyBytes?: number;
  /** From RekeyLimit interval in seconds. */
  rekeySeconds?: number;
  /** From RemoteCommand, tokens expanded. */
  command?: string;
  /** From RequestTTY. */
  requestPty?: boolean | 'force' | 'auto';
  /** From SendEnv patterns. */
  sendEnv?: string[];
  /** From ServerAliveCountMax. */
  keepaliveCountMax?: number;
  /** From ServerAliveInterval in seconds. */
  keepaliveInterval?: number;
  /** From SetEnv variables. */
  env?: Record<string, string>;
  /** From TCPKeepAlive. */
  tcpKeepalive?: boolean;
}

type Values = Readonly<Record<string, ConfigValue>>;
const str = (v: Values, k: string) => (typeof v[k] === 'string' ? (v[k] as string) : undefined);
const bool = (v: Values, k: string) => (typeof v[k] === 'boolean' ? (v[k] as boolean) : undefined);
const num = (v: Values, k: string) => (typeof v[k] === 'number' ? (v[k] as number) : undefined);
const list = (v: Values, k: string) => (Array.isArray(v[k]) ? [...(v[k] as readonly string[])] : undefined);

function set<K extends keyof ClientConfigOptions>(
  out: ClientConfigOptions,
  key: K,
  value: ClientConfigOptions[K],
) {
  if (value !== undefined) out[key] = value;
}

function paths(config: ClientConfig, host: ConfigHost, name: string): string[] | undefined {
  return list(config.values, name)?.map((p) => {
    const r = expandClientPath(p, config.tokens, host);
    if (typeof r !== 'string')
      throw new ConfigParseError(`${name}: ${r.error}`, { file: '<config>', line: 0 });
    return r;
  });
}

/**
 * Map a resolved client config to AsyncSSH option names (camelCase), for every
 * keyword AsyncSSH honours. Only keywords that were set appear; callers use these
 * as the lowest-priority fallback. IdentityFile and CertificateFile get `~`,
 * `${ENV}` and `%` expansion here, as OpenSSH does when it loads them.
 */
export function toClientOptions(config: ClientConfig, host: ConfigHost): ClientConfigOptions {
  const v = config.values;
  const out: ClientConfigOptions = { host: config.hostname, port: config.port, username: config.user };
  const family = str(v, 'AddressFamily');
  set(out, 'family', family === undefined ? undefined : family === 'inet' ? 4 : family === 'inet6' ? 6 : 0);
  const bind = str(v, 'BindAddress');
  set(out, 'localAddr', bind === undefined ? undefined : [bind, 0]);
  set(out, 'canonicalDomains', list(v, 'CanonicalDomains'));
  set(out, 'canonicalizeFallbackLocal', bool(v, 'CanonicalizeFallbackLocal'));
  const canon = v.CanonicalizeHostname;
  set(
    out,
    'canonicalizeHostname',
    canon === 'always' ? 'always' : typeof canon === 'boolean' ? canon : undefined,
  );
  set(out, 'canonicalizeMaxDots', num(v, 'CanonicalizeMaxDots'));
  set(
    out,
    'canonicalizePermittedCnames',
    list(v, 'CanonicalizePermittedCNAMEs')?.map((rule): [string[], string[]] => {
      const [from = '', to = ''] = rule.split(':');
      return [from.split(','), to.split(',')];
    }),
  );
  set(out, 'caSignatureAlgs', str(v, 'CASignatureAlgorithms'));
  set(out, 'clientCerts', paths(config, host, 'CertificateFile'));
  set(out, 'kbdintAuth', bool(v, 'KbdInteractiveAuthentication'));
  set(out, 'encryptionAlgs', str(v, 'Ciphers'));
  const comp = bool(v, 'Compression');
  set(out, 'compressionAlgs', comp === undefined ? undefined : comp ? 'zlib@openssh.com,zlib,none' : 'none');
  set(out, 'connectTimeout', num(v, 'ConnectTimeout'));
  set(out, 'clientHostKeysign', bool(v, 'EnableSSHKeysign'));
  const agent = v.ForwardAgent;
  set(out, 'agentForwarding', agent === undefined ? undefined : agent !== false);
  const x11 = bool(v, 'ForwardX11Trusted');
  set(out, 'x11Forwarding', x11 === undefined ? undefined : x11 ? 'ignore_failure' : false);
  const user = list(v, 'UserKnownHostsFile');
  // ssh expands UserKnownHostsFile (done while resolving) but uses GlobalKnownHostsFile as written.
  const global = list(v, 'GlobalKnownHostsFile');
  if (user !== undefined || global !== undefined) {
    out.knownHosts = [...(user ?? []), ...(global ?? [])].filter((p) => p !== 'none');
  }
  set(out, 'gssAuth', bool(v, 'GSSAPIAuthentication'));
  set(out, 'gssDelegateCreds', bool(v, 'GSSAPIDelegateCredentials'));
  set(out, 'gssKex', bool(v, 'GSSAPIKeyExchange'));
  set(out, 'hostBasedAuth', bool(v, 'HostbasedAuthentication'));
  set(out, 'serverHostKeyAlgs', str(v, 'HostKeyAlgorithms'));
  set(out, 'hostKeyAlias', str(v, 'HostKeyAlias'));
  set(out, 'identitiesOnly', bool(v, 'IdentitiesOnly'));
  const agentPath = str(v, 'IdentityAgent');
  if (agentPath !== undefined) {
    if (agentPath === 'none') out.agentPath = null;
    else if (agentPath === 'SSH_AUTH_SOCK') set(out, 'agentPath', host.env.SSH_AUTH_SOCK);
    else if (/^\$[A-Za-z_]/.test(agentPath)) set(out, 'agentPath', host.env[agentPath.slice(1)]);
    else out.agentPath = agentPath;
  }
  set(out, 'clientKeys', paths(config, host, 'IdentityFile'));
  set(out, 'kexAlgs', str(v, 'KexAlgorithms'));
  set(out, 'macAlgs', str(v, 'MACs'));
  set(out, 'passwordAuth', bool(v, 'PasswordAuthentication'));
  set(out, 'preferredAuth', str(v, 'PreferredAuthentications'));
  const proxy = str(v, 'ProxyCommand');
  if (proxy !== undefined) {
    const r = proxy === 'none' ? null : expandTokens(proxy, config.tokens, PROXY_TOKENS);
    if (r !== null && typeof r !== 'string')
      throw new ConfigParseError(`ProxyCommand: ${r.error}`, { file: '<config>', line: 0 });
    out.proxyCommand = r;
  }
  const jump = str(v, 'ProxyJump');
  if (jump !== undefined) out.tunnel = jump === 'none' ? null : jump;
  const pubkey = v.PubkeyAuthentication;
  set(out, 'publicKeyAuth', pubkey === undefined ? undefined : pubkey !== false);
  const rekey = v.RekeyLimit as RekeyLimit | undefined;
  if (rekey !== undefined) {
    if (rekey.bytes > 0) out.rekeyBytes = rekey.bytes;
    if (rekey.seconds > 0) out.rekeySeconds = rekey.seconds;
  }
  const command = str(v, 'RemoteCommand');
  if (command !== undefined && command !== 'none') out.command = command;
  const tty = v.RequestTTY;
  set(out, 'requestPty', tty === 'force' || tty === 'auto' || typeof tty === 'boolean' ? tty : undefined);
  set(out, 'sendEnv', list(v, 'SendEnv'));
  set(out, 'keepaliveCountMax', num(v, 'ServerAliveCountMax'));
  set(out, 'keepaliveInterval', num(v, 'ServerAliveInterval'));
  const setEnv = list(v, 'SetEnv');
  if (setEnv !== undefined) {
    out.env = {};
    for (const item of setEnv) {
      const eq = item.indexOf('=');
      const name = item.slice(0, eq);
      if (!Object.hasOwn(out.env, name)) out.env[name] = item.slice(eq + 1);
    }
  }
  set(out, 'tcpKeepalive', bool(v, 'TCPKeepAlive'));
  return out;
}

/** The token letters accepted in path keywords, exported for callers expanding paths themselves. */
export { CLIENT_PATH_TOKENS };
