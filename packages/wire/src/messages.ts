/**
 * SSH message numbers (RFC 4250 §4.1 and the RFCs that define each block).
 * Numbers 30-49 and 60-79 are reused by each key exchange or authentication
 * method; `messageName` tells them apart given a context.
 */

// Message number ranges (RFC 4250 §4.1.1).
/** First transport-layer generic message number. */
export const MSG_TRANSPORT_FIRST = 1;
/** Last transport-layer generic message number. */
export const MSG_TRANSPORT_LAST = 19;
/** First key-exchange-method-specific message number. */
export const MSG_KEX_FIRST = 30;
/** Last key-exchange-method-specific message number. */
export const MSG_KEX_LAST = 49;
/** First user-authentication-method-specific message number. */
export const MSG_USERAUTH_FIRST = 60;
/** Last user-authentication-method-specific message number. */
export const MSG_USERAUTH_LAST = 79;
/** First channel-related message number. */
export const MSG_CHANNEL_FIRST = 90;
/** Last channel-related message number. */
export const MSG_CHANNEL_LAST = 127;
/** First message number reserved for local extensions. */
export const MSG_LOCAL_FIRST = 192;

// Transport layer generic (RFC 4253 §12, RFC 8308 §2.3 and §3.2).
/** Disconnect: the sender is closing the connection. */
export const MSG_DISCONNECT = 1;
/** Ignore: data the receiver must ignore. */
export const MSG_IGNORE = 2;
/** Unimplemented: reply to a message the receiver does not know. */
export const MSG_UNIMPLEMENTED = 3;
/** Debug: a message the receiver may display. */
export const MSG_DEBUG = 4;
/** Service request (e.g. 'ssh-userauth'). */
export const MSG_SERVICE_REQUEST = 5;
/** Service accept. */
export const MSG_SERVICE_ACCEPT = 6;
/** Extension negotiation (RFC 8308). */
export const MSG_EXT_INFO = 7;
/** Delayed compression activation (RFC 8308 §3.2). */
export const MSG_NEWCOMPRESS = 8;

// Algorithm negotiation (RFC 4253 §7).
/** Key exchange init: the algorithm lists of one side. */
export const MSG_KEXINIT = 20;
/** New keys: the sender switches to the new keys. */
export const MSG_NEWKEYS = 21;

// Diffie-Hellman key exchange (RFC 4253 §8).
/** DH init: the client's public value e. */
export const MSG_KEXDH_INIT = 30;
/** DH reply: host key, f and signature. */
export const MSG_KEXDH_REPLY = 31;

// Diffie-Hellman group exchange (RFC 4419 §5).
/** Old-style group request (single preferred size). */
export const MSG_KEX_DH_GEX_REQUEST_OLD = 30;
/** Group exchange: the server's chosen group p, g. */
export const MSG_KEX_DH_GEX_GROUP = 31;
/** Group exchange init: the client's public value e. */
export const MSG_KEX_DH_GEX_INIT = 32;
/** Group exchange reply: host key, f and signature. */
export const MSG_KEX_DH_GEX_REPLY = 33;
/** Group exchange request: min, preferred and max group sizes. */
export const MSG_KEX_DH_GEX_REQUEST = 34;

// Elliptic curve Diffie-Hellman (RFC 5656 §7.1, also curve25519/448 of RFC 8731).
/** ECDH init: the client's ephemeral public key. */
export const MSG_KEX_ECDH_INIT = 30;
/** ECDH reply: host key, server ephemeral key and signature. */
export const MSG_KEX_ECDH_REPLY = 31;

// Post-quantum hybrid / KEM key exchange (draft-ietf-sshm-mlkem-hybrid-kex).
/** Hybrid init: the client's KEM public key and ECDH share. */
export const MSG_KEX_HYBRID_INIT = 30;
/** Hybrid reply: host key, KEM ciphertext, ECDH share and signature. */
export const MSG_KEX_HYBRID_REPLY = 31;

// RSA key exchange (RFC 4432 §4).
/** RSA kex: the server's host key and transient RSA key. */
export const MSG_KEXRSA_PUBKEY = 30;
/** RSA kex: the client's encrypted secret. */
export const MSG_KEXRSA_SECRET = 31;
/** RSA kex: the server's signature. */
export const MSG_KEXRSA_DONE = 32;

// GSS-API key exchange (RFC 4462 §2).
/** GSS kex init. */
export const MSG_KEXGSS_INIT = 30;
/** GSS kex continue. */
export const MSG_KEXGSS_CONTINUE = 31;
/** GSS kex complete. */
export const MSG_KEXGSS_COMPLETE = 32;
/** GSS kex host key. */
export const MSG_KEXGSS_HOSTKEY = 33;
/** GSS kex error. */
export const MSG_KEXGSS_ERROR = 34;
/** GSS group exchange request. */
export const MSG_KEXGSS_GROUPREQ = 40;
/** GSS group exchange group. */
export const MSG_KEXGSS_GROUP = 41;

// User authentication generic (RFC 4252 §6).
/** Authentication request. */
export const MSG_USERAUTH_REQUEST = 50;
/** Authentication failure, with the methods that can continue. */
export const MSG_USERAUTH_FAILURE = 51;
/** Authentication success. */
export const MSG_USERAUTH_SUCCESS = 52;
/** Banner text to show before authentication. */
export const MSG_USERAUTH_BANNER = 53;

// Method-specific user authentication (RFC 4252 §7 and §8, RFC 4256 §3).
/** Public key acceptable (publickey method). */
export const MSG_USERAUTH_PK_OK = 60;
/** Password change requested (password method). */
export const MSG_USERAUTH_PASSWD_CHANGEREQ = 60;
/** Keyboard-interactive prompts. */
export const MSG_USERAUTH_INFO_REQUEST = 60;
/** Keyboard-interactive answers. */
export const MSG_USERAUTH_INFO_RESPONSE = 61;

// GSS-API user authentication (RFC 4462 §3).
/** GSS-API mechanism chosen by the server. */
export const MSG_USERAUTH_GSSAPI_RESPONSE = 60;
/** GSS-API token. */
export const MSG_USERAUTH_GSSAPI_TOKEN = 61;
/** GSS-API exchange complete (no MIC). */
export const MSG_USERAUTH_GSSAPI_EXCHANGE_COMPLETE = 63;
/** GSS-API error status. */
export const MSG_USERAUTH_GSSAPI_ERROR = 64;
/** GSS-API error token. */
export const MSG_USERAUTH_GSSAPI_ERRTOK = 65;
/** GSS-API message integrity code. */
export const MSG_USERAUTH_GSSAPI_MIC = 66;

// Connection protocol generic (RFC 4254 §4).
/** Global request. */
export const MSG_GLOBAL_REQUEST = 80;
/** Global request succeeded. */
export const MSG_REQUEST_SUCCESS = 81;
/** Global request failed. */
export const MSG_REQUEST_FAILURE = 82;

// Channel-related messages (RFC 4254 §5 and §6).
/** Channel open. */
export const MSG_CHANNEL_OPEN = 90;
/** Channel open confirmed. */
export const MSG_CHANNEL_OPEN_CONFIRMATION = 91;
/** Channel open failed. */
export const MSG_CHANNEL_OPEN_FAILURE = 92;
/** Window adjust. */
export const MSG_CHANNEL_WINDOW_ADJUST = 93;
/** Channel data. */
export const MSG_CHANNEL_DATA = 94;
/** Extended channel data (e.g. stderr). */
export const MSG_CHANNEL_EXTENDED_DATA = 95;
/** Channel end of file. */
export const MSG_CHANNEL_EOF = 96;
/** Channel close. */
export const MSG_CHANNEL_CLOSE = 97;
/** Channel request. */
export const MSG_CHANNEL_REQUEST = 98;
/** Channel request succeeded. */
export const MSG_CHANNEL_SUCCESS = 99;
/** Channel request failed. */
export const MSG_CHANNEL_FAILURE = 100;

// Local extensions (OpenSSH PROTOCOL §1.9, transport-level ping).
/** OpenSSH ping@openssh.com ping. */
export const MSG_PING = 192;
/** OpenSSH ping@openssh.com pong. */
export const MSG_PONG = 193;
