import {
  DISC_COMPRESSION_ERROR,
  DISC_CONNECTION_LOST,
  DISC_HOST_KEY_NOT_VERIFIABLE,
  DISC_ILLEGAL_USER_NAME,
  DISC_KEY_EXCHANGE_FAILED,
  DISC_MAC_ERROR,
  DISC_NO_MORE_AUTH_METHODS_AVAILABLE,
  DISC_PROTOCOL_ERROR,
  DISC_PROTOCOL_VERSION_NOT_SUPPORTED,
  DISC_SERVICE_NOT_AVAILABLE,
} from './constants/disconnect.js';

/** A fatal SSH error that ends the connection, carrying a disconnect reason code. */
export class DisconnectError extends Error {
  /** The DISC_* reason code sent to or received from the peer. */
  readonly code: number;
  /** A human-readable reason. */
  readonly reason: string;
  /** The language tag of the reason. */
  readonly lang: string;

  constructor(code: number, reason: string, lang = 'en-US', options?: ErrorOptions) {
    super(reason, options);
    this.name = new.target.name;
    this.code = code;
    this.reason = reason;
    this.lang = lang;
  }
}

/** Compression or decompression of a packet failed. */
export class CompressionError extends DisconnectError {
  constructor(reason: string, lang?: string, options?: ErrorOptions) {
    super(DISC_COMPRESSION_ERROR, reason, lang, options);
  }
}

/** The connection was lost: the peer went away, a keepalive went unanswered or login timed out. */
export class ConnectionLost extends DisconnectError {
  constructor(reason: string, lang?: string, options?: ErrorOptions) {
    super(DISC_CONNECTION_LOST, reason, lang, options);
  }
}

/** The server host key or certificate is not trusted. */
export class HostKeyNotVerifiable extends DisconnectError {
  constructor(reason: string, lang?: string, options?: ErrorOptions) {
    super(DISC_HOST_KEY_NOT_VERIFIABLE, reason, lang, options);
  }
}

/** The user name given during authentication is not acceptable. */
export class IllegalUserName extends DisconnectError {
  constructor(reason: string, lang?: string, options?: ErrorOptions) {
    super(DISC_ILLEGAL_USER_NAME, reason, lang, options);
  }
}

/** The key exchange could not complete. */
export class KeyExchangeFailed extends DisconnectError {
  constructor(reason: string, lang?: string, options?: ErrorOptions) {
    super(DISC_KEY_EXCHANGE_FAILED, reason, lang, options);
  }
}

/** The integrity check of a received packet failed. */
export class MACError extends DisconnectError {
  constructor(reason: string, lang?: string, options?: ErrorOptions) {
    super(DISC_MAC_ERROR, reason, lang, options);
  }
}

/** The client ran out of authentication methods. */
export class PermissionDenied extends DisconnectError {
  constructor(reason: string, lang?: string, options?: ErrorOptions) {
    super(DISC_NO_MORE_AUTH_METHODS_AVAILABLE, reason, lang, options);
  }
}

/** The peer sent malformed or unexpected protocol data. */
export class ProtocolError extends DisconnectError {
  constructor(reason: string, lang?: string, options?: ErrorOptions) {
    super(DISC_PROTOCOL_ERROR, reason, lang, options);
  }
}

/**
 * The peer's SSH protocol version is not supported. Raised locally with
 * DISC_PROTOCOL_ERROR, as AsyncSSH does; a received
 * DISC_PROTOCOL_VERSION_NOT_SUPPORTED also maps here.
 */
export class ProtocolNotSupported extends DisconnectError {
  constructor(reason: string, lang?: string, options?: ErrorOptions, code = DISC_PROTOCOL_ERROR) {
    super(code, reason, lang, options);
  }
}

/** The peer asked for a service that is not available. */
export class ServiceNotAvailable extends DisconnectError {
  constructor(reason: string, lang?: string, options?: ErrorOptions) {
    super(DISC_SERVICE_NOT_AVAILABLE, reason, lang, options);
  }
}

/**
 * Malformed SSH wire data: a truncated field, a length past the end, a
 * non-canonical mpint, a bad name. The message names the field and the offset.
 */
export class WireError extends ProtocolError {
  /** The field being decoded or encoded when the error occurred. */
  readonly field: string;
  /** The byte offset of that field in the buffer (-1 when encoding). */
  readonly offset: number;

  constructor(field: string, offset: number, problem: string) {
    super(offset >= 0 ? `${field} at offset ${offset}: ${problem}` : `${field}: ${problem}`);
    this.field = field;
    this.offset = offset;
  }
}

/** Build the error subclass matching a disconnect code received from a peer. */
export function disconnectErrorFromCode(code: number, reason: string, lang = 'en-US'): DisconnectError {
  switch (code) {
    case DISC_COMPRESSION_ERROR:
      return new CompressionError(reason, lang);
    case DISC_CONNECTION_LOST:
      return new ConnectionLost(reason, lang);
    case DISC_HOST_KEY_NOT_VERIFIABLE:
      return new HostKeyNotVerifiable(reason, lang);
    case DISC_ILLEGAL_USER_NAME:
      return new IllegalUserName(reason, lang);
    case DISC_KEY_EXCHANGE_FAILED:
      return new KeyExchangeFailed(reason, lang);
    case DISC_MAC_ERROR:
      return new MACError(reason, lang);
    case DISC_NO_MORE_AUTH_METHODS_AVAILABLE:
      return new PermissionDenied(reason, lang);
    case DISC_PROTOCOL_ERROR:
      return new ProtocolError(reason, lang);
    case DISC_PROTOCOL_VERSION_NOT_SUPPORTED:
      return new ProtocolNotSupported(reason, lang, undefined, DISC_PROTOCOL_VERSION_NOT_SUPPORTED);
    case DISC_SERVICE_NOT_AVAILABLE:
      return new ServiceNotAvailable(reason, lang);
    default:
      return new DisconnectError(code, reason, lang);
  }
}

/**
 * A value given by the caller (not the peer) is malformed: a bad byte count,
 * time interval or log level. The counterpart of Python's ValueError.
 */
export class ValueError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ValueError';
  }
}
