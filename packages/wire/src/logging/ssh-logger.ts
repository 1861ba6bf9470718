import { ValueError } from '../errors.js';
import { formatMessage, hexDump } from './format.js';
import { CRITICAL, DEBUG, ERROR, INFO, type LogLevel, WARNING } from './levels.js';
import { getLogger, type Logger, type LogHandler, type LogMessage } from './logger.js';

let debugLevel = 1;

function joinContext(outer: string, inner: string): string {
  if (!inner) return outer;
  return outer ? `${outer}, ${inner}` : inner;
}

/**
 * A logger that tags each message with its context, such as
 * '[conn=0, chan=1] ...'. Connections, channels, streams, processes and SFTP
 * clients and servers expose one as `.logger`; `getChild` adds context.
 * Nothing is formatted unless the level is enabled, and a message may be a
 * function that is called only then.
 */
export class SSHLogger {
  /** The named logger messages go to. */
  readonly logger: Logger;
  /** The context prefix, e.g. 'conn=0, chan=1' ('' for none). */
  readonly context: string;

  constructor(parent: Logger = getLogger('asyncssh'), child = '', context = '') {
    this.logger = child ? parent.getChild(child) : parent;
    this.context = context;
  }

  /** A logger for a child name ('sftp') and/or with more context ('chan=3'). */
  getChild(child = '', context = ''): SSHLogger {
    return new SSHLogger(this.logger, child, joinContext(this.context, context));
  }

  /** True when a message of this level would be logged. */
  isEnabledFor(level: number): boolean {
    return this.logger.isEnabledFor(level);
  }

  /** Log a message (with %s-style arguments) at a level, prefixed with the context. */
  log(level: number, msg: LogMessage, ...args: unknown[]): void {
    if (!this.logger.isEnabledFor(level)) return;
    this.write(level, this.context, msg, args, '');
  }

  private write(level: number, context: string, msg: LogMessage, args: unknown[], suffix: string): void {
    const text = formatMessage(typeof msg === 'function' ? msg() : msg, args);
    this.logger.emit(level, `${context ? `[${context}] ` : ''}${text}${suffix}`);
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

  /** A debug message shown at every debug level (1 minimal). */
  debug1(msg: LogMessage, ...args: unknown[]): void {
    this.log(DEBUG, msg, ...args);
  }

  /** A debug message shown at debug level 2 (full) and above. */
  debug2(msg: LogMessage, ...args: unknown[]): void {
    if (debugLevel >= 2) this.log(DEBUG, msg, ...args);
  }

  /** A debug message shown only at debug level 3 (full plus packet dumps). */
  debug3(msg: LogMessage, ...args: unknown[]): void {
    if (debugLevel >= 3) this.log(DEBUG, msg, ...args);
  }

  /**
   * At debug level 3, log a message followed by a hex dump of a packet,
   * tagged 'pktid=N' when a packet id is given. May expose passwords.
   */
  packet(pktid: number | bigint | null, packet: Uint8Array, msg: LogMessage, ...args: unknown[]): void {
    if (debugLevel < 3 || !this.logger.isEnabledFor(DEBUG)) return;
    const context = pktid === null ? this.context : joinContext(this.context, `pktid=${pktid}`);
    this.write(DEBUG, context, msg, args, hexDump(packet));
  }
}

/** The library's main context logger, on 'asyncssh'. */
export const logger = new SSHLogger();

/** The SFTP and SCP context logger, on 'asyncssh.sftp'. */
export const sftpLogger = logger.getChild('sftp');

/**
 * Set the level of the 'asyncssh' logger (a number or a name like 'DEBUG').
 * It starts at NOTSET, following the root logger (WARNING).
 */
export function setLogLevel(level: LogLevel): void {
  logger.logger.setLevel(level);
}

/**
 * Set the level of the 'asyncssh.sftp' logger used by SFTP and SCP.
 * It starts at NOTSET, following the 'asyncssh' logger.
 */
export function setSftpLogLevel(level: LogLevel): void {
  sftpLogger.logger.setLevel(level);
}

/**
 * Set how much is logged at DEBUG: 1 minimal (the default), 2 full, 3 full
 * plus packet dumps (which can expose passwords). Has effect only when the
 * logger's level is DEBUG. Throws ValueError outside 1-3.
 */
export function setDebugLevel(level: number): void {
  if (!Number.isInteger(level) || level < 1 || level > 3) {
    throw new ValueError('Debug log level must be between 1 and 3');
  }
  debugLevel = level;
}

/** The debug level set with `setDebugLevel` (1-3). */
export function getDebugLevel(): number {
  return debugLevel;
}

/** Set the handler of the 'asyncssh' loggers (null goes back to the root's console handler). */
export function setLogHandler(handler: LogHandler | null): void {
  logger.logger.setHandler(handler);
}
