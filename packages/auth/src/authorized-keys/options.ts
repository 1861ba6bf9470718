import { AuthorizedKeysError } from '../errors.js';
import { findBadCidr } from '../patterns/host-and-ip.js';
import { splitPatternList } from '../patterns/wildcard.js';
import { parseExpiryTime } from './expiry-time.js';
import type { RawOption } from './lexer.js';

/** A `permitopen` / `permitlisten` destination; `port` null means `*` (any port). */
export interface PermitTarget {
  /** Host name or address (IPv6 without brackets); '' for a permitlisten with no host. */
  readonly host: string;
  /** Port number, or null for any port. */
  readonly port: number | null;
}

/** The value of one option: a flag, a string, a list, the environment, targets, a number or a date. */
export type AuthorizedKeyOptionValue =
  | true
  | string
  | number
  | Date
  | readonly string[]
  | Readonly<Record<string, string>>
  | readonly PermitTarget[];

/**
 * The options of an authorized_keys entry, keyed by lower-case option name
 * as AsyncSSH's options dict: `command` (string), `environment` (NAME →
 * value), `from` and `principals` (pattern lists), `permitopen` and
 * `permitlisten` (PermitTarget lists), `expiry-time` (Date), `tunnel`
 * (number), flags such as `cert-authority`, `restrict`, `no-pty`,
 * `no-x11-forwarding`, `pty` (true), and unknown options: true when bare,
 * the list of their values otherwise.
 */
export type AuthorizedKeyOptions = Readonly<Record<string, AuthorizedKeyOptionValue>>;

/** The flag options sshd(8) defines. */
export const FLAG_OPTIONS: ReadonlySet<string> = new Set([
  'agent-forwarding',
  'cert-authority',
  'no-agent-forwarding',
  'no-port-forwarding',
  'no-pty',
  'no-touch-required',
  'no-user-rc',
  'no-x11-forwarding',
  'port-forwarding',
  'pty',
  'restrict',
  'user-rc',
  'verify-required',
  'x11-forwarding',
]);

const VALUE_OPTIONS: ReadonlySet<string> = new Set([
  'command',
  'environment',
  'expiry-time',
  'from',
  'permitlisten',
  'permitopen',
  'principals',
  'tunnel',
]);

function parsePort(text: string, what: string, lineNumber: number): number | null {
  if (text === '*') return null;
  if (!/^\d{1,5}$/.test(text) || Number(text) < 1 || Number(text) > 65535) {
    throw new AuthorizedKeysError(`invalid port '${text}' in ${what}`, lineNumber);
  }
  return Number(text);
}

/** Parse `host:port` (permitopen) or `[host:]port` (permitlisten); IPv6 hosts in brackets. */
export function parsePermitTarget(value: string, listen: boolean, lineNumber = 0): PermitTarget {
  const what = listen ? 'permitlisten' : 'permitopen';
  let host: string;
  let portText: string;
  const bracket = /^\[([^\]]*)\]:(.*)$/.exec(value);
  if (bracket) {
    host = bracket[1] as string;
    portText = bracket[2] as string;
  } else {
    const colon = value.lastIndexOf(':');
    if (colon < 0) {
      if (!listen) throw new AuthorizedKeysError(`permitopen '${value}' needs host:port`, lineNumber);
      host = '';
      portText = value;
    } else {
      host = value.slice(0, colon);
      portText = value.slice(colon + 1);
      if (host.includes(':')) {
        throw new AuthorizedKeysError(`${what} '${value}': put an IPv6 address in brackets`, lineNumber);
      }
    }
  }
  if (host === '' && !listen) throw new AuthorizedKeysError(`permitopen '${value}' has no host`, lineNumber);
  return { host, port: parsePort(portText, `${what} '${value}'`, lineNumber) };
}

type MutableOptions = Record<string, AuthorizedKeyOptionValue>;

/**
 * The `from=` and `principals=` lists one by one: each occurrence of the
 * option must be satisfied on its own (AsyncSSH and sshd both require all).
 */
export interface OptionClauses {
  readonly from: string[][];
  readonly principals: string[][];
}

function addValued(
  out: MutableOptions,
  clauses: OptionClauses,
  name: string,
  value: string,
  lineNumber: number,
): void {
  switch (name) {
    case 'command':
      if (out.command !== undefined)
        throw new AuthorizedKeysError('more than one command option', lineNumber);
      out.command = value;
      return;
    case 'environment': {
      const eq = value.indexOf('=');
      const envName = value.slice(0, eq);
      if (eq <= 0 || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(envName)) {
        throw new AuthorizedKeysError(`invalid environment assignment '${value}'`, lineNumber);
      }
      const env: Record<string, string> = Object.assign(Object.create(null), out.environment);
      if (!Object.hasOwn(env, envName)) env[envName] = value.slice(eq + 1);
      out.environment = env;
      return;
    }
    case 'from':
    case 'principals': {
      const list = splitPatternList(value);
      if (list.length === 0) throw new AuthorizedKeysError(`empty ${name} list`, lineNumber);
      const bad = name === 'from' ? findBadCidr(list) : undefined;
      if (bad !== undefined)
        throw new AuthorizedKeysError(`invalid address/mask '${bad}' in from`, lineNumber);
      out[name] = [...((out[name] as readonly string[] | undefined) ?? []), ...list];
      clauses[name].push(list);
      return;
    }
    case 'permitopen':
    case 'permitlisten': {
      const target = parsePermitTarget(value, name === 'permitlisten', lineNumber);
      out[name] = [...((out[name] as readonly PermitTarget[] | undefined) ?? []), target];
      return;
    }
    case 'expiry-time': {
      const t = parseExpiryTime(value, lineNumber);
      const prev = out['expiry-time'] as Date | undefined;
      if (prev === undefined || t < prev) out['expiry-time'] = t;
      return;
    }
    case 'tunnel': {
      if (out.tunnel !== undefined) throw new AuthorizedKeysError('more than one tunnel option', lineNumber);
      if (!/^\d{1,10}$/.test(value) || Number(value) > 0x7fffffff) {
        throw new AuthorizedKeysError(`invalid tunnel device '${value}'`, lineNumber);
      }
      out.tunnel = Number(value);
      return;
    }
    default: {
      const prev = out[name];
      out[name] = [...(Array.isArray(prev) ? (prev as string[]) : []), value];
    }
  }
}

/**
 * Interpret the options of a line (names are case-insensitive and stored
 * lower-case; `from` and `principals` are also collected per occurrence in
 * `clauses`). Known value options are checked (environment names, ports,
 * CIDR masks, expiry times, tunnel numbers); unknown ones are kept.
 */
export function interpretOptions(
  raw: readonly RawOption[],
  lineNumber = 0,
  clauses: OptionClauses = { from: [], principals: [] },
): AuthorizedKeyOptions {
  const out: MutableOptions = Object.create(null);
  for (const { name: rawName, value } of raw) {
    const name = rawName.toLowerCase();
    if (FLAG_OPTIONS.has(name)) {
      if (value !== null) throw new AuthorizedKeysError(`option '${rawName}' takes no value`, lineNumber);
      out[name] = true;
    } else if (value === null) {
      if (VALUE_OPTIONS.has(name)) {
        throw new AuthorizedKeysError(`option '${rawName}' needs a value`, lineNumber);
      }
      if (out[name] === undefined) out[name] = true;
    } else {
      addValued(out, clauses, name, value, lineNumber);
    }
  }
  return out;
}
