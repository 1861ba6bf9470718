/**
 * A key exchange family or user authentication method, used to name the
 * method-specific message numbers 30-49 and 60-79. A kex algorithm name such
 * as 'curve25519-sha256' or 'diffie-hellman-group-exchange-sha256' is also
 * accepted and mapped to its family.
 */
export type MessageContext =
  | 'dh'
  | 'gex'
  | 'ecdh'
  | 'hybrid'
  | 'rsa'
  | 'gss'
  | 'publickey'
  | 'password'
  | 'keyboard-interactive'
  | 'gssapi-with-mic'
  | (string & {});

const GENERIC: Readonly<Record<number, string>> = {
  1: 'MSG_DISCONNECT',
  2: 'MSG_IGNORE',
  3: 'MSG_UNIMPLEMENTED',
  4: 'MSG_DEBUG',
  5: 'MSG_SERVICE_REQUEST',
  6: 'MSG_SERVICE_ACCEPT',
  7: 'MSG_EXT_INFO',
  8: 'MSG_NEWCOMPRESS',
  20: 'MSG_KEXINIT',
  21: 'MSG_NEWKEYS',
  50: 'MSG_USERAUTH_REQUEST',
  51: 'MSG_USERAUTH_FAILURE',
  52: 'MSG_USERAUTH_SUCCESS',
  53: 'MSG_USERAUTH_BANNER',
  80: 'MSG_GLOBAL_REQUEST',
  81: 'MSG_REQUEST_SUCCESS',
  82: 'MSG_REQUEST_FAILURE',
  90: 'MSG_CHANNEL_OPEN',
  91: 'MSG_CHANNEL_OPEN_CONFIRMATION',
  92: 'MSG_CHANNEL_OPEN_FAILURE',
  93: 'MSG_CHANNEL_WINDOW_ADJUST',
  94: 'MSG_CHANNEL_DATA',
  95: 'MSG_CHANNEL_EXTENDED_DATA',
  96: 'MSG_CHANNEL_EOF',
  97: 'MSG_CHANNEL_CLOSE',
  98: 'MSG_CHANNEL_REQUEST',
  99: 'MSG_CHANNEL_SUCCESS',
  100: 'MSG_CHANNEL_FAILURE',
  192: 'MSG_PING',
  193: 'MSG_PONG',
};

const BY_CONTEXT: Readonly<Record<string, Readonly<Record<number, string>>>> = {
  dh: { 30: 'MSG_KEXDH_INIT', 31: 'MSG_KEXDH_REPLY' },
  gex: {
    30: 'MSG_KEX_DH_GEX_REQUEST_OLD',
    31: 'MSG_KEX_DH_GEX_GROUP',
    32: 'MSG_KEX_DH_GEX_INIT',
    33: 'MSG_KEX_DH_GEX_REPLY',
    34: 'MSG_KEX_DH_GEX_REQUEST',
  },
  ecdh: { 30: 'MSG_KEX_ECDH_INIT', 31: 'MSG_KEX_ECDH_REPLY' },
  hybrid: { 30: 'MSG_KEX_HYBRID_INIT', 31: 'MSG_KEX_HYBRID_REPLY' },
  rsa: { 30: 'MSG_KEXRSA_PUBKEY', 31: 'MSG_KEXRSA_SECRET', 32: 'MSG_KEXRSA_DONE' },
  gss: {
    30: 'MSG_KEXGSS_INIT',
    31: 'MSG_KEXGSS_CONTINUE',
    32: 'MSG_KEXGSS_COMPLETE',
    33: 'MSG_KEXGSS_HOSTKEY',
    34: 'MSG_KEXGSS_ERROR',
    40: 'MSG_KEXGSS_GROUPREQ',
    41: 'MSG_KEXGSS_GROUP',
  },
  publickey: { 60: 'MSG_USERAUTH_PK_OK' },
  password: { 60: 'MSG_USERAUTH_PASSWD_CHANGEREQ' },
  'keyboard-interactive': { 60: 'MSG_USERAUTH_INFO_REQUEST', 61: 'MSG_USERAUTH_INFO_RESPONSE' },
  'gssapi-with-mic': {
    60: 'MSG_USERAUTH_GSSAPI_RESPONSE',
    61: 'MSG_USERAUTH_GSSAPI_TOKEN',
    63: 'MSG_USERAUTH_GSSAPI_EXCHANGE_COMPLETE',
    64: 'MSG_USERAUTH_GSSAPI_ERROR',
    65: 'MSG_USERAUTH_GSSAPI_ERRTOK',
    66: 'MSG_USERAUTH_GSSAPI_MIC',
  },
};

/** Map a kex algorithm name to its message family; other contexts pass through. */
function family(context: string): string {
  if (Object.hasOwn(BY_CONTEXT, context)) return context;
  if (context.startsWith('diffie-hellman-group-exchange-')) return 'gex';
  if (context.startsWith('diffie-hellman-')) return 'dh';
  if (context.startsWith('gss-')) return 'gss';
  if (context.startsWith('rsa')) return 'rsa';
  if (context.includes('mlkem') || context.includes('sntrup')) return 'hybrid';
  if (context.startsWith('ecdh-') || context.startsWith('curve')) return 'ecdh';
  return context;
}

/**
 * A printable name for a message number, for logs: 'MSG_KEXINIT'. For the
 * method-specific numbers 30-49 and 60-79, pass the kex family, kex
 * algorithm or auth method as `context`; without one (or for a number no
 * method defines) the name says which range the number is in.
 */
export function messageName(n: number, context?: MessageContext): string {
  const generic = GENERIC[n];
  if (generic !== undefined) return generic;
  if (context !== undefined) {
    const fam = family(context);
    const specific = Object.hasOwn(BY_CONTEXT, fam) ? BY_CONTEXT[fam]?.[n] : undefined;
    if (specific !== undefined) return specific;
  }
  if (n >= 30 && n <= 49) return `MSG_KEX_METHOD_SPECIFIC(${n})`;
  if (n >= 60 && n <= 79) return `MSG_USERAUTH_METHOD_SPECIFIC(${n})`;
  return `MSG_UNKNOWN(${n})`;
}
