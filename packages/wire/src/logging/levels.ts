import { ValueError } from '../errors.js';

// Log levels with Python's logging numbers, which AsyncSSH's API exposes.
/** No level set: follow the parent logger. */
export const NOTSET = 0;
/** Debug messages (AsyncSSH's debug1..3 and packet dumps log here). */
export const DEBUG = 10;
/** Informational messages: connections opened and closed, auth results. */
export const INFO = 20;
/** Something unexpected that the library recovered from. */
export const WARNING = 30;
/** An operation failed. */
export const ERROR = 40;
/** A failure the application cannot go on from. */
export const CRITICAL = 50;

/** The Python logging level numbers by name, e.g. `LogLevels.DEBUG` (10). */
export const LogLevels = Object.freeze({ NOTSET, DEBUG, INFO, WARNING, ERROR, CRITICAL });

/** A log level: a number, or a Python level name such as 'DEBUG'. */
export type LogLevel =
  | number
  | 'NOTSET'
  | 'DEBUG'
  | 'INFO'
  | 'WARNING'
  | 'WARN'
  | 'ERROR'
  | 'CRITICAL'
  | 'FATAL';

const BY_NAME: Readonly<Record<string, number>> = {
  NOTSET,
  DEBUG,
  INFO,
  WARNING,
  WARN: WARNING,
  ERROR,
  CRITICAL,
  FATAL: CRITICAL,
};

const NAMES: Readonly<Record<number, string>> = {
  [NOTSET]: 'NOTSET',
  [DEBUG]: 'DEBUG',
  [INFO]: 'INFO',
  [WARNING]: 'WARNING',
  [ERROR]: 'ERROR',
  [CRITICAL]: 'CRITICAL',
};

/** The name of a level ('DEBUG'), or 'Level N' for a number without one, as Python prints it. */
export function levelName(level: number): string {
  return NAMES[level] ?? `Level ${level}`;
}

/**
 * Turn a level given as a number or an (upper-case) name into its number.
 * Throws ValueError for an unknown name and TypeError for a non-integer.
 */
export function checkLevel(level: number | string): number {
  if (typeof level === 'number') {
    if (!Number.isInteger(level)) throw new TypeError(`Level not an integer or a valid string: ${level}`);
    return level;
  }
  if (typeof level === 'string') {
    const n = Object.hasOwn(BY_NAME, level) ? BY_NAME[level] : undefined;
    if (n === undefined) throw new ValueError(`Unknown level: '${level}'`);
    return n;
  }
  throw new TypeError(`Level not an integer or a valid string: ${String(level)}`);
}
