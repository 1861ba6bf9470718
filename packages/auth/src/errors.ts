import { ValueError } from '@ssh/wire';

/**
 * A known_hosts line could not be parsed: an unknown `@marker`, a line with
 * no key, a malformed `|1|salt|hash` entry. AsyncSSH raises ValueError here;
 * this is a ValueError too, with the line number (1-based, 0 when unknown).
 */
export class KnownHostsError extends ValueError {
  /** The 1-based line number in the text, or 0 when not known. */
  readonly lineNumber: number;

  constructor(message: string, lineNumber = 0, options?: ErrorOptions) {
    super(lineNumber > 0 ? `known_hosts line ${lineNumber}: ${message}` : message, options);
    this.name = 'KnownHostsError';
    this.lineNumber = lineNumber;
  }
}

/**
 * An authorized_keys line could not be parsed: an unterminated quote, a bad
 * option value (environment, permitopen, from, expiry-time, tunnel...).
 * A ValueError (AsyncSSH's name) carrying the 1-based line number.
 */
export class AuthorizedKeysError extends ValueError {
  /** The 1-based line number in the text, or 0 when not known. */
  readonly lineNumber: number;

  constructor(message: string, lineNumber = 0, options?: ErrorOptions) {
    super(lineNumber > 0 ? `authorized_keys line ${lineNumber}: ${message}` : message, options);
    this.name = 'AuthorizedKeysError';
    this.lineNumber = lineNumber;
  }
}

/**
 * Base of every ssh-agent error. AsyncSSH raises ValueError when the agent
 * refuses a request; this is a ValueError as well.
 */
export class AgentError extends ValueError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The agent answered SSH_AGENT_FAILURE (or an extension failure) to a request. */
export class AgentFailure extends AgentError {
  /** The request that failed ('sign', 'add identity', 'lock', ...). */
  readonly request: string;

  constructor(request: string, detail?: string) {
    super(`ssh-agent refused ${request}${detail ? `: ${detail}` : ''}`);
    this.request = request;
  }
}

/** The agent sent a reply that is truncated, oversized, of the wrong type or malformed. */
export class AgentProtocolError extends AgentError {}

/**
 * The connection to the agent could not be opened, was closed, or failed.
 * `code` is the system error code (ENOENT, ECONNREFUSED...) when there is one.
 */
export class AgentConnectionError extends AgentError {
  /** The system error code, when the cause had one. */
  readonly code: string | undefined;

  constructor(message: string, code?: string, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
  }
}
