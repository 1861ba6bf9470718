/** Protocol defaults AsyncSSH 2.21 uses where the caller gives none. */

/** Language tag sent with disconnect and other human-readable messages. */
export const DEFAULT_LANG = 'en-US';
/** The SSH TCP port. */
export const DEFAULT_PORT = 22;
/** Receive window of a new channel, in bytes (2 MiB). */
export const DEFAULT_WINDOW = 2 * 1024 * 1024;
/** Largest data packet a new channel accepts, in bytes (32 KiB). */
export const DEFAULT_MAX_PKTSIZE = 32768;
/** Bytes sent before the session keys are renegotiated (1 GiB). */
export const DEFAULT_REKEY_BYTES = 1 << 30;
/** Seconds before the session keys are renegotiated (1 hour). */
export const DEFAULT_REKEY_SECONDS = 3600;
/** Seconds allowed for authentication to complete (2 minutes). */
export const DEFAULT_LOGIN_TIMEOUT = 120;
/** Seconds of silence before a keepalive is sent; 0 disables keepalives. */
export const DEFAULT_KEEPALIVE_INTERVAL = 0;
/** Unanswered keepalives allowed before the connection is dropped. */
export const DEFAULT_KEEPALIVE_COUNT_MAX = 3;
