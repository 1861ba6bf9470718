import { type CanonicalizeSettings, canonicalizeHost, type HostLookup } from './canonicalize.js';
import { expandClientValues } from './client-expand.js';
import { matchClientLine, matchHostLine } from './client-match.js';
import { ConfigParseError } from './errors.js';
import type { ConfigHost } from './host.js';
import { type ConfigFileRef, checkDepth, FileCache, includePaths } from './include.js';
import { CLIENT_KEYWORDS } from './keywords-client.js';
import type { ConfigLine } from './lexer.js';
import type { Compat } from './match-criteria.js';
import { OptionStore } from './option-store.js';
import { matchPatternList } from './patterns.js';
import { clientTokens, expandTokens, type TokenValues } from './tokens.js';
import { type ConfigValue, parseValue } from './values.js';

/** What to resolve: the host as the user typed it, command-line style overrides, and the files. */
export interface ClientResolveOptions {
  /** Host name or alias as given (`%n`, matched by `Host` and `Match originalhost`). */
  readonly host: string;
  /** Remote user given outside the config (like `ssh -l`); wins over `User`. */
  readonly user?: string | undefined;
  /** Port given outside the config (like `ssh -p`); wins over `Port`. */
  readonly port?: number | undefined;
  /** Config files in order; the first value found for a keyword wins. */
  readonly files: readonly ConfigFileRef[];
  /** Treat keywords OpenSSH does not know (and IgnoreUnknown does not cover) as errors, as OpenSSH does. */
  readonly strict?: boolean;
  /** Behave like OpenSSH 10 (default) or OpenSSH 9 where they differ (Match word splitting, `%C`). */
  readonly compat?: Compat;
}

/** A resolved client config for one host. */
export interface ClientConfig {
  /** Host as given. */
  readonly originalHost: string;
  /** Host to connect to (HostName applied, lowercased). */
  readonly hostname: string;
  /** Port to connect to (22 unless set). */
  readonly port: number;
  /** Remote user (the local user unless set). */
  readonly user: string;
  /** Every keyword set, by canonical name, with OpenSSH's combining and resolve-time expansion applied. */
  readonly values: Readonly<Record<string, ConfigValue>>;
  /** Lines whose keyword OpenSSH does not know and IgnoreUnknown does not cover, kept as written. */
  readonly unknown: readonly ConfigLine[];
  /** The final `%` token values, for expanding paths when they are used. */
  readonly tokens: TokenValues;
}

interface Walk {
  readonly opts: ClientResolveOptions;
  readonly env: ConfigHost;
  readonly cache: FileCache;
  readonly store: OptionStore;
  readonly unknown: ConfigLine[];
  readonly finalPass: boolean;
  /** Host that `Host` lines are matched against: the original host, then the resolved one. */
  readonly hostForHostLines: string;
  /** On the final pass: the resolved host name (already expanded, not to be expanded again). */
  readonly resolvedHost?: string;
  wantFinal: boolean;
}

function currentHost(w: Walk): string {
  if (w.resolvedHost !== undefined) return w.resolvedHost;
  const hostName = w.store.string('HostName');
  if (hostName === undefined) return w.opts.host;
  const expanded = expandTokens(hostName, { '%': '%', h: w.opts.host }, 'h');
  return typeof expanded === 'string' ? expanded : hostName;
}

function currentUser(w: Walk): string {
  return w.opts.user ?? w.store.string('User') ?? w.env.userName;
}

function tokensNow(w: Walk): TokenValues {
  return clientTokens({
    host: currentHost(w),
    originalHost: w.opts.host,
    port: w.opts.port ?? (w.store.get('Port') as number | undefined) ?? 22,
    remoteUser: currentUser(w),
    localUser: w.env.userName,
    homeDir: w.env.homeDir,
    uid: w.env.uid,
    localHost: w.env.hostName,
    hostKeyAlias: w.store.string('HostKeyAlias'),
    proxyJump: w.store.string('ProxyJump'),
    hashWithoutJump: w.opts.compat === 'openssh9',
  });
}

const TOKENS_ALL = 'CdhijkLlnpru';

function runExec(w: Walk, command: string, line: ConfigLine): boolean {
  if (w.env.exec === undefined) return false;
  const expanded = expandTokens(command, tokensNow(w), TOKENS_ALL);
  if (typeof expanded !== 'string') throw new ConfigParseError(`Match exec: ${expanded.error}`, line);
  return w.env.exec(expanded);
}

function applyKeyword(w: Walk, line: ConfigLine, active: boolean): void {
  const spec = CLIENT_KEYWORDS.get(line.keyword);
  if (spec === undefined) {
    const ignore = w.store.string('IgnoreUnknown');
    if (ignore !== undefined && matchPatternList(line.keyword, ignore, true) === 1) return;
    if (w.opts.strict) throw new ConfigParseError(`Bad configuration option: ${line.keyword}`, line);
    if (active && !w.finalPass) w.unknown.push(line);
    return;
  }
  const value = parseValue(spec, line);
  if (spec.name === 'SetEnv') {
    for (const item of value as readonly string[]) {
      if (!item.includes('=')) throw new ConfigParseError(`Invalid SetEnv "${item}".`, line);
    }
  }
  if (spec.name === 'CanonicalDomains') {
    const words = value as readonly string[];
    if (words.length > 1 && words.some((d) => d.toLowerCase() === 'none')) {
      throw new ConfigParseError(`keyword ${line.keyword} "none" argument must appear alone.`, line);
    }
  }
  if (spec.ignored || !active) return;
  // ProxyCommand and ProxyJump exclude each other: whichever is set first wins.
  if (spec.name === 'ProxyCommand' && w.store.has('ProxyJump')) return;
  if (spec.name === 'ProxyJump' && w.store.has('ProxyCommand')) return;
  w.store.apply(spec, value, line);
}

function walk(
  w: Walk,
  lines: readonly ConfigLine[],
  depth: number,
  startActive: boolean,
  never: boolean,
  system: boolean,
) {
  let active = startActive;
  for (const line of lines) {
    switch (line.keyword) {
      case 'host':
        active = matchHostLine(line, w.hostForHostLines) && !never;
        break;
      case 'match': {
        const r = matchClientLine(
          line,
          {
            finalPass: w.finalPass,
            originalHost: w.opts.host,
            host: currentHost(w),
            user: currentUser(w),
            localUser: w.env.userName,
            tag: w.store.string('Tag'),
            exec: (cmd, at) => runExec(w, cmd, at),
            localNetworks: () => w.env.localNetworks?.(),
            syntax: w.opts.compat,
          },
          !never,
        );
        if (r.wantFinal) w.wantFinal = true;
        active = r.matched && !never;
        break;
      }
      case 'include': {
        checkDepth(depth + 1, line);
        for (const path of includePaths(line, w.env, system)) {
          walk(w, w.cache.included(path, line), depth + 1, active, never || !active, system);
        }
        break;
      }
      default:
        applyKeyword(w, line, active);
    }
  }
}

function runPass(w: Walk): void {
  for (const ref of w.opts.files) {
    const lines = w.cache.top(ref);
    if (lines !== undefined) walk(w, lines, 0, true, false, ref.system ?? false);
  }
}

interface FirstPass {
  readonly walk: Walk;
  /** The host after the first pass: HostName applied and lowercased (addresses as written). */
  readonly hostname: string;
}

function firstPass(env: ConfigHost, opts: ClientResolveOptions): FirstPass {
  const cache = new FileCache(env);
  const store = new OptionStore();
  const unknown: ConfigLine[] = [];
  const first: Walk = {
    opts,
    env,
    cache,
    store,
    unknown,
    finalPass: false,
    hostForHostLines: opts.host,
    wantFinal: false,
  };
  runPass(first);
  const hostNameSpec = store.string('HostName');
  if (hostNameSpec !== undefined) {
    const r = expandTokens(hostNameSpec, { '%': '%', h: opts.host }, 'h');
    if (typeof r !== 'string')
      throw new ConfigParseError(
        `HostName: ${r.error}`,
        store.lines.get('HostName') ?? { file: '<config>', line: 0 },
      );
  }
  const firstHost = currentHost(first);
  const hostname = /^[0-9.]+$|:/.test(firstHost) ? firstHost : firstHost.toLowerCase();
  if (store.has('HostName')) store.set('HostName', hostname);
  return { walk: first, hostname };
}

function finish(pass: FirstPass, hostname: string, final: boolean): ClientConfig {
  const { walk: first } = pass;
  const { store, opts, env, unknown } = first;
  if (first.wantFinal || final) {
    runPass({
      ...first,
      finalPass: true,
      hostForHostLines: hostname,
      resolvedHost: hostname,
      wantFinal: false,
    });
  }
  store.set('HostName', hostname);
  const port = opts.port ?? (store.get('Port') as number | undefined) ?? 22;
  const user = opts.user ?? store.string('User') ?? env.userName;
  if (opts.port !== undefined) store.set('Port', opts.port);
  if (opts.user !== undefined) store.set('User', opts.user);
  const tokens = clientTokens({
    host: hostname,
    originalHost: opts.host,
    port,
    remoteUser: user,
    localUser: env.userName,
    homeDir: env.homeDir,
    uid: env.uid,
    localHost: env.hostName,
    hostKeyAlias: store.string('HostKeyAlias'),
    proxyJump: store.string('ProxyJump'),
    hashWithoutJump: opts.compat === 'openssh9',
  });
  expandClientValues(store, tokens, env);
  return { originalHost: opts.host, hostname, port, user, values: store.toObject(), unknown, tokens };
}

/**
 * Resolve the client config for one host the way `ssh -G` does: walk the files with
 * Host/Match/Include, first value wins; run a final pass when `Match final` or
 * CanonicalizeHostname asks for one (`Match canonical` matches on that pass); then
 * apply HostName, Port and User defaults and the resolve-time `%`/`${}` expansions.
 * No name is looked up: see resolveClientConfigCanonical for that.
 * Throws ConfigParseError on any syntax or value error.
 */
export function resolveClientConfig(env: ConfigHost, opts: ClientResolveOptions): ClientConfig {
  const pass = firstPass(env, opts);
  const canon = pass.walk.store.get('CanonicalizeHostname');
  return finish(pass, pass.hostname, canon === true || canon === 'always');
}

/** How resolveClientConfigCanonical canonicalizes: the resolver, and settings that win over the files. */
export interface ClientCanonicalizeOptions extends CanonicalizeSettings {
  /** Looks names up (the system resolver on Node: nodeHostLookup from `@ssh/config/node`). */
  readonly lookup: HostLookup;
  /** Whether the connection is dialled directly; default: neither ProxyCommand nor ProxyJump is set. */
  readonly direct?: boolean;
}

function fileSettings(store: OptionStore): CanonicalizeSettings {
  const v = store.toObject();
  const canon = v.CanonicalizeHostname;
  const rules = v.CanonicalizePermittedCNAMEs;
  return {
    ...(canon === true || canon === false || canon === 'always' ? { canonicalizeHostname: canon } : {}),
    ...(Array.isArray(v.CanonicalDomains)
      ? { canonicalDomains: v.CanonicalDomains as readonly string[] }
      : {}),
    ...(typeof v.CanonicalizeFallbackLocal === 'boolean'
      ? { canonicalizeFallbackLocal: v.CanonicalizeFallbackLocal }
      : {}),
    ...(typeof v.CanonicalizeMaxDots === 'number' ? { canonicalizeMaxDots: v.CanonicalizeMaxDots } : {}),
    ...(Array.isArray(rules)
      ? {
          canonicalizePermittedCnames: (rules as readonly string[]).map((rule): [string[], string[]] => {
            const [from = '', to = ''] = rule.split(':');
            return [from.split(','), to.split(',')];
          }),
        }
      : {}),
  };
}

const unset = (v: string | undefined) => v === undefined || v.toLowerCase() === 'none';

/**
 * Resolve the client config for one host as `ssh` does before it connects: the
 * first pass, then hostname canonicalization (CanonicalizeHostname and friends,
 * with `options` winning over the files) through the injected resolver, then the
 * final pass on the canonical name, where `Match canonical` and `Host` lines
 * naming the canonical host apply. Rejects with ConfigParseError on a bad file and
 * CanonicalizeError when canonicalization must succeed and does not.
 */
export async function resolveClientConfigCanonical(
  env: ConfigHost,
  opts: ClientResolveOptions,
  options: ClientCanonicalizeOptions,
): Promise<ClientConfig> {
  const pass = firstPass(env, opts);
  const { lookup, direct: givenDirect, ...given } = options;
  const defined = Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined));
  const settings: CanonicalizeSettings = { ...fileSettings(pass.walk.store), ...defined };
  const direct =
    givenDirect ??
    (unset(pass.walk.store.string('ProxyCommand')) && unset(pass.walk.store.string('ProxyJump')));
  const hostname = await canonicalizeHost(pass.hostname, settings, direct, lookup);
  return finish(pass, hostname, (settings.canonicalizeHostname ?? false) !== false);
}
