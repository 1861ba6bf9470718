import { lookup, lookupService } from 'node:dns/promises';
import { readFileSync } from 'node:fs';
import { SSHAuthorizedKeys } from '@ssh/auth';
import { expandAuthorizedKeysFiles, type ServerConfigOptions, toServerOptions } from '@ssh/config';
import { loadServerConfig } from '@ssh/config/node';
import type { ServerOptionFields } from '../options/server-options.js';
import type { SSHServerConnection } from '../server/server-connection.js';
import { SSHServer } from '../server/ssh-server.js';

/** The sshd_config keywords `listen` honours, as its option names. */
function fromConfig(c: ServerConfigOptions): ServerOptionFields {
  const out: Record<string, unknown> = {
    host: c.host,
    port: c.port,
    family: c.family,
    serverHostKeys: c.serverHostKeys,
    serverHostCerts: c.serverHostCerts,
    encryptionAlgs: c.encryptionAlgs,
    kexAlgs: c.kexAlgs,
    macAlgs: c.macAlgs,
    compressionAlgs: c.compressionAlgs,
    keepaliveInterval: c.keepaliveInterval,
    keepaliveCountMax: c.keepaliveCountMax,
    loginTimeout: c.loginTimeout,
    allowPty: c.allowPty,
    rekeyBytes: c.rekeyBytes,
    rekeySeconds: c.rekeySeconds,
    tcpKeepalive: c.tcpKeepalive,
    caSignatureAlgs: c.caSignatureAlgs,
    proxyCommand: c.proxyCommand,
    passwordAuth: c.passwordAuth,
    publicKeyAuth: c.publicKeyAuth,
    kbdintAuth: c.kbdintAuth,
    hostBasedAuth: c.hostBasedAuth,
  };
  for (const k of Object.keys(out)) if (out[k] === undefined) delete out[k];
  return out as ServerOptionFields;
}

/** The options an sshd_config sets (files named by `config`), to be layered under explicit options. */
export function loadServerConfigOptions(config: string | readonly string[]): ServerOptionFields {
  const files = typeof config === 'string' ? [config] : config;
  return fromConfig(toServerOptions(loadServerConfig({ config: files })));
}

/** A local account as /etc/passwd lists it. */
interface Account {
  readonly home: string;
  readonly uid: number;
}

function lookupAccount(user: string): Account | undefined {
  let text: string;
  try {
    text = readFileSync('/etc/passwd', 'utf8');
  } catch {
    return undefined;
  }
  for (const line of text.split('\n')) {
    const f = line.split(':');
    if (f.length >= 7 && f[0] === user) return { home: f[5] ?? '', uid: Number(f[2]) };
  }
  return undefined;
}

function readAll(paths: readonly string[]): string {
  let text = '';
  for (const p of paths) {
    try {
      text += `${readFileSync(p, 'utf8')}\n`;
    } catch {
      // A missing or unreadable file holds no keys, as for sshd.
    }
  }
  return text;
}

/**
 * The client's host name as sshd's UseDNS finds it: the reverse lookup of the
 * address, kept only when that name maps back to the address; else the address.
 */
async function clientHostName(addr: string): Promise<string> {
  try {
    const { hostname } = await lookupService(addr, 0);
    const back = await lookup(hostname, { all: true });
    return back.some((a) => a.address === addr) ? hostname.toLowerCase() : addr;
  } catch {
    return addr;
  }
}

/** authorized_keys text line by line: a line sshd would reject (bad options too) is skipped, not fatal. */
function parseLines(text: string): SSHAuthorizedKeys {
  const keys = new SSHAuthorizedKeys();
  for (const line of text.split('\n')) {
    try {
      keys.load(line);
    } catch {
      // sshd logs and skips such a line.
    }
  }
  return keys;
}

const INNER = new WeakMap<object, () => SSHServer | Partial<SSHServer>>();

/**
 * A serverFactory whose servers take each user's authorized keys from the
 * config's AuthorizedKeysFile (Match blocks evaluated for that user, address
 * and, with UseDNS, the host name the address resolves back to), expanded with the user's home and uid from /etc/passwd, before
 * `inner`'s beginAuth runs.
 */
function authorizedKeysFactory(
  files: readonly string[],
  inner: (() => SSHServer | Partial<SSHServer>) | undefined,
  explicit: ServerOptionFields,
): () => SSHServer | Partial<SSHServer> {
  const useDns = toServerOptions(loadServerConfig({ config: files })).rdnsLookup === true;
  const factory = () => {
    const base: Partial<SSHServer> = inner?.() ?? new SSHServer();
    const server: Partial<SSHServer> = Object.create(base);
    let conn: SSHServerConnection | undefined;
    // Keys set for one user are replaced when the client starts over as another.
    let keysSet = false;
    server.connectionMade = function (this: Partial<SSHServer>, c: SSHServerConnection) {
      conn = c;
      base.connectionMade?.call(this, c);
    };
    server.beginAuth = async function (this: Partial<SSHServer>, username: string) {
      const account = lookupAccount(username);
      if (conn) {
        const peer = conn.getExtraInfo('peername') as [string?, number?] | undefined;
        const local = conn.getExtraInfo('sockname') as [string?, number?] | undefined;
        const addr = peer?.[0];
        const host = addr && useDns ? await clientHostName(addr) : addr;
        const config = loadServerConfig({
          config: files,
          connection: {
            user: username,
            ...(addr ? { addr } : {}),
            ...(host ? { host } : {}),
            ...(local?.[0] ? { laddr: local[0] } : {}),
            ...(local?.[1] ? { lport: local[1] } : {}),
          },
        });
        // Password/Pubkey/KbdInteractiveAuthentication as Match blocks set them for this user; explicit options win.
        const forUser = toServerOptions(config);
        for (const k of ['passwordAuth', 'publicKeyAuth', 'kbdintAuth'] as const) {
          const value = explicit[k] ?? forUser[k];
          if (value === undefined) delete conn.authState.toggles[k];
          else conn.authState.toggles[k] = value;
        }
        if (!account) {
          // No such local user: no authorized keys file to read for it.
          if (keysSet && explicit.authorizedClientKeys === undefined)
            conn.setAuthorizedKeys(new SSHAuthorizedKeys());
        } else if (
          explicit.authorizedClientKeys === undefined &&
          config.values.AuthorizedKeysFile !== undefined
        ) {
          const keys = parseLines(
            readAll(expandAuthorizedKeysFiles(config, username, account.home, account.uid)),
          );
          if (keys.entries.length || keysSet) conn.setAuthorizedKeys(keys);
          keysSet ||= keys.entries.length > 0;
        }
      }
      return base.beginAuth ? await base.beginAuth.call(this, username) : true;
    };
    return server;
  };
  INNER.set(factory, inner ?? (() => new SSHServer()));
  return factory;
}

/**
 * Layer the named sshd_config files under explicit options, as AsyncSSH does:
 * explicit values win; without `authorizedClientKeys`, AuthorizedKeysFile names
 * each user's keys (read when the user starts to authenticate).
 */
export function applyServerConfig(
  config: string | readonly string[],
  explicit: ServerOptionFields,
): ServerOptionFields {
  const files = typeof config === 'string' ? [config] : config;
  const layered = { ...loadServerConfigOptions(files), ...explicit };
  const own = explicit.serverFactory;
  const inner = own === undefined ? undefined : (INNER.get(own) ?? own);
  layered.serverFactory = authorizedKeysFactory(files, inner, explicit);
  return layered;
}
