import { formatMessage } from './format.js';
import {
  CRITICAL,
  checkLevel,
  DEBUG,
  ERROR,
  INFO,
  type LogLevel,
  levelName,
  NOTSET,
  WARNING,
} from './levels.js';

/** One log message as a handler receives it. */
export interface LogRecord {
  /** The name of the logger it was logged on ('asyncssh', 'asyncssh.sftp'). */
  readonly name: string;
  /** The level number (DEBUG=10 ... CRITICAL=50). */
  readonly level: number;
  /** The level name ('DEBUG'). */
  readonly levelName: string;
  /** The formatted message, with its context prefix and any packet dump. */
  readonly message: string;
  /** When it was logged, in milliseconds since the epoch. */
  readonly time: number;
}

/** A function that receives log records: the sink a user plugs in. */
export type LogHandler = (record: LogRecord) => void;

/** A message, or a function computing it that is called only when the message is logged. */
export type LogMessage = string | (() => string);

/** The default sink: the global console, one method per level. */
export const consoleHandler: LogHandler = (record) => {
  const line = `${record.levelName}:${record.name}:${record.message}`;
  if (record.level >= ERROR) console.error(line);
  else if (record.level >= WARNING) console.warn(line);
  else if (record.level >= INFO) console.info(line);
  else console.debug(line);
};

/**
 * A named logger in a hierarchy like Python's `logging`: a level of NOTSET
 * follows the parent; a record goes to the nearest handler up the chain.
 */
export class Logger {
  /** Dotted name: 'asyncssh', 'asyncssh.sftp'; the root is 'root'. */
  readonly name: string;
  /** The parent logger; null for the root. */
  readonly parent: Logger | null;
  private ownLevel = NOTSET;
  private ownHandler: LogHandler | null = null;

  constructor(name: string, parent: Logger | null, level = NOTSET) {
    this.name = name;
    this.parent = parent;
    this.ownLevel = level;
  }

  /** This logger's own level (NOTSET when it follows its parent). */
  get level(): number {
    return this.ownLevel;
  }

  /** Set this logger's level, as a number or a name ('DEBUG'). */
  setLevel(level: LogLevel): void {
    this.ownLevel = checkLevel(level);
  }

  /** The level in force: this logger's, or the nearest ancestor's that is set. */
  getEffectiveLevel(): number {
    for (let l: Logger | null = this; l; l = l.parent) {
      if (l.ownLevel !== NOTSET) return l.ownLevel;
    }
    return NOTSET;
  }

  /** True when a message of this level would be logged. */
  isEnabledFor(level: number): boolean {
    return level >= this.getEffectiveLevel();
  }

  /** Set (or with null, remove) the handler of this logger and its descendants without one. */
  setHandler(handler: LogHandler | null): void {
    this.ownHandler = handler;
  }

  /** The handler records of this logger go to. */
  getHandler(): LogHandler | null {
    for (let l: Logger | null = this; l; l = l.parent) {
      if (l.ownHandler) return l.ownHandler;
    }
    return null;
  }

  /** The child logger named `${this.name}.${suffix}`. */
  getChild(suffix: string): Logger {
    return getLogger(this === rootLogger ? suffix : `${this.name}.${suffix}`);
  }

  /** Log a message (with %s-style arguments) at a level, if that level is enabled. */
  log(level: number, msg: LogMessage, ...args: unknown[]): void {
    if (!this.isEnabledFor(level)) return;
    this.emit(level, formatMessage(typeof msg === 'function' ? msg() : msg, args));
  }

  /** Hand an already formatted message to the handler; no level check. */
  emit(level: number, message: string): void {
    const handler = this.getHandler();
    if (!handler) return;
    try {
      handler({ name: this.name, level, levelName: levelName(level), message, time: Date.now() });
    } catch (e) {
      // A failing sink must not break the connection that is logging.
      console.error('log handler failed:', e);
    }
  }

  /** Log at DEBUG. */
  debug(msg: LogMessage, ...args: unknown[]): void {
    this.log(DEBUG, msg, ...args);
  }

  /** Log at INFO. */
  info(msg: LogMessage, ...args: unknown[]): void {
    this.log(INFO, msg, ...args);
  }

  /** Log at WARNING. */
  warning(msg: LogMessage, ...args: unknown[]): void {
    this.log(WARNING, msg, ...args);
  }

  /** Log at ERROR. */
  error(msg: LogMessage, ...args: unknown[]): void {
    this.log(ERROR, msg, ...args);
  }

  /** Log at CRITICAL. */
  critical(msg: LogMessage, ...args: unknown[]): void {
    this.log(CRITICAL, msg, ...args);
  }
}

const rootLogger = new Logger('root', null, WARNING);
rootLogger.setHandler(consoleHandler);
const registry = new Map<string, Logger>();

/** The names of the loggers this library logs to; any other dotted name is allowed too. */
export type LoggerName = 'asyncssh' | 'asyncssh.sftp' | (string & {});

/**
 * The logger of a name, created on first use: 'asyncssh' (all library
 * messages) or its child 'asyncssh.sftp' (SFTP and SCP). With no name (or
 * '' or 'root'), the root logger: level WARNING, handler the console.
 */
export function getLogger(name: LoggerName = ''): Logger {
  if (name === '' || name === 'root') return rootLogger;
  const known = registry.get(name);
  if (known) return known;
  const dot = name.lastIndexOf('.');
  const parent = dot > 0 ? getLogger(name.slice(0, dot)) : rootLogger;
  const created = new Logger(name, parent);
  registry.set(name, created);
  return created;
}
