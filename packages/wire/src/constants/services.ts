/** Service names requested with MSG_SERVICE_REQUEST (RFC 4250 §4.9.1, RFC 4253 §10). */

/** The user authentication service (RFC 4252). */
export const SERVICE_USERAUTH = 'ssh-userauth';
/** The connection service, started by an authentication request (RFC 4254). */
export const SERVICE_CONNECTION = 'ssh-connection';
