import { ConfigParseError } from './errors.js';
import type { ConfigHost } from './host.js';
import { type ConfigFileRef, checkDepth, FileCache, includePaths } from './include.js';
import { SERVER_KEYWORDS } from './keywords-server.js';
import type { ConfigLine } from './lexer.js';
import { type Compat, matchWords } from './match-criteria.js';
import { OptionStore } from './option-store.js';
import { matchPatternList } from './patterns.js';
import { matchServerLine, type ServerConnectionInfo } from './server-match.js';
import { type ConfigValue, parseValue } from './values.js';

/** What to resolve on the server side. */
export interface ServerResolveOptions {
  /** sshd_config files in order; relative Includes resolve against /etc/ssh. */
  readonly files: readonly ConfigFileRef[];
  /** The connection to evaluate Match blocks for; without it only global settings apply. */
  readonly connection?: ServerConnectionInfo;
  /** Treat keywords sshd does not know as errors, as sshd does. */
  readonly strict?: boolean;
  /** Behave like OpenSSH 10 (default) or OpenSSH 9 where they differ (Match word splitting, `%C`). */
  readonly compat?: Compat;
}

/** A resolved server config. */
export interface ServerConfig {
  /** Every keyword set, by canonical name: global values, overridden by matching Match blocks. */
  readonly values: Readonly<Record<string, ConfigValue>>;
  /** Lines whose keyword sshd does not know, kept as written. */
  readonly unknown: readonly ConfigLine[];
}

interface Walk {
  readonly env: ConfigHost;
  readonly cache: FileCache;
  readonly conn: ServerConnectionInfo | undefined;
  readonly strict: boolean;
  readonly syntax: Compat | undefined;
  readonly global: OptionStore;
  readonly matched: OptionStore;
  readonly unknown: ConfigLine[];
}

/** Where a line sits: outside any Match, after a lone `Match all`, or in a conditional Match block. */
type Context = 'global' | 'all' | 'match';

function apply(w: Walk, line: ConfigLine, context: Context, active: boolean): void {
  const spec = SERVER_KEYWORDS.get(line.keyword);
  if (spec === undefined) {
    if (w.strict) throw new ConfigParseError(`Bad configuration option: ${line.keyword}`, line);
    if (active) w.unknown.push(line);
    return;
  }
  if (context === 'match' && !spec.inMatch && !spec.ignored) {
    throw new ConfigParseError(`Directive '${line.keyword}' is not allowed within a Match block`, line);
  }
  const value = parseValue(spec, line);
  if (spec.ignored || !active) return;
  if (context !== 'match') w.global.apply(spec, value, line);
  if (context !== 'global' && w.conn !== undefined && spec.inMatch) w.matched.apply(spec, value, line);
}

function walk(
  w: Walk,
  lines: readonly ConfigLine[],
  depth: number,
  startContext: Context,
  startActive: boolean,
) {
  let context = startContext;
  let active = startActive;
  for (const line of lines) {
    if (line.keyword === 'match') {
      if (w.strict) {
        const negated = matchWords(line, w.syntax)?.find((a) => a.startsWith('!'));
        if (negated !== undefined) throw new ConfigParseError(`Unsupported Match attribute ${negated}`, line);
      }
      const matched = matchServerLine(
        line,
        w.conn,
        { userGroups: (user) => w.env.userGroups?.(user), exec: (cmd) => w.env.exec?.(cmd) ?? false },
        w.syntax,
      );
      // sshd applies a lone `Match all` block both globally and as a match override.
      const words = matchWords(line, w.syntax) ?? [];
      const all = words.length === 1 && words[0]?.toLowerCase() === 'all';
      context = all ? 'all' : 'match';
      active = all || matched;
    } else if (line.keyword === 'include') {
      checkDepth(depth + 1, line);
      for (const path of includePaths(line, w.env, true)) {
        walk(w, w.cache.included(path, line), depth + 1, context, active);
      }
    } else {
      apply(w, line, context, active);
    }
  }
}

/**
 * Resolve a server config the way `sshd -T -C ...` does: settings outside Match
 * blocks apply first-value-wins (a lone `Match all` block counts both as global
 * settings and as a match override, as in sshd); with connection info, settings from matching
 * Match blocks (first value wins among them) override them. Negated criteria
 * (`!User`) are an AsyncSSH extension, rejected under `strict` as sshd does. Keywords sshd forbids inside
 * Match, bad values and bad Match lines throw ConfigParseError.
 */
export function resolveServerConfig(env: ConfigHost, opts: ServerResolveOptions): ServerConfig {
  const w: Walk = {
    env,
    cache: new FileCache(env),
    conn: opts.connection,
    strict: opts.strict ?? false,
    syntax: opts.compat,
    global: new OptionStore(),
    matched: new OptionStore(),
    unknown: [],
  };
  for (const ref of opts.files) {
    const lines = w.cache.top(ref);
    if (lines !== undefined) walk(w, lines, 0, 'global', true);
  }
  const values = w.global.toObject();
  for (const [name, value] of w.matched.values) values[name] = value;
  return { values, unknown: w.unknown };
}

/** Whether a server keyword name is one sshd knows (aliases included). */
export function isServerKeyword(keyword: string): boolean {
  return SERVER_KEYWORDS.has(keyword.toLowerCase()) || matchPatternList(keyword, 'match,include', true) === 1;
}
