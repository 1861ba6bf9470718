import { ConfigParseError } from './errors.js';
import type { ConfigLine } from './lexer.js';
import { parseConfigSize, parseConfigTime } from './units.js';

/** A RekeyLimit value: bytes before rekeying (0 = cipher default) and seconds (0 = none). */
export interface RekeyLimit {
  readonly bytes: number;
  readonly seconds: number;
}

/** A typed config value. */
export type ConfigValue = string | number | boolean | readonly string[] | RekeyLimit;

/** How a keyword's arguments are read. */
export type ValueKind =
  | { readonly kind: 'flag' }
  | { readonly kind: 'choice'; readonly values: Readonly<Record<string, string | boolean>> }
  | { readonly kind: 'flagOrPath' }
  | { readonly kind: 'int'; readonly min?: number }
  | { readonly kind: 'port' }
  | { readonly kind: 'time' }
  | { readonly kind: 'rekey' }
  | { readonly kind: 'string' }
  | { readonly kind: 'words' }
  | { readonly kind: 'command' }
  | { readonly kind: 'raw' };

/** How repeated occurrences combine. */
export type Combine = 'first' | 'append' | 'appendUnique';

/** What we know about one keyword. */
export interface KeywordSpec {
  /** Canonical spelling, e.g. `HostName`. */
  readonly name: string;
  /** How its arguments parse. */
  readonly type: ValueKind;
  /** How repeated lines combine; `first` (first value wins) unless said otherwise. */
  readonly combine: Combine;
  /** Server only: may appear inside a Match block. */
  readonly inMatch?: boolean;
  /** Deprecated or unsupported by OpenSSH: accepted and ignored. */
  readonly ignored?: boolean;
}

const BOOL: Readonly<Record<string, boolean>> = { yes: true, true: true, no: false, false: false };

function fail(line: ConfigLine, reason: string): never {
  throw new ConfigParseError(reason, line);
}

function one(line: ConfigLine): string {
  const arg = line.args[0];
  if (arg === undefined || arg === '') fail(line, 'Missing argument.');
  if (line.args.length > 1) fail(line, `keyword ${line.keyword} extra arguments at end of line`);
  return arg;
}

function parseInteger(line: ConfigLine, text: string, min: number): number {
  if (!/^-?\d+$/.test(text)) fail(line, 'integer value invalid.');
  const n = Number(text);
  if (n < min) fail(line, 'integer value too small.');
  if (n > 2147483647) fail(line, 'integer value too large.');
  return n;
}

function parseRekey(line: ConfigLine): RekeyLimit {
  const [first, second, extra] = line.args;
  if (first === undefined || first === '') fail(line, 'Missing argument.');
  if (extra !== undefined) fail(line, `keyword ${line.keyword} extra arguments at end of line`);
  let bytes = 0;
  if (first !== 'default') {
    const n = parseConfigSize(first);
    if (n === undefined) fail(line, `Bad number '${first}'`);
    if (n !== 0 && n < 16) fail(line, 'RekeyLimit too small');
    bytes = n;
  }
  let seconds = 0;
  if (second !== undefined && second !== 'default' && second !== 'none') {
    const t = parseConfigTime(second);
    if (t === undefined) fail(line, 'invalid time value.');
    seconds = t;
  }
  return { bytes, seconds };
}

/** Parse a line's arguments into a typed value, throwing ConfigParseError on a bad value. */
export function parseValue(spec: KeywordSpec, line: ConfigLine): ConfigValue {
  const t = spec.type;
  switch (t.kind) {
    case 'flag': {
      const v = BOOL[one(line).toLowerCase()];
      if (v === undefined) fail(line, `unsupported option "${line.args[0]}".`);
      return v;
    }
    case 'choice': {
      const arg = one(line);
      const v = t.values[arg.toLowerCase()];
      if (v === undefined) fail(line, `unsupported option "${arg}".`);
      return v;
    }
    case 'flagOrPath': {
      const arg = one(line);
      return BOOL[arg.toLowerCase()] ?? arg;
    }
    case 'int':
      return parseInteger(line, one(line), t.min ?? 0);
    case 'port': {
      const arg = one(line);
      // OpenSSH also takes service names from /etc/services; `ssh` is the one that matters.
      const n = arg.toLowerCase() === 'ssh' ? 22 : /^\+?\d+$/.test(arg) ? Number(arg) : Number.NaN;
      if (!(n >= 1 && n <= 65535)) fail(line, `Bad port '${arg}'.`);
      return n;
    }
    case 'time': {
      const v = parseConfigTime(one(line));
      if (v === undefined) fail(line, 'invalid time value.');
      return v;
    }
    case 'rekey':
      return parseRekey(line);
    case 'string':
      return one(line);
    case 'words':
    case 'raw':
      if (line.args.length === 0 || line.args[0] === '') fail(line, 'Missing argument.');
      return [...line.args];
    case 'command': {
      if (line.args.length === 0) fail(line, 'Missing argument.');
      return line.rest;
    }
  }
}
