/** Channel open failure reason codes (RFC 4254 §5.1, RFC 4250 §4.3). */

/** The peer refuses to open this channel by policy. */
export const OPEN_ADMINISTRATIVELY_PROHIBITED = 1;
/** The peer could not connect to the requested destination. */
export const OPEN_CONNECT_FAILED = 2;
/** The peer does not know the requested channel type. */
export const OPEN_UNKNOWN_CHANNEL_TYPE = 3;
/** The peer lacks the resources to open another channel. */
export const OPEN_RESOURCE_SHORTAGE = 4;

// AsyncSSH-internal codes: reported locally when a request made while opening a session fails.
/** AsyncSSH-internal: the X11 forwarding request of a new session failed. */
export const OPEN_REQUEST_X11_FORWARDING_FAILED = 0xfffffffd;
/** AsyncSSH-internal: the PTY request of a new session failed. */
export const OPEN_REQUEST_PTY_FAILED = 0xfffffffe;
/** AsyncSSH-internal: the shell, exec or subsystem request of a new session failed. */
export const OPEN_REQUEST_SESSION_FAILED = 0xffffffff;

/** Descriptions of the channel open failure codes, for messages and logs. */
export const CHANNEL_OPEN_FAILURE_NAMES: Readonly<Record<number, string>> = {
  [OPEN_ADMINISTRATIVELY_PROHIBITED]: 'administratively prohibited',
  [OPEN_CONNECT_FAILED]: 'connect failed',
  [OPEN_UNKNOWN_CHANNEL_TYPE]: 'unknown channel type',
  [OPEN_RESOURCE_SHORTAGE]: 'resource shortage',
  [OPEN_REQUEST_X11_FORWARDING_FAILED]: 'X11 forwarding request failed',
  [OPEN_REQUEST_PTY_FAILED]: 'PTY request failed',
  [OPEN_REQUEST_SESSION_FAILED]: 'session request failed',
};
