/** Disconnect reason codes (RFC 4253 §11.1, RFC 4250 §4.2.2). */
export const DISC_HOST_NOT_ALLOWED_TO_CONNECT = 1;
export const DISC_PROTOCOL_ERROR = 2;
export const DISC_KEY_EXCHANGE_FAILED = 3;
export const DISC_RESERVED = 4;
export const DISC_MAC_ERROR = 5;
export const DISC_COMPRESSION_ERROR = 6;
export const DISC_SERVICE_NOT_AVAILABLE = 7;
export const DISC_PROTOCOL_VERSION_NOT_SUPPORTED = 8;
export const DISC_HOST_KEY_NOT_VERIFIABLE = 9;
export const DISC_CONNECTION_LOST = 10;
export const DISC_BY_APPLICATION = 11;
export const DISC_TOO_MANY_CONNECTIONS = 12;
export const DISC_AUTH_CANCELLED_BY_USER = 13;
export const DISC_NO_MORE_AUTH_METHODS_AVAILABLE = 14;
export const DISC_ILLEGAL_USER_NAME = 15;

/** Names of the disconnect reason codes, for messages and logs. */
export const DISCONNECT_REASON_NAMES: Readonly<Record<number, string>> = {
  1: 'host not allowed to connect',
  2: 'protocol error',
  3: 'key exchange failed',
  4: 'reserved',
  5: 'MAC error',
  6: 'compression error',
  7: 'service not available',
  8: 'protocol version not supported',
  9: 'host key not verifiable',
  10: 'connection lost',
  11: 'disconnected by application',
  12: 'too many connections',
  13: 'auth cancelled by user',
  14: 'no more auth methods available',
  15: 'illegal user name',
};
