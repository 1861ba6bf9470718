import { sha1Hex } from './sha1.js';

/** Values for the client `%` tokens, one letter each (`h`, `p`, `r`, ...). */
export type TokenValues = Readonly<Record<string, string>>;

/** What a client needs to build its `%` token values. */
export interface ClientTokenInput {
  /** Target host name after HostName (`%h`). */
  readonly host: string;
  /** Host name as given by the caller (`%n`). */
  readonly originalHost: string;
  /** Remote port (`%p`). */
  readonly port: number;
  /** Remote user (`%r`). */
  readonly remoteUser: string;
  /** Local user (`%u`). */
  readonly localUser: string;
  /** Local home directory (`%d`). */
  readonly homeDir: string;
  /** Local uid (`%i`). */
  readonly uid: number;
  /** Full local host name (`%l`). */
  readonly localHost: string;
  /** HostKeyAlias when set (`%k` falls back to the original host). */
  readonly hostKeyAlias?: string | undefined;
  /** ProxyJump when set (`%j`). */
  readonly proxyJump?: string | undefined;
  /** Leave ProxyJump out of `%C`, as OpenSSH 9 does (OpenSSH 10 hashes it in). */
  readonly hashWithoutJump?: boolean;
}

/** Build the client token table: %% %C %d %h %i %j %k %L %l %n %p %r %u (`%C` is SHA-1 of %l%h%p%r%j). */
export function clientTokens(input: ClientTokenInput): TokenValues {
  const short = input.localHost.split('.')[0] ?? input.localHost;
  const port = String(input.port);
  return {
    '%': '%',
    C: sha1Hex(
      `${input.localHost}${input.host}${port}${input.remoteUser}${input.hashWithoutJump ? '' : (input.proxyJump ?? '')}`,
    ),
    d: input.homeDir,
    h: input.host,
    i: String(input.uid),
    j: input.proxyJump ?? '',
    k: input.hostKeyAlias ?? input.originalHost,
    L: short,
    l: input.localHost,
    n: input.originalHost,
    p: port,
    r: input.remoteUser,
    u: input.localUser,
  };
}

/** Server tokens for AuthorizedKeysFile: %% %u %h (home) %U (uid). */
export function serverTokens(user: string, homeDir: string, uid: number): TokenValues {
  return { '%': '%', u: user, h: homeDir, U: String(uid) };
}

/**
 * Replace `%x` tokens in `text`. Only letters in `allowed` (a string of token
 * letters; `%` is always allowed) are expanded; an unknown token or a trailing `%`
 * returns an error message instead of a string.
 */
export function expandTokens(text: string, values: TokenValues, allowed: string): string | { error: string } {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c !== '%') {
      out += c;
      continue;
    }
    const t = text[++i];
    if (t === undefined) return { error: `trailing % in "${text}"` };
    const v = values[t];
    if ((t !== '%' && !allowed.includes(t)) || v === undefined) return { error: `unknown key %${t}` };
    out += v;
  }
  return out;
}

/**
 * Replace `${NAME}` with environment values. Returns an error message when a
 * variable is unset or a `${` is not closed.
 */
export function expandEnv(
  text: string,
  env: Readonly<Record<string, string | undefined>>,
): string | { error: string } {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const start = text.indexOf('${', i);
    if (start < 0) break;
    const end = text.indexOf('}', start + 2);
    if (end < 0) return { error: `unterminated \${ in "${text}"` };
    const name = text.slice(start + 2, end);
    const value = env[name];
    if (value === undefined) return { error: `env var \${${name}} has no value` };
    out += text.slice(i, start) + value;
    i = end + 1;
  }
  return out + text.slice(i);
}

/** Expand a leading `~` or `~/` to the home directory (`~user` is left alone). */
export function expandTilde(text: string, homeDir: string): string {
  if (text === '~') return homeDir;
  if (text.startsWith('~/')) return homeDir + text.slice(1);
  return text;
}
