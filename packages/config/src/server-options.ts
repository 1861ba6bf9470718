import { ConfigParseError } from './errors.js';
import type { ServerConfig } from './server-resolve.js';
import { expandTokens, serverTokens } from './tokens.js';
import type { ConfigValue, RekeyLimit } from './values.js';

/** AsyncSSH-style server options (camelCase) taken from a resolved sshd_config. */
export interface ServerConfigOptions {
  /** From AddressFamily: 0 any, 4 inet, 6 inet6. */
  family?: 0 | 4 | 6;
  /** From AuthorizedKeysFile paths as written (see expandAuthorizedKeysFiles). */
  authorizedClientKeys?: string[];
  /** From AllowAgentForwarding. */
  agentForwarding?: boolean;
  /** From BindAddress (listen address). */
  host?: string;
  /** From First Port. */
  port?: number;
  /** From CanonicalDomains. */
  canonicalDomains?: string[];
  /** From CanonicalizeFallbackLocal. */
  canonicalizeFallbackLocal?: boolean;
  /** From CanonicalizeHostname. */
  canonicalizeHostname?: boolean | 'always';
  /** From CanonicalizeMaxDots. */
  canonicalizeMaxDots?: number;
  /** From CanonicalizePermittedCNAMEs rules. */
  canonicalizePermittedCnames?: Array<[string[], string[]]>;
  /** From CASignatureAlgorithms. */
  caSignatureAlgs?: string;
  /** From KbdInteractiveAuthentication / ChallengeResponseAuthentication. */
  kbdintAuth?: boolean;
  /** From Ciphers. */
  encryptionAlgs?: string;
  /** From ClientAliveCountMax. */
  keepaliveCountMax?: number;
  /** From ClientAliveInterval in seconds. */
  keepaliveInterval?: number;
  /** From Compression: yes/delayed enable zlib, no is "none". */
  compressionAlgs?: string;
  /** From GSSAPIAuthentication. */
  gssAuth?: boolean;
  /** From GSSAPIKeyExchange. */
  gssKex?: boolean;
  /** From HostbasedAuthentication. */
  hostBasedAuth?: boolean;
  /** From HostCertificate paths. */
  serverHostCerts?: string[];
  /** From HostKey paths. */
  serverHostKeys?: string[];
  /** From KexAlgorithms. */
  kexAlgs?: string;
  /** From LoginGraceTime in seconds. */
  loginTimeout?: number;
  /** From MACs. */
  macAlgs?: string;
  /** From PasswordAuthentication. */
  passwordAuth?: boolean;
  /** From PermitTTY. */
  allowPty?: boolean;
  /** From ProxyCommand (null for none). */
  proxyCommand?: string | null;
  /** From PubkeyAuthentication. */
  publicKeyAuth?: boolean;
  /** From RekeyLimit byte count. */
  rekeyBytes?: number;
  /** From RekeyLimit interval in seconds. */
  rekeySeconds?: number;
  /** From TCPKeepAlive. */
  tcpKeepalive?: boolean;
  /** From UseDNS. */
  rdnsLookup?: boolean;
}

type Values = Readonly<Record<string, ConfigValue>>;
const str = (v: Values, k: string) => (typeof v[k] === 'string' ? (v[k] as string) : undefined);
const bool = (v: Values, k: string) => (typeof v[k] === 'boolean' ? (v[k] as boolean) : undefined);
const num = (v: Values, k: string) => (typeof v[k] === 'number' ? (v[k] as number) : undefined);
const list = (v: Values, k: string) => (Array.isArray(v[k]) ? [...(v[k] as readonly string[])] : undefined);

function set<K extends keyof ServerConfigOptions>(
  out: ServerConfigOptions,
  key: K,
  value: ServerConfigOptions[K],
) {
  if (value !== undefined) out[key] = value;
}

/**
 * Map a resolved server config to AsyncSSH option names (camelCase), for every
 * keyword AsyncSSH honours. AuthorizedKeysFile paths are returned as written; expand
 * them per user with expandAuthorizedKeysFiles.
 */
export function toServerOptions(config: ServerConfig): ServerConfigOptions {
  const v = config.values;
  const out: ServerConfigOptions = {};
  const family = str(v, 'AddressFamily');
  set(out, 'family', family === undefined ? undefined : family === 'inet' ? 4 : family === 'inet6' ? 6 : 0);
  set(out, 'authorizedClientKeys', list(v, 'AuthorizedKeysFile'));
  set(out, 'agentForwarding', bool(v, 'AllowAgentForwarding'));
  set(out, 'host', str(v, 'BindAddress'));
  set(out, 'port', list(v, 'Port')?.map(Number)[0]);
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
  set(out, 'kbdintAuth', bool(v, 'KbdInteractiveAuthentication'));
  set(out, 'encryptionAlgs', str(v, 'Ciphers'));
  set(out, 'keepaliveCountMax', num(v, 'ClientAliveCountMax'));
  set(out, 'keepaliveInterval', num(v, 'ClientAliveInterval'));
  const comp = v.Compression;
  set(
    out,
    'compressionAlgs',
    comp === undefined ? undefined : comp === false ? 'none' : 'zlib@openssh.com,zlib,none',
  );
  set(out, 'gssAuth', bool(v, 'GSSAPIAuthentication'));
  set(out, 'gssKex', bool(v, 'GSSAPIKeyExchange'));
  set(out, 'hostBasedAuth', bool(v, 'HostbasedAuthentication'));
  set(out, 'serverHostCerts', list(v, 'HostCertificate'));
  set(out, 'serverHostKeys', list(v, 'HostKey'));
  set(out, 'kexAlgs', str(v, 'KexAlgorithms'));
  set(out, 'loginTimeout', num(v, 'LoginGraceTime'));
  set(out, 'macAlgs', str(v, 'MACs'));
  set(out, 'passwordAuth', bool(v, 'PasswordAuthentication'));
  set(out, 'allowPty', bool(v, 'PermitTTY'));
  const proxy = str(v, 'ProxyCommand');
  if (proxy !== undefined) out.proxyCommand = proxy === 'none' ? null : proxy;
  set(out, 'publicKeyAuth', bool(v, 'PubkeyAuthentication'));
  const rekey = v.RekeyLimit as RekeyLimit | undefined;
  if (rekey !== undefined) {
    if (rekey.bytes > 0) out.rekeyBytes = rekey.bytes;
    if (rekey.seconds > 0) out.rekeySeconds = rekey.seconds;
  }
  set(out, 'tcpKeepalive', bool(v, 'TCPKeepAlive'));
  set(out, 'rdnsLookup', bool(v, 'UseDNS'));
  return out;
}

/**
 * Expand AuthorizedKeysFile paths for one user: `%%`, `%u` (user), `%h` (home) and
 * `%U` (uid); a relative result is taken from the user's home directory.
 */
export function expandAuthorizedKeysFiles(
  config: ServerConfig,
  user: string,
  homeDir: string,
  uid: number,
): string[] {
  const files = (config.values.AuthorizedKeysFile as readonly string[] | undefined) ?? [
    '.ssh/authorized_keys',
    '.ssh/authorized_keys2',
  ];
  return files
    .filter((f) => f !== 'none')
    .map((f) => {
      const r = expandTokens(f, serverTokens(user, homeDir, uid), 'uhU');
      if (typeof r !== 'string')
        throw new ConfigParseError(`AuthorizedKeysFile: ${r.error}`, { file: '<config>', line: 0 });
      return r.startsWith('/') ? r : `${homeDir.replace(/\/$/, '')}/${r}`;
    });
}
